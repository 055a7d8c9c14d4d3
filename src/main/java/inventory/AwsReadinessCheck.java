package inventory;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Ready only when the AWS endpoints answer: the table (DescribeTable), the bucket (a one-key listing of the
 * incoming prefix) and the topic (GetTopicAttributes). Camel's own checks add that both routes run.
 */
public final class AwsReadinessCheck extends AbstractHealthCheck {

    private final AwsClients aws;
    private final InventorySettings settings;
    private final String topicArn;

    public AwsReadinessCheck(AwsClients aws, InventorySettings settings, String topicArn) {
        super("inventory", "aws");
        this.aws = aws;
        this.settings = settings;
        this.topicArn = topicArn;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String step = "DynamoDB DescribeTable " + settings.table();
        try {
            aws.dynamoDb().describeTable(t -> t.tableName(settings.table()));
            step = "S3 ListObjects " + settings.bucket();
            aws.s3().listObjects(l -> l.bucket(settings.bucket()).prefix(settings.incomingPrefix()).maxKeys(1));
            step = "SNS GetTopicAttributes " + topicArn;
            if (topicArn != null) {
                aws.sns().getTopicAttributes(t -> t.topicArn(topicArn));
            }
            builder.up();
        } catch (RuntimeException e) {
            builder.message(step + " failed: " + e.getMessage()).error(e).down();
        }
    }
}
