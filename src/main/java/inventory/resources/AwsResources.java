package inventory.resources;

import inventory.ImportQueues;
import inventory.InventorySettings;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS resources the pipeline runs on, each created ({@code inventory.provision=true}) or found and checked, in
 * one pass and one style ({@link Resource}): the bucket, the inventory table with its stream, the state table (shared
 * state), the topic (SNS alerts), the import queues ({@code events} mode) and the alert dead-letter queue. A resource
 * the settings do not use is null.
 *
 * @param topicArn             the alert topic's ARN; null when alerts go elsewhere
 * @param importQueues         the import queue's and its dead-letter queue's URLs; null in {@code poll} mode
 * @param alertDeadLetterQueue the alert dead-letter queue's URL; null when dead letters go to a file
 */
public record AwsResources(String topicArn, ImportQueues importQueues, String alertDeadLetterQueue) {

    /** How long start-up waits for a table to become ACTIVE. */
    private static final Duration TABLE_WAIT = Duration.ofSeconds(60);

    /**
     * Creates or finds every resource the settings use, in dependency order (the bucket before its notifications).
     *
     * @throws IllegalStateException naming a missing or unfit resource and how to create it
     */
    public static AwsResources prepare(InventorySettings settings, S3Client s3, DynamoDbClient dynamoDb, SnsClient sns,
                                       SqsClient sqs) {
        boolean provision = settings.provision();
        new UploadBucket(s3, settings.bucket()).prepare(provision);
        new ItemTable(dynamoDb, settings, TABLE_WAIT).prepare(provision);
        if (settings.sharedState()) {
            new StateTable(dynamoDb, settings.stateTable(), TABLE_WAIT).prepare(provision);
        }
        String topicArn = settings.alertsToSns() ? new AlertTopic(sns, settings.topic()).prepare(provision) : null;
        ImportQueues importQueues = settings.importTrigger() == InventorySettings.ImportTrigger.EVENTS
                ? new UploadQueues(sqs, s3, settings).prepare(provision) : null;
        String alertDeadLetterQueue = settings.alertFailures().toQueue()
                ? new AlertDeadLetterQueue(sqs, settings.alertFailures().deadLetterQueue()).prepare(provision) : null;
        return new AwsResources(topicArn, importQueues, alertDeadLetterQueue);
    }
}
