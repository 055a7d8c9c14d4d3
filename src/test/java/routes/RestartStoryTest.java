package routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.RunningPipeline;

/**
 * A restart resumes the stream from its checkpoint: it must not send again what it sent before, and must send
 * what changed while it was down.
 */
class RestartStoryTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @Test
    void restartDoesNotResendAlertsButSendsThoseMissedWhileDown() throws Exception {
        Path state = Files.createTempDirectory("restart-state-");
        Properties props = PipelineTestSupport.pipelineProperties(sandbox.endpoint().toString(), "restart-bucket",
                "restart-table", "restart-alerts", state);
        RunningPipeline first = RunningPipeline.start(props);
        PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), "restart-bucket", "restart-table",
                "restart-alerts", () -> null);
        try {
            probe.upload("incoming/inventory.csv", Files.readAllBytes(Path.of("samples", "inventory.csv")));
            probe.awaitAlerts(2);
        } finally {
            first.close();
        }

        // while the pipeline is down, a store sells out of an item
        probe.put("s001", "sku-1001", 0, "2026-11-24T11:00:00.000Z");

        try (RunningPipeline second = RunningPipeline.start(props)) {
            PipelineProbe after = new PipelineProbe(sandbox.endpoint(), "restart-bucket", "restart-table",
                    "restart-alerts", second::context);
            after.awaitAlerts(3);
            after.awaitAlertRouteCaughtUp();
            var alerts = after.alerts();
            assertThat(alerts).hasSize(3);
            JsonNode missed = alerts.get(2);
            assertThat(PipelineProbe.attr(missed, "store") + "/" + PipelineProbe.attr(missed, "item"))
                    .isEqualTo("s001/sku-1001");
            assertThat(alerts.stream().map(m -> m.get("messageId").asText()).distinct()).hasSize(3);
        }
    }
}
