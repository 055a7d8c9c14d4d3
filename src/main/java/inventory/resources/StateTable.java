package inventory.resources;

import static inventory.table.StateAttributes.EXPIRES_AT;
import static inventory.table.StateAttributes.KEY;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The DynamoDB table every replica shares for the stream reader's state ({@code inventory.state.table}): key
 * {@code id} (S) only, on-demand, Time to Live on {@code expiresAt} so published-alert items go once the stream can
 * no longer hold their records.
 */
public final class StateTable implements Resource<String> {

    private static final Logger LOG = LoggerFactory.getLogger(StateTable.class);

    private final DynamoDbClient dynamoDb;
    private final String name;
    private final Duration timeout;

    /** @param timeout how long to wait for the table to become ACTIVE */
    public StateTable(DynamoDbClient dynamoDb, String name, Duration timeout) {
        this.dynamoDb = dynamoDb;
        this.name = name;
        this.timeout = timeout;
    }

    /** Creates the table when missing and turns TTL on when off, then checks it; a second call changes nothing. */
    @Override
    public String create() {
        try {
            dynamoDb.describeTable(t -> t.tableName(name));
        } catch (ResourceNotFoundException e) {
            try {
                dynamoDb.createTable(t -> t.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build())
                        .attributeDefinitions(AttributeDefinition.builder().attributeName(KEY)
                                .attributeType(ScalarAttributeType.S).build()));
                LOG.info("Created state table {} (key id)", name);
            } catch (ResourceInUseException raced) {
                // created meanwhile (another replica): fine
            }
        }
        awaitActive(timeout); // UpdateTimeToLive refuses a table still CREATING
        if (ttlStatus() == TimeToLiveStatus.DISABLED) {
            try {
                dynamoDb.updateTimeToLive(t -> t.tableName(name)
                        .timeToLiveSpecification(s -> s.enabled(true).attributeName(EXPIRES_AT)));
                LOG.info("State table {}: Time to Live on {}", name, EXPIRES_AT);
            } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException raced) {
                if (ttlStatus() == TimeToLiveStatus.DISABLED) {
                    throw raced; // not another replica enabling it meanwhile
                }
            }
        }
        return find();
    }

    /** Waits for the table to be ACTIVE and checks its key; throws with what to fix. A disabled TTL is a WARN. */
    @Override
    public String find() {
        TableDescription table = awaitActive(timeout);
        var keys = table.keySchema();
        if (keys.size() != 1 || !keys.get(0).attributeName().equals(KEY) || table.attributeDefinitions().stream()
                .noneMatch(d -> d.attributeName().equals(KEY) && d.attributeType() == ScalarAttributeType.S)) {
            throw new IllegalStateException("DynamoDB table " + name + " (inventory.state.table) must have the one key "
                    + "id (HASH, type S), it has " + keys);
        }
        TimeToLiveStatus ttl = ttlStatus();
        if (ttl != TimeToLiveStatus.ENABLED && ttl != TimeToLiveStatus.ENABLING) {
            LOG.warn("State table {} has no Time to Live on {}: published-alert items are never deleted (aws dynamodb "
                    + "update-time-to-live --table-name {} --time-to-live-specification Enabled=true,AttributeName={})",
                    name, EXPIRES_AT, name, EXPIRES_AT);
        }
        return name;
    }

    private TableDescription awaitActive(Duration timeout) {
        return ActiveTable.await(dynamoDb, name, timeout, () -> "DynamoDB table " + name + " (inventory.state.table, "
                + "where the replicas share stream checkpoints and published alerts) does not exist; create it (key id "
                + "of type S, TTL on expiresAt, see deploy/aws), set inventory.provision=true, or set "
                + "inventory.state.table empty to keep that state in files (one instance only)");
    }

    private TimeToLiveStatus ttlStatus() {
        return dynamoDb.describeTimeToLive(t -> t.tableName(name)).timeToLiveDescription().timeToLiveStatus();
    }

    public String name() {
        return name;
    }
}
