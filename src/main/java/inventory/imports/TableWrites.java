package inventory.imports;

import inventory.InventorySettings.ImportWrite;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Picks how a file's rows are written ({@code inventory.import.write}): PartiQL batches, unless the file has a column
 * name PartiQL cannot express (then, for that file only, conditional PutItem), or PutItem when configured.
 */
public final class TableWrites {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ImportWrite mode;
    private final ConditionalPut put;
    private final FirstStatementChoice firstStatement = new FirstStatementChoice();

    public TableWrites(DynamoDbClient dynamoDb, String table, ImportWrite mode) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.mode = mode;
        this.put = new ConditionalPut(dynamoDb, table);
    }

    /**
     * @param extras the file's pass-through column names, in file order
     * @param source {@code s3://bucket/key} of the file
     */
    public WriteStrategy forFile(List<String> extras, String source) {
        if (mode == ImportWrite.BATCH) {
            var statements = PartiqlRowStatements.forColumns(table, extras, source);
            if (statements.isPresent()) {
                return new PartiqlBatchWrites(dynamoDb, statements.get(), firstStatement);
            }
        }
        return new PutItemWrites(put, source);
    }
}
