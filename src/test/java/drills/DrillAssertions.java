package drills;

import static org.assertj.core.api.Assertions.assertThat;

/** What every scale-out, freeze and poison run must come to, whatever its disruptions. */
final class DrillAssertions {

    private DrillAssertions() {
    }

    static void outcome(ScaleOutDrill.Result r, int files) {
        assertThat(r.tableDifferences()).as("table vs conditional-write model (rows lost)").isEmpty();
        assertThat(r.audit().qualifying()).isPositive();
        assertThat(r.audit().lost()).as("lost alerts").isEmpty();
        assertThat(r.audit().unexpected()).as("alerts for no qualifying change").isEmpty();
        assertThat(r.audit().mismatched()).as("alerts that misstate their change").isEmpty();
        assertThat(r.unexplained()).as("repeated alerts not in flight at a leader kill or freeze").isEmpty();
        assertThat(r.importedTwice()).as("files imported completely more than once").isEmpty();
        assertThat(r.notArchived()).as("files not archived exactly once, or left in incoming/ or failed/").isEmpty();
        assertThat(r.reports()).as("one report per file").isEqualTo(files);
        assertThat(r.kills()).filteredOn(k -> k.what().startsWith("stream leader"))
                .as("one of the replicas standing by took over the stream")
                .allMatch(k -> k.failoverMs() >= 0 && !k.detail().equals(k.replica()));
        if (r.poisonRecords() > 0) {
            assertThat(r.skippedLines()).as("records another tool wrote that cannot alert, reported").isPositive();
        }
    }
}
