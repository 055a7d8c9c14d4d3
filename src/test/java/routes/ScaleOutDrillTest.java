package routes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scale-out drill (issue 11): three pipeline processes share the imports through the queue, one reads the
 * stream, and the leader and an importer are SIGKILLed twice each. The promise: no row and no alert lost, an alert
 * repeated only for the publish in flight at a leader kill, every file archived once with one report.
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
    void threeReplicasShareTheFilesAndSurviveKillsOfTheLeaderAndOfAnImporter() throws Exception {
        ScaleOutDrill.Result r = new ScaleOutDrill(SANDBOX.endpoint(), SANDBOX.work(), "scale-out", FILES, ROWS, SEED).run();
        DrillFigures.record("scale-out", r.figures());

        assertThat(r.kills()).extracting(ScaleOutDrill.Kill::what).containsExactly("importer mid-file",
                "stream leader mid-alerting", "importer mid-file", "stream leader mid-alerting");
        assertThat(r.importsPerReplica().values()).as("files imported by each replica").allMatch(n -> n > 0);
        assertThat(r.tableDifferences()).as("table vs conditional-write model (rows lost)").isEmpty();
        assertThat(r.audit().qualifying()).isPositive();
        assertThat(r.audit().lost()).as("lost alerts").isEmpty();
        assertThat(r.audit().unexpected()).as("alerts for no qualifying change").isEmpty();
        assertThat(r.audit().mismatched()).as("alerts that misstate their change").isEmpty();
        assertThat(r.unexplained()).as("repeated alerts not in flight at a leader kill").isEmpty();
        assertThat(r.importedTwice()).as("files imported completely more than once").isEmpty();
        assertThat(r.notArchived()).as("files not archived exactly once, or left in incoming/ or failed/").isEmpty();
        assertThat(r.reports()).as("one report per file").isEqualTo(FILES);
        assertThat(r.kills()).filteredOn(k -> k.what().startsWith("stream leader"))
                .as("one of the replicas standing by took over the stream")
                .allMatch(k -> k.failoverMs() >= 0 && !k.detail().equals(k.replica()));
    }
}
