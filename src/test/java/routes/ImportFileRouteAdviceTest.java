package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import inventory.imports.CsvRow;
import inventory.imports.ImportReport;
import inventory.imports.RetryableImportException;
import inventory.imports.WrittenRow;
import inventory.table.WriteResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;

/**
 * The {@code import-file} route in Camel's test idiom: woven by node id (AdviceWith), awaited with a NotifyBuilder
 * on the exchanges of its trigger's route ({@code inventory-import}, whose exchange it runs on), against the sandbox. What the route itself decides: rows reach the row step one by one in file order, and a
 * failure's type picks its clause (try the file again later, or fail it now).
 */
class ImportFileRouteAdviceTest extends PipelineTestSupport {

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void rowsReachTheRowStepOneByOneInFileOrderAfterTheHeaderAndAreWritten() throws Exception {
        AdviceWith.adviceWith(context, ImportFileRoute.ROUTE_ID, a -> a.weaveById("check-row").before().to("mock:rows"));
        context.start();
        MockEndpoint rows = context.getEndpoint("mock:rows", MockEndpoint.class);
        rows.expectedMessageCount(3);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(InventoryImportRoute.ROUTE_ID).whenCompleted(1).create();

        probe.upload("incoming/order.csv", "store,item,quantity\ns1,c,3\ns1,a,1\n\"s1\",b,2\n");

        assertThat(done.matches(30, TimeUnit.SECONDS)).as("the file's exchange completed").isTrue();
        rows.assertIsSatisfied();
        List<CsvRow> seen = rows.getReceivedExchanges().stream().map(e -> e.getMessage().getBody(CsvRow.class)).toList();
        assertThat(seen).extracting(CsvRow::values)
                .containsExactly(List.of("s1", "c", "3"), List.of("s1", "a", "1"), List.of("s1", "b", "2"));
        assertThat(seen).extracting(CsvRow::endLine).containsExactly(2L, 3L, 4L);
        assertThat(probe.awaitReport("order.csv").get("inserted").asLong()).isEqualTo(3);
        assertThat(probe.item("s1", "b").get("quantity").n()).isEqualTo("2");
    }

    @Test
    void theWriteStepsHandBackWhatCameOfEveryRowAndTheCountsAreTheReports() throws Exception {
        AdviceWith.adviceWith(context, ImportFileRoute.ROUTE_ID, a -> {
            a.weaveById("write-rows").after().to("mock:written");
            a.weaveById("write-remaining-rows").after().to("mock:written");
        });
        context.start();
        MockEndpoint written = context.getEndpoint("mock:written", MockEndpoint.class);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(InventoryImportRoute.ROUTE_ID).whenCompleted(1).create();
        probe.put("s4", "old", 9, "2026-01-02T00:00:00Z");
        probe.put("s4", "newer", 9, "2026-01-01T00:00:00Z");

        probe.upload("incoming/outcomes.csv", "store,item,quantity,updated_at\n"
                + "s4,a,1,2026-01-01T00:00:00Z\n"
                + "s4,a,2,2026-01-01T00:00:00Z\n" // the same item, the same time: the first wins, this one is stale
                + "s4,old,3,2026-01-01T00:00:00Z\n" // older than the table's: stale
                + "s4,newer,4,2026-01-02T00:00:00Z\n" // newer: updated
                + "s4,bad,x,2026-01-01T00:00:00Z\n"); // rejected by the check: never reaches the writes

        assertThat(done.matches(30, TimeUnit.SECONDS)).as("the file's exchange completed").isTrue();
        // one body per row sent plus the last one: each a list of the rows whose writes ended meanwhile
        written.expectedMessageCount(5);
        written.assertIsSatisfied();
        Map<Long, WriteResult> outcomes = new TreeMap<>();
        for (var e : written.getReceivedExchanges()) {
            for (Object w : e.getMessage().getBody(List.class)) {
                WrittenRow row = (WrittenRow) w;
                assertThat(outcomes.put(row.row().line(), row.outcome().result())).as("each row once").isNull();
            }
        }
        assertThat(outcomes).containsExactly(Map.entry(2L, WriteResult.INSERTED), Map.entry(3L, WriteResult.STALE),
                Map.entry(4L, WriteResult.STALE), Map.entry(5L, WriteResult.UPDATED));
        JsonNode report = probe.awaitReport("outcomes.csv");
        assertThat(report.get("inserted").asLong()).isEqualTo(1);
        assertThat(report.get("stale").asLong()).isEqualTo(2);
        assertThat(report.get("updated").asLong()).isEqualTo(1);
        assertThat(report.get("rejected").asLong()).isEqualTo(1);
    }

