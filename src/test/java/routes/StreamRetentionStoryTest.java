package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import sandbox.MovableClock;
import sandbox.SandboxConfig;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.RunningPipeline;

/**
 * Time on the stream's side: iterators expire after 15 minutes and records are trimmed after 24 hours. The
 * sandbox's clock is moved by hand; the pipeline runs on real time.
 */
class StreamRetentionStoryTest {

    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-11-24T08:00:00Z"));
    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension(SandboxConfig.ephemeral().withClock(CLOCK));

    private static Properties props(String name) throws Exception {
        Properties p = PipelineTestSupport.pipelineProperties(sandbox.endpoint().toString(), name, name, name,
                Files.createTempDirectory("retention-state-"));
        // the sandbox's clock is days behind the pipeline's: its records would all count as too old to alert
        p.setProperty("inventory.alert.max-record-age", "0");
        return p;
    }

    private static void soldOut(PipelineProbe probe, String item) {
        probe.put("s1", item, 0, "2026-11-24T08:00:00.000Z");
    }

    private static List<String> alertedItems(PipelineProbe probe) throws Exception {
        return probe.alerts().stream().map(m -> PipelineProbe.attr(m, "item")).toList();
    }

    @Test
    void expiredIteratorsResumeAfterTheLastRecordSeenReadingNothingTwice() throws Exception {
        try (RunningPipeline pipeline = RunningPipeline.start(props("expiry"))) {
            PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), "expiry", "expiry", "expiry", pipeline::context);
            soldOut(probe, "first");
            probe.awaitAlerts(1);
            probe.awaitAlertRouteCaughtUp();

            CLOCK.advance(Duration.ofMinutes(16)); // every iterator the route holds is now expired
            soldOut(probe, "second");
            probe.awaitAlerts(2);
            probe.awaitAlertRouteCaughtUp();
            assertThat(alertedItems(probe)).containsExactly("first", "second");
            assertThat(probe.metrics().streamRecordsRead()).isEqualTo(2);
            assertThat(probe.metrics().streamTrimmedCount()).isZero();
        }
    }

    @Test
    void recordsTrimmedWhileDownAreCountedAndEverythingRetainedIsAlerted() throws Exception {
        Properties props = props("outage");
        try (RunningPipeline first = RunningPipeline.start(props)) {
            PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), "outage", "outage", "outage", first::context);
            soldOut(probe, "before");
            probe.awaitAlerts(1);
            probe.awaitAlertRouteCaughtUp();
        }
        PipelineProbe outside = new PipelineProbe(sandbox.endpoint(), "outage", "outage", "outage", () -> null);
        soldOut(outside, "during");            // written while down...
        CLOCK.advance(Duration.ofHours(25));   // ...and trimmed before the pipeline is back
        soldOut(outside, "after");

        try (RunningPipeline second = RunningPipeline.start(props)) {
            PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), "outage", "outage", "outage", second::context);
            probe.awaitAlerts(2);
            probe.awaitAlertRouteCaughtUp();
            assertThat(alertedItems(probe)).containsExactly("before", "after");
            assertThat(probe.metrics().streamTrimmedCount()).isPositive();
        }
    }
}
