package inventory.resources;

import inventory.InventorySettings;
import inventory.table.ItemAttributes;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The inventory table: keys store (HASH) and item (RANGE), and a stream with old and new images, which the alert
 * route reads ({@code every-change} alerts make do with new images).
 */
final class ItemTable implements Resource<String> {

    private static final Logger LOG = LoggerFactory.getLogger(ItemTable.class);

    private final DynamoDbClient dynamoDb;
    private final InventorySettings settings;
    private final Duration timeout;

    /** @param timeout how long to wait for the table to become ACTIVE */
    ItemTable(DynamoDbClient dynamoDb, InventorySettings settings, Duration timeout) {
        this.dynamoDb = dynamoDb;
        this.settings = settings;
        this.timeout = timeout;
    }

    @Override
    public String create() {
        try {
            dynamoDb.describeTable(t -> t.tableName(settings.table()));
        } catch (ResourceNotFoundException e) {
            try {
                dynamoDb.createTable(CreateTableRequest.builder()
                        .tableName(settings.table())
                        .keySchema(KeySchemaElement.builder().attributeName(ItemAttributes.STORE).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(ItemAttributes.ITEM).keyType(KeyType.RANGE).build())
                        .attributeDefinitions(
                                AttributeDefinition.builder().attributeName(ItemAttributes.STORE).attributeType(ScalarAttributeType.S).build(),
                                AttributeDefinition.builder().attributeName(ItemAttributes.ITEM).attributeType(ScalarAttributeType.S).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                        .build());
                LOG.info("Created table {} with a NEW_AND_OLD_IMAGES stream", settings.table());
            } catch (ResourceInUseException raced) {
                // created meanwhile: fine
            }
        }
        return find();
    }

    /** Waits for the table to be ACTIVE and checks its keys and stream; throws with what to fix. */
    @Override
    public String find() {
        TableDescription table = ActiveTable.await(dynamoDb, settings.table(), timeout, () -> "DynamoDB table "
                + settings.table() + " does not exist; create it (keys store/item, stream NEW_AND_OLD_IMAGES, see "
                + "deploy/aws) or set inventory.provision=true");
        var keys = table.keySchema();
        boolean keysOk = keys.size() == 2
                && keys.stream().anyMatch(k -> k.keyType() == KeyType.HASH && k.attributeName().equals(ItemAttributes.STORE))
                && keys.stream().anyMatch(k -> k.keyType() == KeyType.RANGE && k.attributeName().equals(ItemAttributes.ITEM));
        if (!keysOk) {
            throw new IllegalStateException("DynamoDB table " + settings.table() + " must have keys store (HASH) and "
                    + "item (RANGE), it has " + keys);
        }
        var stream = table.streamSpecification();
        if (stream == null || !Boolean.TRUE.equals(stream.streamEnabled())) {
            throw new IllegalStateException("DynamoDB table " + settings.table() + " has no stream; enable one with "
                    + "view type NEW_AND_OLD_IMAGES (aws dynamodb update-table --table-name " + settings.table()
                    + " --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES)");
        }
        if (stream.streamViewType() != StreamViewType.NEW_AND_OLD_IMAGES
                && !(stream.streamViewType() == StreamViewType.NEW_IMAGE
                    && settings.alertMode() == InventorySettings.AlertMode.EVERY_CHANGE)) {
            throw new IllegalStateException("The stream of table " + settings.table() + " has view type "
                    + stream.streamViewType() + "; alerts need NEW_AND_OLD_IMAGES");
        }
        return settings.table();
    }
}