    @Test
    void aRetryableFailureLeavesTheFileForTheNextPollThenFailsItAfterMaxAttempts() throws Exception {
        AdviceWith.adviceWith(context, ImportFileRoute.ROUTE_ID, a -> a.weaveById("check-row").before()
                .throwException(new RetryableImportException("writing rows", new IOException("advised: the table is out of reach"))));
        context.start();
        NotifyBuilder threeTries = new NotifyBuilder(context).fromRoute(InventoryImportRoute.ROUTE_ID).whenCompleted(3).create();

        probe.upload("incoming/unlucky.csv", "store,item,quantity\ns2,x,0\n");

        assertThat(threeTries.matches(30, TimeUnit.SECONDS)).as("three attempts at the file").isTrue();
        JsonNode report = probe.awaitReport("unlucky.csv");
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("failure").asText()).startsWith("gave up after 3 attempts: ")
                .contains("advised: the table is out of reach");
        await().atMost(PipelineProbe.TIMEOUT).until(() -> probe.keys("failed/").contains("failed/unlucky.csv")
                && probe.keys("incoming/").isEmpty());
        assertThat(probe.metrics().filesRetried()).as("attempts 1 and 2 left it for the next poll").isEqualTo(2);
        assertThat(probe.item("s2", "x")).as("no row written").isEmpty();
    }

    @Test
    void anUnforeseenFailureSendsTheFileToFailedAtOnceWithItsReason() throws Exception {
        AdviceWith.adviceWith(context, ImportFileRoute.ROUTE_ID, a -> a.weaveById("check-row").before()
                .throwException(new IllegalStateException("advised: a defect in a step")));
        context.start();

        failsAtOnce("defect.csv", "store,item,quantity\ns3,x,1\n", "advised: a defect in a step");
        assertThat(probe.metrics().filesRetried()).as("not tried again").isZero();
        assertThat(probe.metrics().filesFailed()).isEqualTo(1);
    }

    @Test
    void anUploadReplacedDuringItsImportStaysForItsOwnImportAndTheFirstReportNamesNoArchiveCopy() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean replaced = new java.util.concurrent.atomic.AtomicBoolean();
        AdviceWith.adviceWith(context, ImportFileRoute.ROUTE_ID, a -> {
            // the store uploads the same name again after the rows were read, before the upload is archived
            a.weaveById("archive-file").before().process(e -> {
                if (replaced.compareAndSet(false, true)) {
                    probe.upload("incoming/again.csv", "store,item,quantity\ns5,replacement,0\n");
                }
            });
            a.weaveById("archive-file").after().to("mock:archived");
        });
        context.start();
        MockEndpoint archived = context.getEndpoint("mock:archived", MockEndpoint.class);
        archived.expectedMessageCount(2);

        probe.upload("incoming/again.csv", "store,item,quantity\ns5,first,3\n");

        archived.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        List<ImportReport> reports = archived.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getBody(ImportReport.class)).toList();
        assertThat(reports.get(0).inserted()).as("the first upload's rows are written").isEqualTo(1);
        assertThat(reports.get(0).archivedAs()).as("the first upload was not archived: the key held the second").isNull();
        assertThat(reports.get(1).inserted()).as("the second upload had its own import").isEqualTo(1);
        assertThat(reports.get(1).archivedAs()).isEqualTo("processed/again.csv");
        assertThat(probe.object("processed/again.csv")).hasValueSatisfying(csv -> assertThat(csv).contains("replacement"));
        assertThat(probe.item("s5", "first")).isNotEmpty();
        assertThat(probe.item("s5", "replacement")).isNotEmpty();
        await().atMost(PipelineProbe.TIMEOUT).until(() -> probe.keys("incoming/").isEmpty());
    }

    @Test
    void aFailureWhileCountingTheWrittenRowsStopsTheSplitAndFailsTheFile() throws Exception {
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        AdviceWith.adviceWith(context, ImportFileRoute.ROUTE_ID, a -> {
            a.weaveById("check-row").before().to("mock:checked");
            // the second row's outcomes cannot be counted (the split's aggregation throws on them)
            a.weaveById("write-rows").after().process(e -> {
                if (written.incrementAndGet() == 2) {
                    e.getMessage().setBody(List.of("not a written row"));
                }
            });
        });
        context.start();
        MockEndpoint checked = context.getEndpoint("mock:checked", MockEndpoint.class);

        failsAtOnce("uncountable.csv", "store,item,quantity\ns6,a,1\ns6,b,2\ns6,c,3\ns6,d,4\ns6,e,5\n", "cannot be cast");
        assertThat(checked.getReceivedCounter()).as("the split stopped at the row it could not count").isEqualTo(2);
    }

    /** Uploads {@code incoming/<name>}; its one attempt ends with the file in failed/ and a report naming why. */
    private void failsAtOnce(String name, String csv, String reason) {
        NotifyBuilder once = new NotifyBuilder(context).fromRoute(InventoryImportRoute.ROUTE_ID).whenCompleted(1).create();
        probe.upload("incoming/" + name, csv);
        assertThat(once.matches(30, TimeUnit.SECONDS)).isTrue();
        JsonNode report = probe.awaitReport(name);
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("failure").asText()).contains(reason);
        await().atMost(PipelineProbe.TIMEOUT).until(() -> probe.keys("failed/").contains("failed/" + name)
                && probe.keys("incoming/").isEmpty());
    }
}
