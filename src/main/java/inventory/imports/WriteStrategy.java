package inventory.imports;

import java.util.List;

/**
 * How rows reach the table, one request at a time; {@link RowWriter} decides which rows go together and when.
 * The rows of one call are of distinct items. Implementations: {@link PutItemWrites} (one conditional PutItem a
 * row) and {@link PartiqlBatchWrites} (up to 25 conditional PartiQL statements a request).
 *
 * <p>With {@link ConditionalPut} they are the conditional-write adapter: they call the SDK's client because
 * camel-aws2-ddb 4.17 cannot make these writes (its PutItem sends only the legacy {@code Expected} map, no
 * ConditionExpression; it has no ExecuteStatement/BatchExecuteStatement). README, "Dependencies, and why", says what
 * to replace when Camel can.
 */
public interface WriteStrategy {

    /** Most rows in one call. */
    int maxRows();

    /** Most row bytes ({@link InventoryRow#bytes()}) in one call; a larger row goes alone. */
    long maxBytes();

    /**
     * Writes the rows and says how each ended, in the same order. Throws when the file must stop (the table is
     * missing, DynamoDB is unreachable or throttles past the SDK's retries): the file is then imported again.
     */
    List<RowOutcome> write(List<InventoryRow> rows);
}
