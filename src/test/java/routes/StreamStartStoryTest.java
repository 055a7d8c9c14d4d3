package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.RunningPipeline;
import testsupport.StreamLedger;

/**
 * {@code inventory.alert.start}: where a first start without a checkpoint begins to read a stream that already holds
 * changes. {@code trim-horizon} alerts for what the stream still keeps (up to 24 hours back); {@code latest} only for
 * what changes from then on. Either way a restart resumes from the checkpoint, not from the setting.
 */
class StreamStartStoryTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    private static List<String> alerted(PipelineProbe probe) throws Exception {
        return probe.alerts().stream().map(m -> PipelineProbe.attr(m, "item")).toList();
    }

    private static Properties props(String name, String start) throws Exception {
        Properties p = PipelineTestSupport.pipelineProperties(sandbox.endpoint().toString(), name, name, name,
                Files.createTempDirectory("start-state-"));
        p.setProperty("inventory.alert.start", start);
        return p;
    }

    /** A table with history: created (with its stream) by a first run that saw nothing, then changed while none ran. */
    private static PipelineProbe tableWithHistory(String name) throws Exception {
        Properties p = props(name, "latest");
        p.setProperty("inventory.cluster", "none");
        p.setProperty("inventory.state.table", ""); // a throwaway first run: no checkpoint left in the shared table
        try (RunningPipeline creator = RunningPipeline.start(p)) {
            new PipelineProbe(sandbox.endpoint(), name, name, name, creator::context).awaitStreamReader();
        }
        PipelineProbe outside = new PipelineProbe(sandbox.endpoint(), name, name, name, () -> null);
        outside.put("s1", "sold-out-yesterday", 0, "2026-11-24T08:00:00.000Z");
        outside.put("s1", "sold-out-this-morning", 0, "2026-11-24T09:00:00.000Z");
        // the stream stamps records to the second and a latest start keeps a second's margin: let that pass
        java.time.Instant made = StreamLedger.records(outside.streams, name).stream()
                .map(r -> r.dynamodb().approximateCreationDateTime()).max(java.util.Comparator.naturalOrder()).orElseThrow();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> java.time.Instant.now().isAfter(made.plusSeconds(2)));
        return outside;
    }

    @Test
    void trimHorizonAlertsForTheChangesTheStreamStillKeeps() throws Exception {
        tableWithHistory("from-horizon");
        try (RunningPipeline pipeline = RunningPipeline.start(props("from-horizon", "trim-horizon"))) {
            PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), "from-horizon", "from-horizon", "from-horizon",
                    pipeline::context);
            probe.awaitStreamReader();
            probe.put("s1", "sold-out-now", 0, "2026-11-24T10:00:00.000Z");
            probe.awaitAlerts(3);
            probe.awaitAlertRouteCaughtUp();
            assertThat(alerted(probe)).containsExactlyInAnyOrder("sold-out-yesterday", "sold-out-this-morning", "sold-out-now");
        }
    }

    @Test
    void latestAlertsOnlyForWhatChangesAfterTheFirstStartAndARestartResumesFromItsCheckpoint() throws Exception {
        tableWithHistory("from-latest");
        Properties p = props("from-latest", "latest");
        try (RunningPipeline pipeline = RunningPipeline.start(p)) {
            PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), "from-latest", "from-latest", "from-latest",
                    pipeline::context);
            probe.awaitStreamReader();
            probe.awaitAlertRouteCaughtUp();
            probe.put("s1", "sold-out-now", 0, "2026-11-24T10:00:00.000Z");
            probe.awaitAlerts(1);
            probe.awaitAlertRouteCaughtUp();
            assertThat(alerted(probe)).containsExactly("sold-out-now");
        }
        PipelineProbe outside = new PipelineProbe(sandbox.endpoint(), "from-latest", "from-latest", "from-latest", () -> null);
        outside.put("s1", "sold-out-while-down", 0, "2026-11-24T11:00:00.000Z");
        try (RunningPipeline again = RunningPipeline.start(p)) {
            PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), "from-latest", "from-latest", "from-latest",
                    again::context);
            probe.awaitAlerts(2);
            probe.awaitAlertRouteCaughtUp();
            assertThat(alerted(probe)).as("from its checkpoint, not from latest again")
                    .containsExactly("sold-out-now", "sold-out-while-down");
        }
    }
}
