package drills;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import testsupport.DrillFigures;

/**
 * Crash drills (issue 6): the pipeline, in its own JVM, SIGKILLed at random points against a standalone
 * sandbox that keeps its state on disk. The promise: every real change alerts exactly once — a change may
 * be alerted twice only when its publish was in flight at the instant of a kill (at most one per kill), and
 * never on a FIFO topic, which SNS deduplicates by the stream eventID. The sandbox's stream rolls over every 2 s
 * (or 50 records) with splits, so kills land across rollovers and restarts resume from checkpoints in shards that have since closed.
 *
 * <p>The short form runs in {@code mvn verify}; {@code -Pdrills} runs the long form (more kills, larger files).
 */
class CrashDrillTest {

    /** Kill points: 16 + 4 in the short form; the long form ({@code -Pdrills}) raises them and the file size. */
    private static final int KILLS = Integer.getInteger("drills.crash.kills", 16);
    private static final int FIFO_KILLS = Integer.getInteger("drills.crash.fifo-kills", 4);
    private static final int ROWS = Integer.getInteger("drills.crash.rows", 150);
    private static final long SEED = Long.getLong("drills.seed", 6);

    @RegisterExtension
    static final DrillSandbox SANDBOX = new DrillSandbox("crash-work");

    @Test
    void killedAnywhereThePipelineLosesNoRowAndNoAlertAndRepeatsOnlyThePublishInFlight() throws Exception {
        CrashDrill.Result r = new CrashDrill(SANDBOX.endpoint(), SANDBOX.work(), "crash-standard", "crash-alerts", KILLS, ROWS, false, SEED).run();
        DrillFigures.record("crash-standard-topic", r.figures());

        assertThat(r.kills()).hasSize(KILLS);
        assertThat(r.count(CrashDrill.Kill::midImport)).as("kills in the middle of an import").isPositive();
        assertThat(r.count(k -> k.alertsPending() > 0)).as("kills with alerts still to send").isPositive();
        assertThat(r.tableDifferences()).as("table vs conditional-put model (rows lost)").isEmpty();
        assertThat(r.leftOver()).as("files not imported, or failed").isEmpty();
        assertThat(r.audit().qualifying()).isPositive();
        assertThat(r.audit().lost()).as("lost alerts").isEmpty();
        assertThat(r.audit().unexpected()).as("alerts for no qualifying change").isEmpty();
        assertThat(r.audit().mismatched()).as("alerts that misstate their change").isEmpty();
        assertThat(r.unexplained()).as("repeated alerts not in flight at a kill").isEmpty();
        assertThat(r.audit().duplicateAlerts()).as("repeats (at most one per kill)").isLessThanOrEqualTo(KILLS);
        assertThat(r.shape().closed()).as("shards that rolled over during the drill").isGreaterThan(KILLS / 2);
        assertThat(r.shape().splits()).as("shards split into two").isPositive();
    }

    @Test
    void withAFifoTopicAKilledPipelineRepeatsNoAlertAtAll() throws Exception {
        CrashDrill.Result r = new CrashDrill(SANDBOX.endpoint(), SANDBOX.work(), "crash-fifo", "crash-alerts.fifo", FIFO_KILLS, ROWS, true, SEED + 1).run();
        DrillFigures.record("crash-fifo-topic", r.figures());

        assertThat(r.kills()).hasSize(FIFO_KILLS);
        assertThat(r.tableDifferences()).as("table vs conditional-put model (rows lost)").isEmpty();
        assertThat(r.leftOver()).as("files not imported, or failed").isEmpty();
        assertThat(r.audit().qualifying()).isPositive();
        assertThat(r.audit().lost()).as("lost alerts").isEmpty();
        assertThat(r.audit().unexpected()).as("alerts for no qualifying change").isEmpty();
        assertThat(r.republished()).as("changes published again after a kill (FIFO drops the repeat)").isPositive();
        assertThat(r.audit().duplicates()).as("a FIFO topic deduplicates by stream eventID").isEmpty();
        assertThat(r.shape().closed()).as("shards that rolled over during the drill").isPositive();
    }
}
