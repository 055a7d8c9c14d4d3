package inventory.alerts;

import inventory.StateTable;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The published-alert log as items of the shared state table, so every replica skips what any of them sent:
 * {@code id = "alert#<stream eventID>"}, {@code publishedAt} (ISO), {@code expiresAt} (epoch seconds, 48 hours on:
 * the table's TTL deletes it once the stream can no longer hold its record, as {@link PublishedAlertLog} drops its
 * lines). {@code contains} is a consistent GetItem; {@code add} a PutItem on {@code attribute_not_exists(id)},
 * false when it was there. DynamoDB's own failures surface as {@link AlertLogUnavailableException} (retryable).
 *
 * <p>Camel's DynamoDB component (camel-aws2-ddb 4.17) ships no IdempotentRepository, hence this class.
 */
public final class TableAlertLog extends ServiceSupport implements IdempotentRepository {

    /** Set on the exchange once its event is recorded, so the idempotent consumer's own add costs no second write. */
    static final String RECORDED = "inventoryAlertRecorded";
    private static final Logger LOG = LoggerFactory.getLogger(TableAlertLog.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public TableAlertLog(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    @Override
    protected void doStart() {
        LOG.info("Alert log: DynamoDB table {}, items alert#<eventID> kept {} h (TTL on {})", table,
                PublishedAlertLog.RETENTION.toHours(), StateTable.EXPIRES_AT);
    }

    @Override
    public boolean contains(String key) {
        try {
            return dynamoDb.getItem(b -> b.tableName(table).key(key(key)).consistentRead(true)
                    .projectionExpression(StateTable.KEY)).hasItem();
        } catch (SdkException e) {
            throw unavailable("read", key, e);
        }
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        if (key.equals(exchange.getProperty(RECORDED, String.class))) {
            return false;
        }
        boolean added = add(key);
        exchange.setProperty(RECORDED, key);
        return added;
    }

    @Override
    public boolean add(String key) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = Map.of(StateTable.KEY, AttributeValue.fromS(id(key)),
                "publishedAt", AttributeValue.fromS(now.toString()),
                StateTable.EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(PublishedAlertLog.RETENTION).getEpochSecond())));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(id)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw unavailable("record", key, e);
        }
    }

    @Override
    public boolean remove(String key) {
        try {
            return !dynamoDb.deleteItem(b -> b.tableName(table).key(key(key)).returnValues(ReturnValue.ALL_OLD))
                    .attributes().isEmpty();
        } catch (SdkException e) {
            throw unavailable("remove", key, e);
        }
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    /** Refused: every replica shares this log, and forgetting what was sent would send it again. */
    @Override
    public void clear() {
        throw new UnsupportedOperationException("The published-alert log in DynamoDB table " + table + " is shared by "
                + "every replica and is not cleared; its items expire by TTL after " + PublishedAlertLog.RETENTION.toHours()
                + " h. Delete single items (id alert#<eventID>) to forget an alert.");
    }

    private static String id(String eventId) {
        return "alert#" + eventId;
    }

    private static Map<String, AttributeValue> key(String eventId) {
        return Map.of(StateTable.KEY, AttributeValue.fromS(id(eventId)));
    }

    private AlertLogUnavailableException unavailable(String what, String key, SdkException e) {
        return new AlertLogUnavailableException("Cannot " + what + " published alert " + id(key) + " in DynamoDB table "
                + table + ": " + e.getMessage(), e);
    }
}
