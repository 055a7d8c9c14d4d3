package drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import inventory.InventorySettings.AlertMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import testsupport.AlertAudit;
import testsupport.DrillFigures;
import testsupport.PipelineTestSupport;
import testsupport.SandboxFaults;
import testsupport.StreamLedger;

/**
 * Fault drills (issue 6): the sandbox throttles writes, fails SNS, S3 and the stream, and answers slowly,
 * through its test-only switch {@code /_sandbox/faults}; the pipeline must still write every row (the table
 * equals the conditional puts' model), alert every qualifying change (from the stream itself) exactly once,
 * and skip nothing, while the stream rolls over every 2 s or 50 records, with splits ({@link PipelineTestSupport#sandbox()}).
 */
class FaultDrillTest extends PipelineTestSupport {

    /** Rows per file; the long form ({@code -Pdrills}) raises it. */
    private static final int ROWS = Integer.getInteger("drills.fault.rows", 300);
    private static final Duration DEADLINE = Duration.ofSeconds(Long.getLong("drills.fault.deadline-seconds", 90));
    /** How long the all-at-once drill keeps failing. */
    private static final long CHAOS_MS = Long.getLong("drills.fault.chaos-ms", 5000);

    private final TableModel model = new TableModel();
    private final Random random = new Random(Long.getLong("drills.seed", 6));
    @RegisterExtension
    final SandboxFaults faults = new SandboxFaults(sandbox().endpoint());

    @Override
    protected void extraProperties(Properties p) {
        p.setProperty("inventory.alert.format", "json");
    }

    @Test
    void throttledWritesAreRetriedUntilEveryRowIsWritten() throws Exception {
        // for a period: unbounded, the SDK's backoff (up to 20 s) makes an unlucky row's retries a slow tail
        throttleWrites(0.3, ",\"durationMs\":4000}");
        upload("throttled.csv", ROWS);

        awaitDone("throttled.csv");
        assertThat(faults.fired("dynamodb", writeOperations().get(0))).isPositive();
        if (batchMode()) {
            assertThat(faults.fired("dynamodb", "BatchExecuteStatement.Statement")).isPositive();
        }
        assertNothingLostNothingTwice("fault-dynamodb-throttling");
    }

    @Test
    void snsOutageHoldsAlertsBackAndSendsEachOnceAfterwards() throws Exception {
        faults.add("{\"service\":\"sns\",\"operation\":\"Publish\",\"status\":500,\"code\":\"InternalError\",\"durationMs\":3000}");
        upload("during-outage.csv", ROWS);

        awaitDone("during-outage.csv");
        assertThat(faults.fired("sns", "Publish")).isPositive();
        assertThat(probe.metrics().alertsPublished()).isEqualTo(alertAudit().qualifying());
        assertNothingLostNothingTwice("fault-sns-outage");
    }

    @Test
    void s3ReadFailuresAreRetriedUntilTheFileLoads() throws Exception {
        faults.add("{\"service\":\"s3\",\"operation\":\"GetObject\",\"status\":500,\"code\":\"InternalError\",\"count\":7}");
        upload("unreadable-at-first.csv", ROWS);

        awaitDone("unreadable-at-first.csv");
        assertThat(faults.fired("s3", "GetObject")).isEqualTo(7);
        JsonNode report = probe.awaitReport("unreadable-at-first.csv");
        assertThat(report.get("inserted").asLong()).isEqualTo(model.size());
        assertNothingLostNothingTwice("fault-s3-get-object");
    }

    @Test
    void downloadCutMidFileIsImportedAgainWithoutLosingARow() throws Exception {
        String csv = inventoryFile(ROWS);
        // the first download breaks off halfway through the file, after some rows were written
        faults.add("{\"service\":\"s3\",\"operation\":\"GetObject\",\"cutAfterBytes\":" + csv.length() / 2 + ",\"count\":1}");
        probe.upload("incoming/cut-off.csv", csv);

        awaitDone("cut-off.csv");
        assertThat(faults.fired("s3", "GetObject")).isEqualTo(1);
        assertThat(probe.keys("processed/")).containsExactly("processed/cut-off.csv");
        JsonNode report = probe.awaitReport("cut-off.csv");
        assertThat(report.get("rows").asLong()).isEqualTo(ROWS);
        assertNothingLostNothingTwice("fault-s3-download-cut");
    }

