package drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import inventory.imports.CsvDialect;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import routes.InventoryImportRoute;
import routes.StockAlertRoute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import testsupport.DrillFigures;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;

/**
 * Poison input (issue 6): every file of {@code src/test/resources/bad-input/} is uploaded to the running
 * pipeline at once and must end exactly as {@code expected.json} says — report, counts, line-numbered reasons,
 * table contents, alerts, the original archived byte for byte — with no failed exchange, no file left behind
 * and nothing written outside the output prefixes.
 */
class PoisonInputTest extends PipelineTestSupport {

    private static final Set<String> OUTPUT_PREFIXES = Set.of("processed/", "failed/", "reports/", "rejected/");
    private static final Duration ALL_IMPORTED = Duration.ofSeconds(120);

    @Test
    void everyPoisonFileEndsAsItsManifestSaysWithoutACrashOrAStuckRoute() throws Exception {
        List<PoisonCorpus.Case> cases = PoisonCorpus.load();
        assertThat(cases).extracting(PoisonCorpus.Case::file).containsExactlyInAnyOrderElementsOf(PoisonCorpus.files());
        assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
        AtomicInteger failedExchanges = countFailedExchanges();

        for (PoisonCorpus.Case c : cases) {
            probe.upload(c.key(), c.content());
        }
        await().atMost(ALL_IMPORTED).pollInterval(Duration.ofMillis(200)).until(() ->
                probe.keys("incoming/").isEmpty() && cases.stream().allMatch(c -> probe.object(c.reportKey()).isPresent()));
        probe.awaitAlertRouteCaughtUp();

        SoftAssertions soft = new SoftAssertions();
        int rowsLost = 0;
        for (PoisonCorpus.Case c : cases) {
            checkReport(c, soft);
            checkArchivedUnchanged(c, soft);
            checkRejectedRows(c, soft);
            rowsLost += checkItems(c, soft);
        }
        checkNothingElseWritten(cases, soft);
        checkAlerts(cases, soft);
        soft.assertThat(probe.keys("")).as("every key is below an output prefix")
                .allMatch(k -> OUTPUT_PREFIXES.stream().anyMatch(k::startsWith));
        soft.assertThat(failedExchanges.get()).as("failed exchanges (crashes) of the import route").isZero();
        soft.assertThat(context.getRouteController().getRouteStatus(InventoryImportRoute.ROUTE_ID).isStarted()).isTrue();
        soft.assertThat(context.getRouteController().getRouteStatus(StockAlertRoute.ROUTE_ID).isStarted()).isTrue();

        DrillFigures.record("poison-input", "input cases tried " + cases.size() + ", crashes " + failedExchanges.get()
                + ", stuck files " + probe.keys("incoming/").size() + ", rows lost " + rowsLost
                + ", assertions failed " + soft.errorsCollected().size());
        soft.assertAll();
    }

