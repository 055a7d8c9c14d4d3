package inventory.imports;

import inventory.table.StateAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Import attempts as items of the shared state table ({@code inventory.state.table}): {@code id =
 * "import#<bucket>/<key>"}, {@code version} (ETag and LastModified of the upload being counted), {@code attempts}
 * (added one per start by an atomic UpdateItem ADD), {@code expiresAt} (for the table's TTL). A start for another
 * version of the key replaces the item and counts one. A finished import sets the count back to 0 and lets the item
 * expire a day later: UpdateItem and PutItem are all it needs, the calls the state table already allows.
 */
public final class TableImportAttempts implements ImportAttempts {

    /** How long an unfinished count is kept: a file waiting longer than this starts counting again. */
    static final Duration KEPT = Duration.ofDays(7);
    /** How long a cleared count stays before the TTL removes it. */
    static final Duration CLEARED_KEPT = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(TableImportAttempts.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public TableImportAttempts(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public int start(UploadedFile file) {
        Map<String, AttributeValue> values = Map.of(":version", AttributeValue.fromS(ImportAttempts.version(file)),
                ":one", AttributeValue.fromN("1"), ":expires", AttributeValue.fromN(expiresAt(KEPT)));
        try {
            try {
                var counted = dynamoDb.updateItem(u -> u.tableName(table).key(key(file))
                        .updateExpression("SET version = :version, " + StateAttributes.EXPIRES_AT + " = :expires ADD attempts :one")
                        .conditionExpression("attribute_not_exists(" + StateAttributes.KEY + ") OR version = :version")
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.UPDATED_NEW));
                return Integer.parseInt(counted.attributes().get("attempts").n());
            } catch (ConditionalCheckFailedException newVersion) {
                Map<String, AttributeValue> item = new java.util.HashMap<>(key(file));
                item.put("version", values.get(":version"));
                item.put("attempts", values.get(":one"));
                item.put(StateAttributes.EXPIRES_AT, values.get(":expires"));
                dynamoDb.putItem(p -> p.tableName(table).item(item));
                return 1;
            }
        } catch (SdkException e) {
            throw new RetryableImportException("recording the import attempt of " + Printable.of(file.key())
                    + " in DynamoDB table " + table + " failed", e);
        }
    }

    @Override
    public void finish(UploadedFile file) {
        try {
            dynamoDb.updateItem(u -> u.tableName(table).key(key(file))
                    .updateExpression("SET attempts = :zero, " + StateAttributes.EXPIRES_AT + " = :expires")
                    .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"),
                            ":expires", AttributeValue.fromN(expiresAt(CLEARED_KEPT)))));
        } catch (SdkException e) {
            LOG.warn("Could not clear the import attempts of {} in {} (its TTL removes them): {}",
                    Printable.of(file.key()), table, Printable.of(e.getMessage()));
        }
    }

    private static Map<String, AttributeValue> key(UploadedFile file) {
        return Map.of(StateAttributes.KEY, AttributeValue.fromS("import#" + file.bucket() + "/" + file.key()));
    }

    private String expiresAt(Duration after) {
        return Long.toString(clock.instant().plus(after).getEpochSecond());
    }
}