    @Test
    void downloadCutInTheHeaderRowIsImportedAgainNotFailed() throws Exception {
        // the first download breaks off inside the header row: the file is fine, only the read failed
        faults.add("{\"service\":\"s3\",\"operation\":\"GetObject\",\"cutAfterBytes\":10,\"count\":1}");
        upload("cut-in-header.csv", ROWS);

        awaitDone("cut-in-header.csv");
        assertThat(faults.fired("s3", "GetObject")).isEqualTo(1);
        assertThat(probe.keys("processed/")).containsExactly("processed/cut-in-header.csv");
        assertThat(probe.keys("failed/")).isEmpty();
        assertThat(probe.awaitReport("cut-in-header.csv").get("rows").asLong()).isEqualTo(ROWS);
        assertNothingLostNothingTwice("fault-s3-download-cut-in-header");
    }

    @Test
    void archivingFailuresKeepTheFileUntilItCanBeMoved() throws Exception {
        // the SDK tries each request 3 times: 4 failures make the first completion fail once
        faults.add("{\"service\":\"s3\",\"operation\":\"CopyObject\",\"status\":503,\"code\":\"SlowDown\",\"count\":4}");
        upload("archived-late.csv", ROWS);

        awaitDone("archived-late.csv");
        assertThat(faults.fired("s3", "CopyObject")).isEqualTo(4);
        assertThat(probe.keys("processed/")).containsExactly("processed/archived-late.csv");
        assertThat(probe.metrics().filesProcessed()).isEqualTo(1);
        // the second attempt finds the rows already written: they count as stale, not lost
        JsonNode report = probe.awaitReport("archived-late.csv");
        assertThat(report.get("inserted").asLong() + report.get("stale").asLong()).isEqualTo(ROWS);
        assertNothingLostNothingTwice("fault-s3-archiving");
    }

    @Test
    void streamReadFailuresSkipNoRecord() throws Exception {
        faults.add("{\"service\":\"streams\",\"operation\":\"GetRecords\",\"status\":500,\"code\":\"InternalServerError\","
                + "\"probability\":0.5,\"durationMs\":4000}");
        upload("stream-hiccups.csv", ROWS);

        awaitDone("stream-hiccups.csv");
        assertThat(faults.fired("streams", "GetRecords")).isPositive();
        assertNothingLostNothingTwice("fault-streams-get-records");
    }

    @Test
    void slowResponsesDelayButLoseNothing() throws Exception {
        for (String operation : writeOperations()) {
            faults.add("{\"service\":\"dynamodb\",\"operation\":\"" + operation + "\",\"delayMs\":200,\"probability\":0.2}");
        }
        faults.add("{\"service\":\"s3\",\"operation\":\"GetObject\",\"delayMs\":1500}");
        faults.add("{\"service\":\"streams\",\"operation\":\"GetRecords\",\"delayMs\":300,\"probability\":0.5}");
        faults.add("{\"service\":\"sns\",\"operation\":\"Publish\",\"delayMs\":100,\"probability\":0.3}");
        upload("slow.csv", ROWS);

        awaitDone("slow.csv");
        assertThat(faults.fired("s3", "GetObject")).isPositive();
        assertThat(faults.fired("dynamodb", writeOperations().get(0))).isPositive();
        assertThat(faults.fired("sns", "Publish")).isPositive();
        assertNothingLostNothingTwice("fault-slow-responses");
    }

    @Test
    void everythingFailingAtOnceStillWritesEveryRowAndAlertsEachChangeOnce() throws Exception {
        String period = ",\"durationMs\":" + CHAOS_MS + "}";
        throttleWrites(0.2, period);
        for (String operation : writeOperations()) {
            faults.add("{\"service\":\"dynamodb\",\"operation\":\"" + operation + "\",\"delayMs\":50,\"probability\":0.1" + period);
        }
        faults.add("{\"service\":\"sns\",\"operation\":\"Publish\",\"status\":503,\"code\":\"ServiceUnavailable\","
                + "\"probability\":0.2" + period);
        faults.add("{\"service\":\"streams\",\"operation\":\"GetRecords\",\"status\":500,\"code\":\"InternalServerError\","
                + "\"probability\":0.2" + period);
        faults.add("{\"service\":\"s3\",\"operation\":\"GetObject\",\"status\":500,\"code\":\"InternalError\",\"count\":5}");
        faults.add("{\"service\":\"s3\",\"operation\":\"CopyObject\",\"status\":500,\"code\":\"InternalError\",\"probability\":0.3"
                + period);
        upload("chaos-1.csv", ROWS);
        upload("chaos-2.csv", ROWS);

        awaitDone("chaos-1.csv", "chaos-2.csv");
        assertNothingLostNothingTwice("fault-all-at-once");
    }

