package drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import drills.ScaleOutDrill.Disruption;
import testsupport.DrillFigures;

/**
 * The scale-out drill (issues 11 and 18): three pipeline processes, each with a state folder of its own, share the
 * imports through the queue; one, elected through the shared state table, reads the stream; the leader and an
 * importer are SIGKILLed twice each while another tool writes records the route cannot take as its own into the
 * table. The promise: no row and no alert lost, an alert repeated only for the publish in flight at a leader kill,
 * every file archived once with one report.
 *
 * <p>The short form runs in {@code mvn verify} (50 files of 60 rows); {@code -Pdrills} runs 50 files of 210 rows
 * (10,500 rows). Figures in {@code target/drills/scale-out.txt}.
 */
class ScaleOutDrillTest {

    private static final int FILES = Integer.getInteger("drills.scale.files", 50);
    private static final int ROWS = Integer.getInteger("drills.scale.rows", 60);
    private static final long SEED = Long.getLong("drills.seed", 11);

    @RegisterExtension
    static final DrillSandbox SANDBOX = new DrillSandbox("scale-out-work");

    @Test
    void threeReplicasWithoutASharedFolderShareTheFilesAndSurviveKillsOfTheLeaderAndOfAnImporter() throws Exception {
        ScaleOutDrill.Options options = new ScaleOutDrill.Options(FILES, ROWS, List.of(Disruption.KILL_IMPORTER,
                Disruption.KILL_LEADER, Disruption.KILL_IMPORTER, Disruption.KILL_LEADER), Duration.ofSeconds(10),
                Duration.ZERO, false, true);
        ScaleOutDrill.Result r = new ScaleOutDrill(SANDBOX.endpoint(), SANDBOX.work(), "scale-out", options, SEED).run();
        DrillFigures.record("scale-out", r.figures());

        assertThat(r.kills()).extracting(ScaleOutDrill.Kill::what).containsExactly("importer mid-file",
                "stream leader mid-alerting", "importer mid-file", "stream leader mid-alerting");
        DrillAssertions.outcome(r, FILES);
        assertThat(r.importsPerReplica().values()).as("files imported by each replica").allMatch(n -> n > 0);
        assertThat(r.explained().size()).as("repeats: at most one per leader kill").isLessThanOrEqualTo(2);
    }
}
