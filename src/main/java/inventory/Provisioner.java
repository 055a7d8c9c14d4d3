package inventory;

import inventory.imports.ImportQueues;
import inventory.table.ItemAttributes;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.ListTopicsRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates what the pipeline needs when it is missing (bucket, table with its stream, topic), and checks
 * the table either way: the alert route needs a stream with old and new images.
 */
public final class Provisioner {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

    private final AwsClients aws;
    private final InventorySettings settings;
    private String createdTopicArn;
    private ImportQueues provisionedQueues;

    public Provisioner(AwsClients aws, InventorySettings settings) {
        this.aws = aws;
        this.settings = settings;
    }

    /** Creates missing resources. */
    public void provision() {
        provisionBucket();
        provisionTable();
        if (settings.sharedState()) {
            new StateTable(aws.dynamoDb(), settings.stateTable()).create(Duration.ofSeconds(60));
        }
        provisionTopic();
        if (settings.importTrigger() == InventorySettings.ImportTrigger.EVENTS) {
            provisionedQueues = new EventQueueProvisioner(aws, settings).provision();
        }
    }

    /**
     * {@code events} mode: the queues' URLs, as provisioning created them, else looked up (they must exist).
     *
     * @throws IllegalStateException naming what is missing and how to create it
     */
    public ImportQueues importQueues() {
        return provisionedQueues != null ? provisionedQueues : new EventQueueProvisioner(aws, settings).resolve();
    }

    /**
     * The alert dead-letter queue's URL ({@code inventory.alert.dead-letter-queue}): created (14 days' retention) when
     * provisioning, else looked up (it must exist).
     */
    public String alertDeadLetterQueue() {
        String queue = settings.alertFailures().deadLetterQueue();
        return settings.provision()
                ? Queues.create(aws.sqs(), queue, Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Queues.DEAD_LETTER_RETENTION))
                : Queues.url(aws.sqs(), queue, "inventory.alert.dead-letter-queue");
    }

    /** With shared state: the state table exists, is ACTIVE and has key id; throws with what to fix. */
    public void checkStateTable(Duration timeout) {
        if (settings.sharedState()) {
            new StateTable(aws.dynamoDb(), settings.stateTable()).check(timeout);
        }
    }

    private void provisionBucket() {
        try {
            aws.s3().headBucket(b -> b.bucket(settings.bucket()));
        } catch (NoSuchBucketException e) {
            try {
                aws.s3().createBucket(b -> b.bucket(settings.bucket()));
                LOG.info("Created bucket {}", settings.bucket());
            } catch (BucketAlreadyOwnedByYouException raced) {
                // created meanwhile: fine
            }
        }
    }

    private void provisionTable() {
        try {
            aws.dynamoDb().describeTable(t -> t.tableName(settings.table()));
        } catch (ResourceNotFoundException e) {
            try {
                aws.dynamoDb().createTable(CreateTableRequest.builder()
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
    }

    private void provisionTopic() {
        if (!settings.topic().startsWith("arn:")) {
            // CreateTopic is idempotent and answers the ARN: no ListTopics needed afterwards
            createdTopicArn = aws.sns().createTopic(CreateTopicRequest.builder().name(settings.topic())
                    .attributes(settings.topic().endsWith(".fifo") ? Map.of("FifoTopic", "true") : Map.of())
                    .build()).topicArn();
            LOG.debug("Topic {} is {}", settings.topic(), createdTopicArn);
        }
    }

    /**
     * The topic's ARN: {@code inventory.topic} itself when it is one, else found by name (ListTopics).
     *
     * @throws IllegalStateException when no topic has that name
     */
    public String topicArn() {
        String topic = settings.topic();
        if (topic.startsWith("arn:")) {
            return topic;
        }
        if (createdTopicArn != null) {
            return createdTopicArn;
        }
        String suffix = ":" + topic;
        for (var page : aws.sns().listTopicsPaginator(ListTopicsRequest.builder().build())) {
            for (var t : page.topics()) {
                if (t.topicArn().endsWith(suffix)) {
                    return t.topicArn();
                }
            }
        }
        throw new IllegalStateException("SNS topic " + topic + " does not exist; create it (see deploy/aws) or set "
                + "inventory.provision=true");
    }

    /** Waits for the table to be ACTIVE and checks its keys and stream; throws with what to fix. */
    public void checkTable(Duration timeout) {
        TableDescription table = ActiveTable.await(aws.dynamoDb(), settings.table(), timeout, () -> "DynamoDB table "
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
    }
}