    /** Counts exchanges that end failed: the route could not handle a file (a row's split exchange does not count). */
    private AtomicInteger countFailedExchanges() throws Exception {
        AtomicInteger failed = new AtomicInteger();
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                // a split row failing is the file's business (caught and reported); a failed file exchange is a crash
                if (event instanceof CamelEvent.ExchangeFailedEvent f
                        && f.getExchange().getProperty(ExchangePropertyKey.CORRELATION_ID) == null) {
                    failed.incrementAndGet();
                }
            }
        };
        context.getManagementStrategy().addEventNotifier(notifier);
        notifier.start();
        return failed;
    }

    private void checkReport(PoisonCorpus.Case c, SoftAssertions soft) throws Exception {
        JsonNode expected = c.expected();
        JsonNode report = PipelineProbe.JSON.readTree(probe.object(c.reportKey()).orElseThrow());
        String as = c.file() + " report";
        soft.assertThat(report.get("file").asText()).as(as + " file").isEqualTo(c.key());
        soft.assertThat(report.get("status").asText()).as(as + " status").isEqualTo(expected.get("status").asText());
        soft.assertThat(report.get("failure").isNull() ? null : report.get("failure").asText()).as(as + " failure")
                .isEqualTo(expected.get("failure").isNull() ? null : expected.get("failure").asText());
        for (String count : List.of("rows", "inserted", "updated", "stale", "rejected")) {
            soft.assertThat(report.get(count).asLong()).as(as + " " + count).isEqualTo(expected.get(count).asLong());
        }
        soft.assertThat(lineReasons(report.get("errors"))).as(as + " errors").containsExactlyElementsOf(texts(expected.get("errors")));
        soft.assertThat(report.get("errorsOmitted").asLong()).as(as + " errorsOmitted").isZero();
        soft.assertThat(report.get("archivedAs").asText()).as(as + " archivedAs").isEqualTo(c.archivedAs());
    }

    /** Never lost: the upload is in processed/ or failed/, byte for byte. */
    private void checkArchivedUnchanged(PoisonCorpus.Case c, SoftAssertions soft) {
        byte[] archived = probe.s3.getObjectAsBytes(b -> b.bucket(bucket).key(c.archivedAs())).asByteArray();
        soft.assertThat(archived).as(c.file() + " archived as uploaded").isEqualTo(c.content());
    }

    /** Every rejected row is in the rejected CSV with its line and reason, and no field can run as a formula. */
    private void checkRejectedRows(PoisonCorpus.Case c, SoftAssertions soft) throws Exception {
        long rejected = c.expected().get("rejected").asLong();
        var text = probe.object(c.rejectedKey());
        String as = c.file() + " rejected CSV";
        if (rejected == 0) {
            soft.assertThat(text).as(as).isEmpty();
            return;
        }
        if (text.isEmpty()) {
            soft.fail(as + " is missing");
            return;
        }
        List<CSVRecord> records;
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(text.get())).setFormat(CsvDialect.format(',')).get()) {
            records = p.getRecords();
        }
        soft.assertThat(records).as(as + " rows").hasSize((int) rejected + 1);
        soft.assertThat(records.get(0).values()).as(as + " header").startsWith("line", "error");
        List<String> lineReasons = new ArrayList<>();
        for (CSVRecord r : records.subList(1, records.size())) {
            lineReasons.add(r.get(0) + ": " + r.get(1));
        }
        soft.assertThat(lineReasons).as(as + " lines and reasons").containsExactlyElementsOf(texts(c.expected().get("errors")));
        for (CSVRecord r : records) {
            for (String field : r.values()) {
                soft.assertThat(field.isEmpty() || "=+-@\t\r".indexOf(field.charAt(0)) < 0)
                        .as(as + " field '" + field + "' is defused").isTrue();
            }
        }
        if (c.expected().has("rejectedCsv")) {
            List<List<String>> actual = records.stream().map(r -> List.of(r.values())).toList();
            List<List<String>> expected = new ArrayList<>();
            c.expected().get("rejectedCsv").forEach(row -> expected.add(texts(row)));
            soft.assertThat(actual).as(as + " exactly").isEqualTo(expected);
        }
    }

    /** @return expected items missing or different in the table */
    private int checkItems(PoisonCorpus.Case c, SoftAssertions soft) {
        int lost = 0;
        var items = c.expected().get("items").fields();
        while (items.hasNext()) {
            var e = items.next();
            String[] key = storeAndItem(e.getKey());
            Map<String, AttributeValue> item = probe.item(key[0], key[1]);
            String as = c.file() + " item " + clip(e.getKey());
            JsonNode want = e.getValue();
            boolean ok = !item.isEmpty() && item.get("quantity").n().equals(want.get("quantity").asText())
                    && (!want.has("updatedAt") || item.get("updatedAt").s().equals(want.get("updatedAt").asText()))
                    && item.get("source").s().equals("s3://" + bucket + "/" + c.key());
            if (!ok) {
                lost++;
                soft.fail(as + ": expected " + want + " from " + c.key() + " but the table has " + item);
            }
        }
        for (JsonNode absent : c.expected().path("absent")) {
            String[] key = storeAndItem(PoisonCorpus.expand(absent.asText()));
            if (tooLongForDynamoDb(key)) {
                continue; // DynamoDB cannot hold it (and refuses to look it up); the table scan covers it
            }
            soft.assertThat(probe.item(key[0], key[1])).as(c.file() + " must not write " + clip(absent.asText())).isEmpty();
        }
        return lost;
    }

    /** The table holds exactly the items the manifest expects: no bad row slipped through. */
    private void checkNothingElseWritten(List<PoisonCorpus.Case> cases, SoftAssertions soft) {
        Set<String> expected = new TreeSet<>();
        for (PoisonCorpus.Case c : cases) {
            c.expected().get("items").fieldNames().forEachRemaining(k -> expected.add(PoisonCorpus.expand(k)));
        }
        Set<String> actual = new TreeSet<>();
        probe.dynamoDb.scanPaginator(b -> b.tableName(table)).items()
                .forEach(i -> actual.add(i.get("store").s() + "/" + i.get("item").s()));
        soft.assertThat(actual).as("table contents").isEqualTo(expected);
    }

    /** Exactly the expected alerts, once each. */
    private void checkAlerts(List<PoisonCorpus.Case> cases, SoftAssertions soft) throws Exception {
        Map<String, Integer> expected = new TreeMap<>();
        for (PoisonCorpus.Case c : cases) {
            c.expected().get("alerts").forEach(a -> expected.merge(a.asText(), 1, Integer::sum));
        }
        Map<String, Integer> actual = new TreeMap<>();
        for (JsonNode alert : probe.alerts()) {
            actual.merge(PipelineProbe.attr(alert, "store") + "/" + PipelineProbe.attr(alert, "item"), 1, Integer::sum);
        }
        soft.assertThat(actual).as("alerts per item").isEqualTo(expected);
    }

    private static boolean tooLongForDynamoDb(String[] key) {
        return key[0].getBytes(StandardCharsets.UTF_8).length > 2048 || key[1].getBytes(StandardCharsets.UTF_8).length > 1024;
    }

    private static String[] storeAndItem(String key) {
        String expanded = PoisonCorpus.expand(key);
        int slash = expanded.indexOf('/');
        return new String[] {expanded.substring(0, slash), expanded.substring(slash + 1)};
    }

    private static List<String> lineReasons(JsonNode errors) {
        List<String> out = new ArrayList<>();
        errors.forEach(e -> out.add(e.get("line").asLong() + ": " + e.get("reason").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Long keys shortened for assertion messages. */
    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…(" + s.getBytes(StandardCharsets.UTF_8).length + " bytes)" : s;
    }
}
