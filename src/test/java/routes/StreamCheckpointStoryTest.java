package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import inventory.AwsReadinessCheck;
import inventory.streams.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The alert route keeps its place in the stream across restarts (a checkpoint per shard), refuses to guess when
 * the checkpoint cannot be read, and follows the table's stream when it is turned off and on.
 */
class StreamCheckpointStoryTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    private static Properties props(String name, Path state) {
        Properties p = PipelineTestSupport.pipelineProperties(sandbox.endpoint().toString(), name, name, name, state);
        p.setProperty("inventory.alert.shard-refresh", "200");
        return p;
    }

    private static PipelineProbe probe(String name, RunningPipeline pipeline) {
        return new PipelineProbe(sandbox.endpoint(), name, name, name, pipeline::context);
    }

    @Test
    void restartResumesFromTheCheckpointAndReadsNothingTwiceEvenWithoutThePublishedAlertLog() throws Exception {
        Path state = Files.createTempDirectory("checkpoint-state-");
        Properties props = props("resume", state);
        try (RunningPipeline first = RunningPipeline.start(props)) {
            PipelineProbe probe = probe("resume", first);
            probe.uploadSample("inventory.csv");
            probe.awaitAlerts(2);
            probe.awaitAlertRouteCaughtUp();
        }
        assertThat(state.resolve("stream-checkpoints.json")).exists();
        // without the log of published alerts, only the checkpoint can keep the restart from alerting again
        Files.delete(state.resolve("published-alerts.log"));
        PipelineProbe outside = new PipelineProbe(sandbox.endpoint(), "resume", "resume", "resume", () -> null);
        long retained = outside.streamRecords();
        outside.put("s001", "sku-1001", 0, "2026-11-24T11:00:00.000Z");

        try (RunningPipeline second = RunningPipeline.start(props)) {
            PipelineProbe probe = probe("resume", second);
            probe.awaitAlerts(3);
            probe.awaitAlertRouteCaughtUp();
            assertThat(probe.alerts()).hasSize(3);
            assertThat(PipelineProbe.attr(probe.alerts().get(2), "item")).isEqualTo("sku-1001");
            // the stream held retained + 1 records; the restarted route read only the new one
            assertThat(probe.streamRecords()).isEqualTo(retained + 1);
            assertThat(probe.metrics().streamRecordsRead()).isEqualTo(1);
        }
    }

    @Test
    void anUnreadableCheckpointStopsStartUpNamingTheFileAndHowToReset() throws Exception {
        Path state = Files.createTempDirectory("checkpoint-state-");
        Path file = state.resolve("stream-checkpoints.json");
        Files.writeString(file, "{\"version\":1,\"streamArn\":");
        assertThatThrownBy(() -> RunningPipeline.start(props("torn", state)))
                .satisfies(e -> assertThat(org.apache.camel.util.ObjectHelper.getException(
                        inventory.streams.UnreadableCheckpointException.class, e))
                        .isNotNull()
                        .hasMessageContaining(file.toAbsolutePath().toString())
                        .hasMessageContaining("Delete it")
                        .hasMessageContaining("published-alert log"));
        assertThat(Files.readString(file)).isEqualTo("{\"version\":1,\"streamArn\":"); // not overwritten
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
