package inventory.imports;

import inventory.table.ItemAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The two PartiQL statements a row can be written with, for the columns of one file. Values are always {@code ?}
 * parameters; only names are in the text: identifiers in double quotes, the INSERT tuple's attribute names as
 * string literals in single quotes with an embedded {@code '} doubled (AWS's escape). A name with a double quote
 * or a control character is not expressed ({@link #forColumns} is empty): AWS documents no escape for a quote
 * inside a quoted identifier, so such a file is written with PutItem instead.
 *
 * <pre>
 * INSERT INTO "t" VALUE {'store': ?, 'item': ?, 'quantity': ?, 'updatedAt': ?, 'source': ?, 'name': ?}
 * UPDATE "t" SET "quantity" = ?, "updatedAt" = ?, "source" = ?, "name" = ?
 *   WHERE "store" = ? AND "item" = ? AND ("updatedAt" IS MISSING OR "updatedAt" &lt; ?)
 * </pre>
 */
final class PartiqlRowStatements {

    /** AWS's limit on a statement's length (BatchStatementRequest.Statement, ExecuteStatement.Statement). */
    static final int MAX_STATEMENT_CHARS = 8192;

    private final List<String> extras;
    private final String source;
    private final String insert;
    private final String update;

    private PartiqlRowStatements(List<String> extras, String source, String insert, String update) {
        this.extras = extras;
        this.source = source;
        this.insert = insert;
        this.update = update;
    }

    /**
     * @param extras the file's pass-through column names, in file order (as {@link InventoryRow#extras()} holds them)
     * @param source {@code s3://bucket/key} of the file
     * @return the statements, or empty when a name cannot be written in PartiQL or a statement would be too long
     */
    static Optional<PartiqlRowStatements> forColumns(String table, List<String> extras, String source) {
        if (!expressible(table) || !extras.stream().allMatch(PartiqlRowStatements::expressible)) {
            return Optional.empty();
        }
        List<String> set = new ArrayList<>(List.of(ItemAttributes.QUANTITY, ItemAttributes.UPDATED_AT, ItemAttributes.SOURCE));
        set.addAll(extras);
        List<String> tuple = new ArrayList<>(List.of(ItemAttributes.STORE, ItemAttributes.ITEM));
        tuple.addAll(set);
        String insert = "INSERT INTO " + name(table) + " VALUE {"
                + String.join(", ", tuple.stream().map(n -> literal(n) + ": ?").toList()) + "}";
        String u = name(ItemAttributes.UPDATED_AT);
        String update = "UPDATE " + name(table) + " SET " + String.join(", ", set.stream().map(n -> name(n) + " = ?").toList())
                + " WHERE " + name(ItemAttributes.STORE) + " = ? AND " + name(ItemAttributes.ITEM) + " = ? AND ("
                + u + " IS MISSING OR " + u + " < ?)";
        if (insert.length() > MAX_STATEMENT_CHARS || update.length() > MAX_STATEMENT_CHARS) {
            return Optional.empty();
        }
        return Optional.of(new PartiqlRowStatements(List.copyOf(extras), source, insert, update));
    }

    /** Creates the item; fails with DuplicateItem when its key exists. */
    BatchStatementRequest insert(InventoryRow row) {
        List<AttributeValue> p = new ArrayList<>(extras.size() + 5);
        p.add(AttributeValue.fromS(row.store()));
        p.add(AttributeValue.fromS(row.item()));
        addWritten(row, p);
        return BatchStatementRequest.builder().statement(insert).parameters(p).build();
    }

    /** Sets the row's attributes when the item exists and its updatedAt is missing or older; ALL_OLD on failure. */
    BatchStatementRequest update(InventoryRow row) {
        List<AttributeValue> p = new ArrayList<>(extras.size() + 6);
        addWritten(row, p);
        p.add(AttributeValue.fromS(row.store()));
        p.add(AttributeValue.fromS(row.item()));
        p.add(AttributeValue.fromS(UpdatedAt.format(row.updatedAt())));
        return BatchStatementRequest.builder().statement(update).parameters(p)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
    }

    /** The same statement on its own, so the SDK's retry strategy (backoff with jitter) applies to it alone. */
    static ExecuteStatementRequest alone(BatchStatementRequest s) {
        return ExecuteStatementRequest.builder().statement(s.statement()).parameters(s.parameters())
                .returnValuesOnConditionCheckFailure(s.returnValuesOnConditionCheckFailure()).build();
    }

    private void addWritten(InventoryRow row, List<AttributeValue> p) {
        p.add(AttributeValue.fromN(Long.toString(row.quantity())));
        p.add(AttributeValue.fromS(UpdatedAt.format(row.updatedAt())));
        p.add(AttributeValue.fromS(source));
        for (String column : extras) {
            p.add(AttributeValue.fromS(row.extras().get(column)));
        }
    }

    static boolean expressible(String name) {
        return name.chars().noneMatch(c -> c == '"' || Character.isISOControl(c));
    }

    static String name(String identifier) {
        return '"' + identifier + '"';
    }

    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }
}
