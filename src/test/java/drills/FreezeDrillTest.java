package drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import drills.ScaleOutDrill.Disruption;
import testsupport.DrillFigures;

/**
 * The freeze drill (issue 18): the stream leader of three replicas SIGSTOPped mid-alerting for longer than its lease,
 * twice, and SIGCONTinued after another took over; it wakes up believing it still reads the stream. Records another
 * tool writes go into the table meanwhile. The promise: no row or alert lost, at most one repeat per freeze (a publish
 * on the wire when it froze), none at all on a FIFO topic, and the thawed one sends nothing more.
 *
 * <p>Short form in {@code mvn verify}: 20 files of 60 rows, lease 4 s, frozen 10 s, a standard topic (the crash drill
 * shows a FIFO topic dropping repeats). {@code -Pdrills}: 50 files of 120 rows, lease 10 s (the default), frozen 25 s,
 * a standard and a FIFO topic. Figures in {@code target/drills/freeze*.txt}.
 */
class FreezeDrillTest {

    private static final int FILES = Integer.getInteger("drills.freeze.files", 20);
    private static final int ROWS = Integer.getInteger("drills.freeze.rows", 60);
    private static final Duration LEASE = Duration.ofSeconds(Long.getLong("drills.freeze.lease-seconds", 4));
    private static final Duration FREEZE = Duration.ofSeconds(Long.getLong("drills.freeze.seconds", 10));
    private static final long SEED = Long.getLong("drills.seed", 18);

    @RegisterExtension
    static final DrillSandbox SANDBOX = new DrillSandbox("freeze-work");

    /** {@code standard}, {@code fifo}: the short form freezes on a standard topic, {@code -Pdrills} on both. */
    private static final List<String> TOPICS = List.of(System.getProperty("drills.freeze.topics", "standard").split(","));

    private static ScaleOutDrill.Result run(String name, boolean fifo) throws Exception {
        ScaleOutDrill.Options options = new ScaleOutDrill.Options(FILES, ROWS,
                List.of(Disruption.FREEZE_LEADER, Disruption.FREEZE_LEADER), LEASE, FREEZE, fifo, true);
        ScaleOutDrill.Result r = new ScaleOutDrill(SANDBOX.endpoint(), SANDBOX.work().resolve(name), name, options, SEED)
                .run();
        DrillFigures.record(name, r.figures());
        DrillAssertions.outcome(r, FILES);
        assertThat(r.kills()).extracting(ScaleOutDrill.Kill::what).containsOnly("stream leader frozen past its lease");
        return r;
    }

    @Test
    void aLeaderFrozenPastItsLeaseTwiceLosesNothingAndRepeatsAtMostTheOnePublishItHadOnTheWire() throws Exception {
        for (String topic : TOPICS) {
            boolean fifo = topic.equals("fifo");
            ScaleOutDrill.Result r = run(fifo ? "freeze-fifo" : "freeze", fifo);
            assertThat(r.audit().duplicateAlerts()).as("repeats delivered, %s topic: at most one per freeze, none on FIFO",
                    topic).isLessThanOrEqualTo(fifo ? 0 : 2);
        }
    }
}
