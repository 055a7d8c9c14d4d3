package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import inventory.AwsReadinessCheck;
import inventory.resources.StateTable;
import inventory.streams.CheckpointStore;
import inventory.streams.TableCheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sandbox.SandboxExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.RunningPipeline;

/**
 * The alert route keeps its place in the stream across restarts (a checkpoint per shard, in the shared state table
 * or, with inventory.state.table empty, in a file), refuses to guess when the checkpoint cannot be read, and follows
 * the table's stream when it is turned off and on.
 */
class StreamCheckpointStoryTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();
    /** inventory.state.table's default: where the checkpoint and the published-alert log are unless it is empty. */
    private static final String STATE_TABLE = "inventory-pipeline-state";

    private static Properties props(String name, Path state) {
        Properties p = PipelineTestSupport.pipelineProperties(sandbox.endpoint().toString(), name, name, name, state);
        p.setProperty("inventory.alert.shard-refresh", "200");
        return p;
    }

    private static PipelineProbe probe(String name, RunningPipeline pipeline) {
        return new PipelineProbe(sandbox.endpoint(), name, name, name, pipeline::context);
    }

    /** {@code inventory.state.table=} empty: the checkpoint and the published-alert log are files in the state folder. */
    private static Properties fileState(Properties p) {
        p.setProperty("inventory.state.table", "");
        return p;
    }

    @ParameterizedTest(name = "state in {0}")
    @ValueSource(strings = {"table", "file"})
    void restartResumesFromTheCheckpointAndReadsNothingTwiceEvenWithoutThePublishedAlertLog(String form) throws Exception {
        Path state = Files.createTempDirectory("checkpoint-state-");
        String name = "resume-" + form;
        Properties props = form.equals("file") ? fileState(props(name, state)) : props(name, state);
        try (RunningPipeline first = RunningPipeline.start(props)) {
            PipelineProbe probe = probe(name, first);
            probe.uploadSample("inventory.csv");
            probe.awaitAlerts(2);
            probe.awaitAlertRouteCaughtUp();
        }
        PipelineProbe outside = new PipelineProbe(sandbox.endpoint(), name, name, name, () -> null);
        // without the log of published alerts, only the checkpoint can keep the restart from alerting again
        if (form.equals("file")) {
            assertThat(state.resolve("stream-checkpoints.json")).exists();
            Files.delete(state.resolve("published-alerts.log"));
        } else {
            assertThat(new TableCheckpointStore(outside.dynamoDb, STATE_TABLE, name, Clock.systemUTC()).load()).isPresent();
            assertThat(state.resolve("stream-checkpoints.json")).doesNotExist();
            assertThat(deletePublishedAlerts(outside)).as("this test's 2 and any of the tests before it").isGreaterThanOrEqualTo(2);
        }
        long retained = outside.streamRecords();
        outside.put("s001", "sku-1001", 0, "2026-11-24T11:00:00.000Z");

        try (RunningPipeline second = RunningPipeline.start(props)) {
            PipelineProbe probe = probe(name, second);
            probe.awaitAlerts(3);
            probe.awaitAlertRouteCaughtUp();
            assertThat(probe.alerts()).hasSize(3);
            assertThat(PipelineProbe.attr(probe.alerts().get(2), "item")).isEqualTo("sku-1001");
            // the stream held retained + 1 records; the restarted route read only the new one
            assertThat(probe.streamRecords()).isEqualTo(retained + 1);
            assertThat(probe.metrics().streamRecordsRead()).isEqualTo(1);
        }
    }

    /** Deletes every published-alert item of the shared state table; answers how many there were. */
    private static int deletePublishedAlerts(PipelineProbe probe) {
        int deleted = 0;
        for (var item : probe.dynamoDb.scanPaginator(b -> b.tableName(STATE_TABLE)).items()) {
            if (item.get("id").s().startsWith("alert#")) {
                probe.dynamoDb.deleteItem(b -> b.tableName(STATE_TABLE).key(Map.of("id", item.get("id"))));
                deleted++;
            }
        }
        return deleted;
    }

    @Test
    void anUnreadableCheckpointFileStopsStartUpNamingTheFileAndHowToReset() throws Exception {
        Path state = Files.createTempDirectory("checkpoint-state-");
        Path file = state.resolve("stream-checkpoints.json");
        Files.writeString(file, "{\"version\":1,\"streamArn\":");
        assertThatThrownBy(() -> RunningPipeline.start(fileState(props("torn", state))))
                .satisfies(e -> assertThat(org.apache.camel.util.ObjectHelper.getException(
                        inventory.streams.UnreadableCheckpointException.class, e))
                        .isNotNull()
                        .hasMessageContaining(file.toAbsolutePath().toString())
                        .hasMessageContaining("Delete it")
                        .hasMessageContaining("published-alert log"));
        assertThat(Files.readString(file)).isEqualTo("{\"version\":1,\"streamArn\":"); // not overwritten
    }

    @Test
    void anUnreadableCheckpointItemStopsStartUpNamingTheItemAndHowToReset() throws Exception {
        Path state = Files.createTempDirectory("checkpoint-state-");
        DynamoDbClient ddb = new PipelineProbe(sandbox.endpoint(), "torn-item", "torn-item", "torn-item", () -> null).dynamoDb;
        new StateTable(ddb, STATE_TABLE, Duration.ofSeconds(10)).create();
        Map<String, AttributeValue> torn = Map.of("id", AttributeValue.fromS("checkpoint#torn-item"),
                "version", AttributeValue.fromN("7"), "checkpoint", AttributeValue.fromB(SdkBytes.fromUtf8String("torn")));
        ddb.putItem(b -> b.tableName(STATE_TABLE).item(torn));
        assertThatThrownBy(() -> RunningPipeline.start(props("torn-item", state)))
                .satisfies(e -> assertThat(org.apache.camel.util.ObjectHelper.getException(
                        inventory.streams.UnreadableCheckpointException.class, e))
                        .isNotNull()
                        .hasMessageContaining("checkpoint#torn-item")
                        .hasMessageContaining("delete-item")
                        .hasMessageContaining("published-alert log"));
        assertThat(ddb.getItem(b -> b.tableName(STATE_TABLE).consistentRead(true).key(Map.of("id", torn.get("id"))))
                .item()).isEqualTo(torn); // not overwritten
    }

    @Test
    void streamTurnedOffAndOnIsFollowedWithReadinessDownMeanwhile() throws Exception {
        Path state = Files.createTempDirectory("checkpoint-state-");
        try (RunningPipeline pipeline = RunningPipeline.start(props("offon", state))) {
            PipelineProbe probe = probe("offon", pipeline);
            probe.awaitStreamReader(); // reading the first stream before it is replaced
            HealthCheck readiness = pipeline.context().getRegistry().findSingleByType(AwsReadinessCheck.class);
            assertThat(readiness.call().getState()).isEqualTo(HealthCheck.State.UP);
            String oldArn = probe.dynamoDb.describeTable(b -> b.tableName("offon")).table().latestStreamArn();

            probe.put("s1", "before-off", 0, "2026-11-24T10:00:00.000Z");
            // turned off at once: the change is in the old stream, which stays readable after it is disabled
            probe.dynamoDb.updateTable(b -> b.tableName("offon").streamSpecification(s -> s.streamEnabled(false)));
            await().atMost(PipelineProbe.TIMEOUT).until(() -> readiness.call().getState() == HealthCheck.State.DOWN);
            probe.put("s1", "while-off", 0, "2026-11-24T10:01:00.000Z"); // no stream: no record, no alert

            probe.dynamoDb.updateTable(b -> b.tableName("offon").streamSpecification(s -> s.streamEnabled(true)
                    .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
            String newArn = probe.dynamoDb.describeTable(b -> b.tableName("offon")).table().latestStreamArn();
            assertThat(newArn).isNotEqualTo(oldArn);
            probe.put("s1", "after-on", 0, "2026-11-24T10:02:00.000Z");

            probe.awaitAlerts(2);
            probe.awaitAlertRouteCaughtUp();
            await().atMost(PipelineProbe.TIMEOUT).until(() -> readiness.call().getState() == HealthCheck.State.UP);
            List<String> items = probe.alerts().stream().map(m -> PipelineProbe.attr(m, "item")).toList();
            assertThat(items).containsExactly("before-off", "after-on");
            CheckpointStore checkpoints = pipeline.context().getRegistry()
                    .findSingleByType(CheckpointStore.class);
            assertThat(checkpoints.load()).hasValueSatisfying(c -> assertThat(c.streamArn()).isEqualTo(newArn));
        }
    }

    @Test
    void streamReplacedWhileDownIsFinishedFromTheCheckpointThenTheNewOneReadFromItsStart() throws Exception {
        Path state = Files.createTempDirectory("checkpoint-state-");
        Properties props = props("replaced", state);
        try (RunningPipeline first = RunningPipeline.start(props)) {
            PipelineProbe probe = probe("replaced", first);
            probe.put("s1", "seen", 0, "2026-11-24T10:00:00.000Z");
            probe.awaitAlerts(1);
            probe.awaitAlertRouteCaughtUp();
        }
        PipelineProbe outside = new PipelineProbe(sandbox.endpoint(), "replaced", "replaced", "replaced", () -> null);
        outside.put("s1", "old-stream-unread", 0, "2026-11-24T10:01:00.000Z");
        outside.dynamoDb.updateTable(b -> b.tableName("replaced").streamSpecification(s -> s.streamEnabled(false)));
        outside.dynamoDb.updateTable(b -> b.tableName("replaced").streamSpecification(s -> s.streamEnabled(true)
                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        outside.put("s1", "new-stream", 0, "2026-11-24T10:02:00.000Z");

        try (RunningPipeline second = RunningPipeline.start(props)) {
            PipelineProbe probe = probe("replaced", second);
            probe.awaitAlerts(3);
            probe.awaitAlertRouteCaughtUp();
            assertThat(probe.alerts().stream().map(m -> PipelineProbe.attr(m, "item")).toList())
                    .containsExactly("seen", "old-stream-unread", "new-stream");
            assertThat(probe.metrics().streamRecordsRead()).isEqualTo(2);
        }
    }
}
