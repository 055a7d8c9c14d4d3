package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import testsupport.PipelineTestSupport;
import testsupport.RunningPipeline;

/** Start-up refuses to run with a bad setting or a table it cannot work with, and says why. */
class StartupTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    private static Properties props(String name) throws Exception {
        return PipelineTestSupport.pipelineProperties(sandbox.endpoint().toString(), name, name, name,
                Files.createTempDirectory("startup-"));
    }

    /** The innermost message: what the user reads on the console. */
    private static String failure(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Test
    void invalidValueStopsStartUpNamingThePropertyAndTheAllowedValues() throws Exception {
        Properties p = props("bad-mode");
        p.setProperty("inventory.alert.mode", "always");
        assertThatThrownBy(() -> RunningPipeline.start(p)).satisfies(e -> assertThat(failure(e))
                .contains("inventory.alert.mode")
                .contains("INVENTORY_ALERT_MODE")
                .contains("'always'")
                .contains("every-change, on-transition"));
    }

    @Test
    void aCamelComponentKeyThePipelineWouldIgnoreStopsStartUpNamingWhatToSetInstead() throws Exception {
        Properties p = props("component-region");
        p.setProperty("camel.component.aws2-s3.region", "eu-west-3");
        assertThatThrownBy(() -> RunningPipeline.start(p)).satisfies(e -> assertThat(failure(e))
                .contains("camel.component.aws2-s3.region is set")
                .contains("aws.region"));
    }

    @Test
    void tableWithoutStreamStopsStartUpWithWhatToDo() throws Exception {
        SandboxTestSupport.dynamodb(sandbox.endpoint()).createTable(b -> b.tableName("no-stream")
                .keySchema(KeySchemaElement.builder().attributeName("store").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("item").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("store").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("item").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        Properties p = props("no-stream");
        assertThatThrownBy(() -> RunningPipeline.start(p)).satisfies(e -> assertThat(failure(e))
                .contains("no-stream has no stream")
                .contains("StreamViewType=NEW_AND_OLD_IMAGES"));
    }

    @Test
    void provisioningCreatesBucketTableWithStreamAndTopic() throws Exception {
        try (RunningPipeline pipeline = RunningPipeline.start(props("fresh-one"))) {
            var table = SandboxTestSupport.dynamodb(sandbox.endpoint()).describeTable(b -> b.tableName("fresh-one")).table();
            assertThat(table.streamSpecification().streamViewTypeAsString()).isEqualTo("NEW_AND_OLD_IMAGES");
            assertThat(SandboxTestSupport.s3(sandbox.endpoint()).listBuckets().buckets())
                    .anyMatch(b -> b.name().equals("fresh-one"));
            assertThat(SandboxTestSupport.sns(sandbox.endpoint()).listTopics().topics())
                    .anyMatch(t -> t.topicArn().endsWith(":fresh-one"));
            assertThat(pipeline.context().getRouteController().getRouteStatus("inventory-import").isStarted()).isTrue();
            assertThat(pipeline.context().getRouteController().getRouteStatus("stock-alert").isStarted()).isTrue();
        }
    }
}
