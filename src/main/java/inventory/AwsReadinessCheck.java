package inventory;

import inventory.ImportQueues;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Ready only when the AWS endpoints answer: the table (DescribeTable, which must show an enabled stream: with
 * none, e.g. while it is turned off and on, no alert can be sent), the bucket (a one-key listing of the
 * incoming prefix; in {@code events} mode the import queue instead), the topic (GetTopicAttributes) and, with
 * {@code inventory.state.table}, the shared state table (DescribeTable). Camel's own checks add that both routes run.
 *
 * <p>A call that fails is DOWN only once calls have failed for {@code inventory.health.aws-grace} without a success
 * between: a blip of one AWS service hits every replica at once, and where leadership follows readiness (Kubernetes
 * counts Ready pods only) it would otherwise take all of them out of the election together.
 */
public final class AwsReadinessCheck extends AbstractHealthCheck {

    private final AwsClients aws;
    private final InventorySettings settings;
    private final String topicArn;
    private final ImportQueues queues;
    private final java.time.Duration grace;
    /** System.nanoTime of the first failure since the last success; 0 while the calls succeed. */
    private volatile long failingSince;

    /** @param queues {@code events} mode's queues, null in {@code poll} mode */
    public AwsReadinessCheck(AwsClients aws, InventorySettings settings, String topicArn, ImportQueues queues) {
        super("inventory", "aws");
        this.aws = aws;
        this.settings = settings;
        this.topicArn = topicArn;
        this.queues = queues;
        this.grace = settings.awsGrace();
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String step = "DynamoDB DescribeTable " + settings.table();
        try {
            var stream = aws.dynamoDb().describeTable(t -> t.tableName(settings.table())).table().streamSpecification();
            if (stream == null || !Boolean.TRUE.equals(stream.streamEnabled())) {
                builder.message("DynamoDB table " + settings.table() + " has no enabled stream: no alerts until one is enabled")
                        .down();
                return;
            }
            if (settings.sharedState()) {
                step = "DynamoDB DescribeTable " + settings.stateTable();
                aws.dynamoDb().describeTable(t -> t.tableName(settings.stateTable()));
            }
            if (queues == null) {
                step = "S3 ListObjects " + settings.bucket();
                aws.s3().listObjects(l -> l.bucket(settings.bucket()).prefix(settings.incomingPrefix()).maxKeys(1));
            } else {
                // events: instances read the queue, not the bucket's listing (and need no s3:ListBucket)
                step = "SQS GetQueueAttributes " + queues.queue().substring(queues.queue().lastIndexOf('/') + 1);
                aws.sqs().getQueueAttributes(q -> q.queueUrl(queues.queue()));
            }
            step = "SNS GetTopicAttributes " + (topicArn == null ? "" : topicArn.substring(topicArn.lastIndexOf(':') + 1));
            if (topicArn != null) {
                aws.sns().getTopicAttributes(t -> t.topicArn(topicArn));
            }
            failingSince = 0;
            builder.up();
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (failingSince == 0) {
                failingSince = now;
            }
            long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(now - failingSince);
            // what failed, not the exception's text: that would carry ARNs with the account id to anyone who asks
            builder.message(step + " failed" + (seconds > 0 ? " (failing for " + seconds + " s)" : "") + ": " + reason(e));
            if (now - failingSince >= grace.toNanos()) {
                builder.down();
            } else {
                builder.detail("grace", "DOWN after " + grace.toSeconds() + " s of failures (inventory.health.aws-grace)").up();
            }
        }
    }

    /** The AWS error code and HTTP status, or the kind of failure (a timeout, a refused connection). */
    static String reason(RuntimeException e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode() + " (HTTP " + aws.statusCode() + ")";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