    /** Throttles every request that writes rows and, in batch mode, single statements of a batch too. */
    private void throttleWrites(double probability, String rest) throws Exception {
        for (String operation : writeOperations()) {
            faults.add("{\"service\":\"dynamodb\",\"operation\":\"" + operation + "\",\"status\":400,"
                    + "\"code\":\"ProvisionedThroughputExceededException\",\"probability\":" + probability + rest);
        }
        if (batchMode()) {
            faults.add("{\"service\":\"dynamodb\",\"operation\":\"BatchExecuteStatement.Statement\",\"status\":400,"
                    + "\"code\":\"ThrottlingError\",\"probability\":" + probability + rest);
        }
    }

    /** Uploads {@link #inventoryFile}. */
    private void upload(String name, int rows) {
        probe.upload("incoming/" + name, inventoryFile(rows));
    }

    /** A file of {@code rows} items of this test's store, about a quarter of them at zero, with unique timestamps. */
    private String inventoryFile(int rows) {
        StringBuilder csv = new StringBuilder("store,item,quantity,updated_at\n");
        Instant base = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(model.writes() * 10);
        for (int i = 0; i < rows; i++) {
            // items repeat across files of one test, so later files update (and re-alert) earlier ones
            String item = "sku-" + random.nextInt(Math.max(1, rows * 3 / 2));
            long quantity = random.nextInt(4);
            Instant at = base.plusSeconds(i);
            csv.append(id).append(',').append(item).append(',').append(quantity).append(',').append(at).append('\n');
            model.offer(id, item, quantity, at);
        }
        return csv.toString();
    }

    /**
     * Every file imported and moved, and every qualifying change in the stream alerted (or the deadline passes).
     * Files are watched by listing only, so the probe's own reads do not use up faults meant for the pipeline;
     * the probe's stream reads may meet a fault and are simply tried again.
     */
    private void awaitDone(String... files) {
        List<String> reports = List.of(files).stream().map(f -> "reports/" + f + ".json").toList();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
                probe.keys("incoming/").isEmpty() && probe.keys("reports/").containsAll(reports));
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> alertAudit().lost().isEmpty());
        probe.awaitAlertRouteCaughtUp(DEADLINE);
    }

    private AlertAudit alertAudit() throws Exception {
        var qualifying = StreamLedger.qualifying(StreamLedger.records(probe.streams, table), 0, AlertMode.EVERY_CHANGE);
        return AlertAudit.of(qualifying, AlertAudit.alerts(probe.endpoint, AlertAudit.topicArn(topic)));
    }

    private void assertNothingLostNothingTwice(String drill) throws Exception {
        faults.clear();
        List<String> differences = model.differences(probe.dynamoDb, table);
        AlertAudit audit = alertAudit();
        StreamLedger.Shape shape = StreamLedger.shape(probe.streams, table);
        DrillFigures.record(drill, "rows offered " + model.writes() + ", items " + model.size() + ", rows lost "
                + differences.size() + ", " + audit + ", failed files " + probe.metrics().filesFailed() + ", " + shape);
        assertThat(differences).as("table vs conditional-put model").isEmpty();
        assertThat(audit.qualifying()).as("changes that qualify for an alert").isPositive();
        assertThat(audit.lost()).as("lost alerts").isEmpty();
        assertThat(audit.duplicates()).as("duplicate alerts").isEmpty();
        assertThat(audit.unexpected()).as("alerts for no qualifying change").isEmpty();
        assertThat(audit.mismatched()).as("alerts that misstate their change").isEmpty();
        assertThat(probe.metrics().filesFailed()).as("files given up").isZero();
        assertThat(shape.closed()).as("shards that rolled over during the drill").isPositive();
    }
}
