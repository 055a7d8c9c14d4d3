package inventory.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inventory.ImportQueues;
import inventory.InventorySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SQS side of {@code events} mode: the import queue with its redrive policy to the dead-letter queue, the
 * queue policy that lets the bucket send to it, and the bucket's notifications of {@code s3:ObjectCreated:*} under
 * the incoming prefix with the key suffix, and with it and {@code .gz} (gzip uploads). The bucket's other notifications are kept; ours has a fixed id and is
 * replaced, so provisioning again after a change of prefix or suffix updates it.
 */
final class UploadQueues implements Resource<ImportQueues> {

    private static final Logger LOG = LoggerFactory.getLogger(UploadQueues.class);
    /** The id of the pipeline's entry among the bucket's queue notifications. */
    static final String NOTIFICATION_ID = "inventory-pipeline-uploads";
    /** Its twin for gzip uploads ({@code <suffix>.gz}): one notification filter holds one suffix. */
    static final String GZIP_NOTIFICATION_ID = NOTIFICATION_ID + "-gzip";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final S3Client s3;
    private final InventorySettings settings;

    UploadQueues(SqsClient sqs, S3Client s3, InventorySettings settings) {
        this.sqs = sqs;
        this.s3 = s3;
        this.settings = settings;
    }

    /** Creates or updates the queues and the notification; returns the queues' URLs. */
    @Override
    public ImportQueues create() {
        var queues = settings.eventQueues();
        String dlqUrl = createQueue(queues.deadLetterQueue(),
                Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Queues.DEAD_LETTER_RETENTION));
        String dlqArn = arn(dlqUrl);
        String url = createQueue(queues.queue(), Map.of());
        String queueArn = arn(url);
        ObjectNode redrive = JSON.createObjectNode().put("deadLetterTargetArn", dlqArn)
                .put("maxReceiveCount", settings.importMaxAttempts());
        // set every time: an existing queue takes the current timeout and max-attempts
        sqs.setQueueAttributes(a -> a.queueUrl(url).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(queues.visibilityTimeoutSeconds()),
                QueueAttributeName.REDRIVE_POLICY, redrive.toString(),
                QueueAttributeName.POLICY, bucketMaySend(queueArn))));
        notifyQueue(queueArn);
        LOG.info("Bucket {} notifies queue {} of uploads to {}*{} and *{}.gz (dead letters after {} receives: {})",
                settings.bucket(), url, settings.incomingPrefix(), settings.keySuffix(), settings.keySuffix(),
                settings.importMaxAttempts(), dlqUrl);
        return new ImportQueues(url, dlqUrl);
    }

    /** Without provisioning: the queues' URLs, which must exist. */
    @Override
    public ImportQueues find() {
        var queues = settings.eventQueues();
        return new ImportQueues(url(queues.queue(), "inventory.import.queue"),
                url(queues.deadLetterQueue(), "inventory.import.dead-letter-queue"));
    }

    private String createQueue(String nameOrUrl, Map<QueueAttributeName, String> attributes) {
        return Queues.create(sqs, nameOrUrl, attributes);
    }

    private String url(String nameOrUrl, String property) {
        return Queues.url(sqs, nameOrUrl, property);
    }

    private String arn(String url) {
        return sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** The queue policy S3 needs to deliver the bucket's notifications, and no more. */
    private String bucketMaySend(String queueArn) {
        ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement").addObject()
                .put("Sid", "BucketNotifiesUploads").put("Effect", "Allow").put("Action", "sqs:SendMessage")
                .put("Resource", queueArn);
        statement.putObject("Principal").put("Service", "s3.amazonaws.com");
        statement.putObject("Condition").putObject("ArnLike").put("aws:SourceArn", "arn:aws:s3:::" + settings.bucket());
        return policy.toString();
    }

    private void notifyQueue(String queueArn) {
        var current = s3.getBucketNotificationConfiguration(g -> g.bucket(settings.bucket()));
        List<QueueConfiguration> queueConfigs = new ArrayList<>();
        for (QueueConfiguration q : current.queueConfigurations()) {
            if (!NOTIFICATION_ID.equals(q.id()) && !GZIP_NOTIFICATION_ID.equals(q.id())) {
                queueConfigs.add(q);
            }
        }
        queueConfigs.add(uploads(NOTIFICATION_ID, queueArn, settings.keySuffix()));
        queueConfigs.add(uploads(GZIP_NOTIFICATION_ID, queueArn, settings.keySuffix() + ".gz"));
        s3.putBucketNotificationConfiguration(p -> p.bucket(settings.bucket()).notificationConfiguration(n -> n
                .queueConfigurations(queueConfigs)
                .topicConfigurations(current.topicConfigurations())
                .lambdaFunctionConfigurations(current.lambdaFunctionConfigurations())
                .eventBridgeConfiguration(current.eventBridgeConfiguration())));
    }

    private QueueConfiguration uploads(String id, String queueArn, String suffix) {
        return QueueConfiguration.builder().id(id).queueArn(queueArn)
                .events(Event.S3_OBJECT_CREATED)
                .filter(f -> f.key(k -> k.filterRules(
                        FilterRule.builder().name(FilterRuleName.PREFIX).value(settings.incomingPrefix()).build(),
                        FilterRule.builder().name(FilterRuleName.SUFFIX).value(suffix).build())))
                .build();
    }
}
