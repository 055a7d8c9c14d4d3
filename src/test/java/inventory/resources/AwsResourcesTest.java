package inventory.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.InventorySettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import testsupport.ShippedProperties;

/**
 * Every resource in one style against the sandbox over HTTP: created when provisioning (twice changes nothing), then
 * found as the same resources without provisioning; missing without provisioning, start-up stops naming it.
 */
class AwsResourcesTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    private static InventorySettings settings(String prefix, boolean provision) {
        Map<String, String> props = new HashMap<>();
        props.put("aws.endpoint", sandbox.endpoint().toString());
        props.put("inventory.provision", Boolean.toString(provision));
        props.put("inventory.bucket", prefix + "-uploads");
        props.put("inventory.table", prefix + "-items");
        props.put("inventory.topic", prefix + "-alerts");
        props.put("inventory.state.table", prefix + "-state");
        props.put("inventory.import.trigger", "events");
        props.put("inventory.import.queue", prefix + "-events");
        props.put("inventory.import.dead-letter-queue", prefix + "-events-dlq");
        props.put("inventory.alert.dead-letter-queue", prefix + "-alerts-dlq");
        return ShippedProperties.settings(props);
    }

    private static AwsResources prepare(InventorySettings settings) {
        S3Client s3 = SandboxTestSupport.s3(sandbox.endpoint());
        DynamoDbClient dynamoDb = SandboxTestSupport.dynamodb(sandbox.endpoint());
        SnsClient sns = SandboxTestSupport.sns(sandbox.endpoint());
        SqsClient sqs = SandboxTestSupport.sqs(sandbox.endpoint());
        return AwsResources.prepare(settings, s3, dynamoDb, sns, sqs);
    }

    @Test
    void createdWhenProvisioningIdempotentlyThenFoundAsTheSameWithout() {
        AwsResources created = prepare(settings("made", true));
        AwsResources again = prepare(settings("made", true));
        AwsResources found = prepare(settings("made", false));

        assertThat(created.topicArn()).endsWith(":made-alerts");
        assertThat(created.importQueues().queue()).endsWith("/made-events");
        assertThat(created.importQueues().deadLetterQueue()).endsWith("/made-events-dlq");
        assertThat(created.alertDeadLetterQueue()).endsWith("/made-alerts-dlq");
        assertThat(again).isEqualTo(created);
        assertThat(found).isEqualTo(created);
        DynamoDbClient dynamoDb = SandboxTestSupport.dynamodb(sandbox.endpoint());
        assertThat(dynamoDb.describeTable(t -> t.tableName("made-items")).table().streamSpecification().streamViewType())
                .hasToString("NEW_AND_OLD_IMAGES");
        assertThat(dynamoDb.describeTable(t -> t.tableName("made-state")).table().keySchema()).hasSize(1);
        assertThat(SandboxTestSupport.s3(sandbox.endpoint()).getBucketNotificationConfiguration(g -> g.bucket("made-uploads"))
                .queueConfigurations()).hasSize(2);
    }

    @Test
    void withoutProvisioningAMissingResourceStopsStartUpNamingItAndHowToCreateIt() {
        assertThatThrownBy(() -> prepare(settings("absent", false))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("absent-items").hasMessageContaining("inventory.provision=true")
                .hasMessageContaining("deploy/aws");
    }

    @Test
    void withoutProvisioningAMissingTopicIsNamedOnceTheTablesExist() {
        prepare(settings("notopic", true));
        SnsClient sns = SandboxTestSupport.sns(sandbox.endpoint());
        String arn = sns.listTopics().topics().stream().filter(t -> t.topicArn().endsWith(":notopic-alerts"))
                .findFirst().orElseThrow().topicArn();
        sns.deleteTopic(d -> d.topicArn(arn));

        assertThatThrownBy(() -> prepare(settings("notopic", false))).isInstanceOf(IllegalStateException.class)
                .hasMessage("SNS topic notopic-alerts does not exist; create it (see deploy/aws) or set "
                        + "inventory.provision=true");
    }
}
