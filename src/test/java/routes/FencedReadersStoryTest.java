package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import inventory.InventorySettings.AlertMode;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import testsupport.AlertAudit;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.RunningPipeline;
import testsupport.StreamLedger;

/**
 * Two instances that each believe they read the stream (here: both told {@code inventory.cluster=none}, the way a
 * copied configuration or a partition would have it) still publish each alert once: each start begins a new reader
 * term in the shared state table, and the instance whose term ended can claim nothing more. It says so and reads on
 * no further; the other sends every alert.
 */
class FencedReadersStoryTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @Test
    void twoInstancesThatEachReadTheStreamPublishEveryAlertOnce() throws Exception {
        Properties first = PipelineTestSupport.pipelineProperties(sandbox.endpoint().toString(), "fenced-bucket",
                "fenced-table", "fenced-alerts", Files.createTempDirectory("fenced-a-"));
        first.setProperty("inventory.cluster", "none");
        first.setProperty("inventory.alert.format", "json");
        Properties second = (Properties) first.clone();
        second.setProperty("inventory.state-dir", Files.createTempDirectory("fenced-b-").toString());
        try (RunningPipeline a = RunningPipeline.start(first)) {
            PipelineProbe probeA = new PipelineProbe(sandbox.endpoint(), "fenced-bucket", "fenced-table", "fenced-alerts",
                    a::context);
            probeA.awaitStreamReader();
            try (RunningPipeline b = RunningPipeline.start(second)) {
                PipelineProbe probeB = new PipelineProbe(sandbox.endpoint(), "fenced-bucket", "fenced-table",
                        "fenced-alerts", b::context);
                probeB.awaitStreamReader();
                for (int i = 0; i < 20; i++) {
                    probeA.put("s" + (i % 3), "sku-" + i, 0, "2026-11-24T10:00:00.000Z");
                }
                probeB.awaitAlertRouteCaughtUp();
                await().atMost(PipelineProbe.TIMEOUT).until(() -> probeA.alerts().size() >= 20);
                List<JsonNode> alerts = AlertAudit.alerts(sandbox.endpoint(), AlertAudit.topicArn("fenced-alerts"));
                AlertAudit audit = AlertAudit.of(StreamLedger.qualifying(StreamLedger.records(probeA.streams,
                        "fenced-table"), 0, AlertMode.EVERY_CHANGE), alerts);
                assertThat(audit.qualifying()).isEqualTo(20);
                assertThat(audit.lost()).as("lost alerts").isEmpty();
                assertThat(audit.duplicates()).as("alerts sent by both").isEmpty();
                assertThat(probeA.metrics().alertsPublished()).as("the instance whose term ended").isZero();
                assertThat(probeB.metrics().alertsPublished()).isEqualTo(20);
                assertThat(probeA.metrics().isStreamReader()).as("it stopped reading").isFalse();
            }
        }
    }
}
