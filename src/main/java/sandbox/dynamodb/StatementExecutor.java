package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sandbox.core.Json;
import sandbox.dynamodb.expr.Condition;
import sandbox.dynamodb.expr.DocPath;
import sandbox.dynamodb.expr.Evaluator;
import sandbox.dynamodb.expr.Operand;
import sandbox.dynamodb.expr.Projection;
import sandbox.dynamodb.partiql.KeyedWhere;
import sandbox.dynamodb.partiql.Statement;

/**
 * Runs one parsed PartiQL statement as the item write (or read) it stands for, through the same
 * {@link ItemOperations#execute} as PutItem/UpdateItem/DeleteItem: same locks, same conditions, same
 * stream records (none when nothing changes or a condition fails).
 */
final class StatementExecutor {

    /** What a statement did: its table, the item it returns (null: none) and the capacity it used. */
    record Result(String table, ObjectNode item, double units) {
    }

    /** The item a statement acts on, for refusing two statements on one item in a batch. */
    record Target(String table, ItemKey key) {
    }

    private static final String SELECT_BY_KEY = "The sandbox supports SELECT by full primary key only (a SELECT that "
            + "would query or scan is not supported): the WHERE clause must have key = value for every key attribute";
    private static final String BATCH_SELECT_BY_KEY =
            "Select statements within BatchExecuteStatement must specify the primary key in the where clause";

    private final TableCatalog catalog;
    private final ItemOperations items;

    StatementExecutor(TableCatalog catalog, ItemOperations items) {
        this.catalog = catalog;
        this.items = items;
    }

    /**
     * @param returnOldOnFailure ReturnValuesOnConditionCheckFailure=ALL_OLD
     * @param inBatch            for AWS's batch wording of a SELECT that does not name one item
     */
    Result run(Statement statement, boolean consistent, boolean returnOldOnFailure, boolean inBatch) {
        Table table = catalog.table(statement.table());
        if (statement instanceof Statement.Insert s) {
            return insert(table, s);
        }
        if (statement instanceof Statement.Update s) {
            return update(table, s, returnOldOnFailure);
        }
        if (statement instanceof Statement.Delete s) {
            return delete(table, s, returnOldOnFailure);
        }
        return select(table, (Statement.Select) statement, consistent, inBatch);
    }

    /** The item a statement names, or null when it names none (or its table or key is invalid). */
    Target target(Statement statement) {
        try {
            Table table = catalog.table(statement.table());
            TableSchema schema = table.schema();
            ItemKey key = statement instanceof Statement.Insert s ? schema.keyOfItem(s.item())
                    : keyOrNull(statement.where(), schema);
            return key == null ? null : new Target(table.name(), key);
        } catch (DynamoException e) {
            return null;
        }
    }

    private static ItemKey keyOrNull(Condition where, TableSchema schema) {
        KeyedWhere k = KeyedWhere.find(where, schema);
        return k == null ? null : k.key();
    }

    private Result insert(Table table, Statement.Insert s) {
        ObjectNode item = AttributeValues.item(s.item());
        ItemKey key = table.schema().keyOfItem(item);
        ItemOperations.checkItemSize(item);
        Condition absent = new Condition.Exists(DocPath.of(table.schema().hashName()), false);
        try {
            ItemWrite.Outcome o = items.execute(new ItemWrite(ItemWrite.Kind.PUT, table, key, item, null, absent, false));
            return new Result(table.name(), null, Capacity.writeUnits(ItemOperations.size(o.after())));
        } catch (DynamoException e) {
            if (e.code().equals("ConditionalCheckFailedException")) {
                throw new DynamoException("DuplicateItemException", "Duplicate primary key exists in table");
            }
            throw e;
        }
    }

    private Result update(Table table, Statement.Update s, boolean returnOldOnFailure) {
        KeyedWhere where = KeyedWhere.of(s.where(), table.schema());
        ItemOperations.refuseKeyUpdates(s.actions(), table.schema());
        // a PartiQL UPDATE is no upsert: the key in WHERE implies the item exists
        Condition exists = new Condition.Exists(DocPath.of(table.schema().hashName()), true);
        Condition condition = where.rest() == null ? exists : new Condition.And(exists, where.rest());
        ItemWrite.Outcome o = items.execute(new ItemWrite(ItemWrite.Kind.UPDATE, table, where.key(), null, s.actions(),
                condition, returnOldOnFailure));
        ObjectNode before = o.beforeItem();
        ObjectNode after = o.afterItem();
        Projection modified = Projection.of(s.actions().targets());
        ObjectNode returned = switch (s.returning()) {
            case ALL_OLD -> before;
            case ALL_NEW -> after;
            case MODIFIED_OLD -> nonEmpty(modified.apply(before));
            case MODIFIED_NEW -> nonEmpty(modified.apply(after));
            case NONE -> null;
        };
        return new Result(table.name(), returned, Capacity.writeUnits(ItemOperations.size(o.before()),
                ItemOperations.size(o.after())));
    }

    private Result delete(Table table, Statement.Delete s, boolean returnOldOnFailure) {
        KeyedWhere where = KeyedWhere.of(s.where(), table.schema());
        // AWS: a missing item is success with nothing deleted; only an existing item is checked
        Condition condition = where.rest() == null ? null
                : new Condition.Or(new Condition.Exists(DocPath.of(table.schema().hashName()), false), where.rest());
        ItemWrite.Outcome o = items.execute(new ItemWrite(ItemWrite.Kind.DELETE, table, where.key(), null, null,
                condition, returnOldOnFailure));
        ObjectNode returned = s.returning() == Statement.Returning.ALL_OLD ? o.beforeItem() : null;
        return new Result(table.name(), returned, Capacity.writeUnits(ItemOperations.size(o.before())));
    }

    private Result select(Table table, Statement.Select s, boolean consistent, boolean inBatch) {
        KeyedWhere where = KeyedWhere.find(s.where(), table.schema());
        if (where == null) {
            throw DynamoException.validation(inBatch ? BATCH_SELECT_BY_KEY : SELECT_BY_KEY);
        }
        StoredItem found = table.get(where.key());
        double units = Capacity.readUnits(ItemOperations.size(found), consistent);
        ObjectNode item = found == null ? null : found.item();
        if (found == null || where.rest() != null && !Evaluator.matches(where.rest(), item)) {
            return new Result(table.name(), null, units);
        }
        return new Result(table.name(), s.paths() == null ? item : project(item, s), units);
    }

    /** AWS names a selected nested value by its last path element ({@code SELECT a.b} gives {@code b}). */
    private static ObjectNode project(ObjectNode item, Statement.Select s) {
        ObjectNode out = Json.object();
        for (DocPath path : s.paths()) {
            JsonNode v = Evaluator.resolve(new Operand.PathRef(path), item);
            Object last = path.elements().get(path.elements().size() - 1);
            if (v != null) {
                out.set(last instanceof String name ? name : path.toString(), v);
            }
        }
        return out;
    }

    private static ObjectNode nonEmpty(ObjectNode o) {
        return o == null || o.isEmpty() ? null : o;
    }
}
