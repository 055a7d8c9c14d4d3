package inventory.resources;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Waiting for a DynamoDB table (the inventory table, the state table) to be ACTIVE at start-up. */
final class ActiveTable {

    private ActiveTable() {
    }

    /**
     * Describes the table every 500 ms until it is ACTIVE or {@code timeout} has passed, and returns the last description.
     *
     * @param missing the message when the table does not exist: what to create, or which property to set
     */
    static TableDescription await(DynamoDbClient dynamoDb, String name, Duration timeout, Supplier<String> missing) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            TableDescription table;
            try {
                table = dynamoDb.describeTable(t -> t.tableName(name)).table();
            } catch (ResourceNotFoundException e) {
                throw new IllegalStateException(missing.get());
            }
            if (table.tableStatus() == TableStatus.ACTIVE || Instant.now().isAfter(deadline)) {
                return table;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
