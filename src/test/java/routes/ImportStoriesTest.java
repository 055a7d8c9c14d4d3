package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import inventory.imports.CsvDialect;
import inventory.imports.ImportReport;
import inventory.imports.ImportSession;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import testsupport.DrillFigures;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.SandboxFaults;

/** The import route's stories, end to end: S3 upload to table, report, archive. */
class ImportStoriesTest extends PipelineTestSupport {

    @RegisterExtension
    final SandboxFaults faults = new SandboxFaults(sandbox().endpoint());

    @Test
    void uploadLoadsEveryRowWritesAReportAndMovesTheFileToProcessed() throws Exception {
        probe.uploadSample("inventory.csv");
        JsonNode report = probe.awaitReport("inventory.csv");

        assertThat(report.get("file").asText()).isEqualTo("incoming/inventory.csv");
        assertThat(report.get("rows").asLong()).isEqualTo(5);
        assertThat(report.get("inserted").asLong()).isEqualTo(5);
        assertThat(report.get("updated").asLong()).isZero();
        assertThat(report.get("stale").asLong()).isZero();
        assertThat(report.get("rejected").asLong()).isZero();
        assertThat(report.get("errors")).isEmpty();
        assertThat(report.get("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        await().until(() -> probe.keys("incoming/").isEmpty());
        assertThat(probe.keys("processed/")).containsExactly("processed/inventory.csv");

        Map<String, AttributeValue> item = probe.item("s001", "sku-1002");
        assertThat(item.get("quantity").n()).isEqualTo("0");
        assertThat(item.get("updatedAt").s()).isEqualTo("2026-11-24T09:00:00.000Z");
        assertThat(item.get("source").s()).isEqualTo("s3://" + bucket + "/incoming/inventory.csv");
        assertThat(item.get("name").s()).isEqualTo("Oat milk 1l");
    }

    @Test
    void olderRowNeverOverwritesNewerOne() throws Exception {
        probe.uploadSample("inventory.csv");
        probe.awaitReport("inventory.csv");
        probe.uploadSample("restock.csv");
        JsonNode report = probe.awaitReport("restock.csv");

        assertThat(report.get("updated").asLong()).isEqualTo(2);
        assertThat(report.get("stale").asLong()).isEqualTo(1);
        // the restock file's 08:00 row is older than the table's 09:05 one
        Map<String, AttributeValue> kept = probe.item("s002", "sku-1001");
        assertThat(kept.get("updatedAt").s()).isEqualTo("2026-11-24T09:05:00.000Z");
        assertThat(kept.get("source").s()).endsWith("/incoming/inventory.csv");
        assertThat(probe.item("s001", "sku-1002").get("quantity").n()).isEqualTo("24");
    }

    @Test
    void badRowsAreReportedWithReasonsWhileGoodRowsLoad() throws Exception {
        probe.uploadSample("with-errors.csv");
        JsonNode report = probe.awaitReport("with-errors.csv");

        assertThat(report.get("status").asText()).isEqualTo("processed");
        assertThat(report.get("rows").asLong()).isEqualTo(6);
        assertThat(report.get("inserted").asLong()).isEqualTo(2);
        assertThat(report.get("rejected").asLong()).isEqualTo(4);
        List<String> errors = new ArrayList<>();
        report.get("errors").forEach(e -> errors.add(e.get("line").asLong() + ": " + e.get("reason").asText()));
        assertThat(errors).containsExactly(
                "3: quantity '-1' is not a whole number from 0 to 9223372036854775807",
                "4: item is empty",
                "5: quantity '5.0' is not a whole number from 0 to 9223372036854775807",
                "6: updated_at 'yesterday' is not an ISO-8601 date-time (e.g. 2026-11-24T10:15:30Z, "
                        + "2026-11-24T11:15:30+01:00 or 2026-11-24T10:15:30 in UTC)");
        assertThat(probe.item("s005", "sku-4001")).isNotEmpty();
        assertThat(probe.item("s005", "sku-4006")).isNotEmpty();
        assertThat(probe.item("s005", "sku-4002")).isEmpty();

        String rejected = probe.object("rejected/with-errors.csv").orElseThrow();
        List<CSVRecord> records;
        try (CSVParser p = CSVParser.builder().setReader(new java.io.StringReader(rejected))
                .setFormat(CsvDialect.format(',')).get()) {
            records = p.getRecords();
        }
        assertThat(records.get(0).values()).containsExactly("line", "error", "store", "item", "quantity", "updated_at");
        assertThat(records).hasSize(5);
        assertThat(records.get(1).values()).containsExactly("3",
                "quantity '-1' is not a whole number from 0 to 9223372036854775807", "s005", "sku-4002", "'-1",
                "2026-11-24T10:00:00Z");
        assertThat(report.get("rejectedRows").asText()).isEqualTo("rejected/with-errors.csv");
    }

    @Test
    void fileWithoutRequiredColumnsGoesToFailedWithAReport() throws Exception {
        probe.upload("incoming/wrong.csv", "shop,sku,count\ns1,a,1\n");
        JsonNode report = probe.awaitReport("wrong.csv");

        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("failure").asText())
                .isEqualTo("the header row lacks required columns store, item, quantity (it has: shop, sku, count)");
        assertThat(report.get("rows").asLong()).isZero();
        await().until(() -> probe.keys("incoming/").isEmpty());
        assertThat(probe.keys("failed/")).containsExactly("failed/wrong.csv");
        assertThat(probe.object("failed/wrong.csv")).contains("shop,sku,count\ns1,a,1\n");
    }

    @Test
    void binaryFileGoesToFailed() throws Exception {
        byte[] zip = {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, (byte) 0xFF, (byte) 0xFE, 0x00, 0x01};
        probe.upload("incoming/archive.csv", zip);
        JsonNode report = probe.awaitReport("archive.csv");
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("failure").asText()).contains("not UTF-8 text");
        await().until(() -> probe.keys("failed/").contains("failed/archive.csv"));
    }

    @Test
    void unbalancedQuoteFailsTheFileButKeepsWhatLoadedBeforeIt() throws Exception {
        probe.upload("incoming/broken.csv", "store,item,quantity\ns1,a,1\ns1,\"b,2\ns1,c,3\n");
        JsonNode report = probe.awaitReport("broken.csv");
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("failure").asText())
                .startsWith("the file is not valid CSV after line 2: (startline 3) EOF reached before encapsulated token finished");
        assertThat(report.get("inserted").asLong()).isEqualTo(1);
        assertThat(probe.item("s1", "a")).isNotEmpty();
        await().until(() -> probe.keys("failed/").contains("failed/broken.csv"));
    }

    @Test
    void quotedBomAndCrlfFileLoads() throws Exception {
        probe.uploadSample("excel-export.csv");
        JsonNode report = probe.awaitReport("excel-export.csv");

        assertThat(report.get("inserted").asLong()).isEqualTo(2);
        assertThat(report.get("rejected").asLong()).isZero();
        Map<String, AttributeValue> first = probe.item("s004", "sku-3001");
        assertThat(first.get("note").s()).isEqualTo("Sold out, reorder \"urgent\"");
        assertThat(first.get("updatedAt").s()).isEqualTo("2026-11-24T09:00:00.000Z");
        assertThat(probe.item("s004", "sku-3002").get("note").s()).isEqualTo("Two\r\nlines");
    }

    @Test
    void fileWhoseDownloadFailsIsImportedByALaterPoll() throws Exception {
        // 4 failures use up all of the SDK's attempts of one poll's GetObject
        faults.add("{\"service\":\"s3\",\"operation\":\"GetObject\",\"status\":500,\"count\":4}");
        probe.uploadSample("inventory.csv");
        // listing only: the probe's own GetObject calls must not use up the faults
        await().atMost(PipelineProbe.TIMEOUT).until(() -> probe.keys("processed/").contains("processed/inventory.csv"));
        assertThat(faults.fired("s3", "GetObject")).isEqualTo(4);
        assertThat(probe.awaitReport("inventory.csv").get("inserted").asLong()).isEqualTo(5);
    }

    @Test
    void objectsNotEndingInCsvAreLeftAlone() throws Exception {
        probe.upload("incoming/readme.txt", "not inventory");
        probe.uploadSample("inventory.csv");
        probe.awaitReport("inventory.csv");
        // the report is written before the upload is moved: wait for the move, then nothing else has gone
        await().until(() -> !probe.keys("incoming/").contains("incoming/inventory.csv"));
        assertThat(probe.keys("incoming/")).containsExactly("incoming/readme.txt");
        assertThat(probe.object("reports/readme.txt.json")).isEmpty();
    }

    @Test
    void keysThatLookLikePathsStayInsideTheirPrefixes() throws Exception {
        probe.upload("incoming/../../escape.csv", "store,item,quantity\ns9,x,1\n");
        JsonNode report = probe.awaitReport("%2E%2E/%2E%2E/escape.csv");
        assertThat(report.get("inserted").asLong()).isEqualTo(1);
        await().until(() -> probe.keys("processed/").contains("processed/%2E%2E/%2E%2E/escape.csv")
                && probe.keys("incoming/").isEmpty()); // copied, then deleted: wait for both
        assertThat(probe.keys("")).allMatch(k -> k.startsWith("processed/") || k.startsWith("reports/"));
    }

    @Test
    void unicodeAndSpacesInKeysWork() throws Exception {
        probe.upload("incoming/Filiale Zürich/inventar 1.csv", "store,item,quantity\nzürich,käse,2\n"
                .getBytes(StandardCharsets.UTF_8));
        JsonNode report = probe.awaitReport("Filiale Zürich/inventar 1.csv");
        assertThat(report.get("inserted").asLong()).isEqualTo(1);
        assertThat(probe.item("zürich", "käse").get("quantity").n()).isEqualTo("2");
    }

    @Test
    void reimportWithTheSameTimestampsWritesNoStreamRecord() throws Exception {
        probe.uploadSample("inventory.csv");
        probe.awaitReport("inventory.csv");
        long records = probe.streamRecords();
        assertThat(records).isEqualTo(5);

        probe.uploadSample("inventory.csv");
        JsonNode again = probe.awaitReport("inventory.csv", r -> r.get("stale").asLong() == 5);
        assertThat(again.get("inserted").asLong() + again.get("updated").asLong()).isZero();
        await().until(() -> probe.metrics().filesProcessed() == 2);
        // every shard, through the Streams API: nothing new
        assertThat(probe.streamRecords()).isEqualTo(records);
    }

    @Test
    void aNewerFileWithoutAColumnKeepsTheOldValueInBatchModeAndDropsItInPutMode() throws Exception {
        probe.upload("incoming/first.csv", "store,item,quantity,updated_at,note\ns7,a,1,2026-11-24T09:00:00Z,fragile\n");
        probe.awaitReport("first.csv");
        probe.upload("incoming/second.csv", "store,item,quantity,updated_at\ns7,a,2,2026-11-24T10:00:00Z\n");
        assertThat(probe.awaitReport("second.csv").get("updated").asLong()).isEqualTo(1);

        Map<String, AttributeValue> item = probe.item("s7", "a");
        assertThat(item.get("quantity").n()).isEqualTo("2");
        if (batchMode()) {
            // UPDATE SET sets the row's attributes only (README, Import step 4)
            assertThat(item.get("note").s()).isEqualTo("fragile");
        } else {
            // PutItem replaces the whole item
            assertThat(item).doesNotContainKey("note");
        }
    }

    @Test
    void columnNamesWithQuotesAreStoredAsWritten() throws Exception {
        // 1 ms on every write request only counts them; PutItem only the item table's (the state table has its own)
        faults.countTableRequests("PutItem", table);
        faults.add("{\"service\":\"dynamodb\",\"operation\":\"BatchExecuteStatement\",\"delayMs\":1}");
        probe.upload("incoming/apostrophe.csv", "store,item,quantity,it's\ns8,a,1,yes\n");
        probe.awaitReport("apostrophe.csv");
        assertThat(probe.item("s8", "a").get("it's").s()).isEqualTo("yes");
        assertThat(faults.fired("dynamodb", batchMode() ? "BatchExecuteStatement" : "PutItem")).isPositive();
        assertThat(faults.fired("dynamodb", batchMode() ? "PutItem" : "BatchExecuteStatement")).isZero();

        // a double quote in a name has no documented PartiQL escape: this file is written with PutItem
        faults.clear();
        faults.countTableRequests("PutItem", table);
        faults.add("{\"service\":\"dynamodb\",\"operation\":\"BatchExecuteStatement\",\"delayMs\":1}");
        probe.upload("incoming/quote.csv", "store,item,quantity,\"say \"\"hi\"\"\"\ns8,b,1,hello\n");
        probe.awaitReport("quote.csv");
        assertThat(probe.item("s8", "b").get("say \"hi\"").s()).isEqualTo("hello");
        assertThat(faults.fired("dynamodb", "PutItem")).isPositive();
        assertThat(faults.fired("dynamodb", "BatchExecuteStatement")).isZero();
    }

    @Test
    void aCsvGzUploadIsInflatedAsItStreamsAndArchivedAndReportedUnderItsOwnName() throws Exception {
        byte[] gz = gzip("store,item,quantity,updated_at\ns3,a,4,2026-11-24T09:00:00Z\ns3,b,0,2026-11-24T09:00:00Z\n");
        probe.upload("incoming/daily.csv.gz", gz);

        JsonNode report = probe.awaitReport("daily.csv.gz");
        assertThat(report.get("file").asText()).isEqualTo("incoming/daily.csv.gz");
        assertThat(report.get("inserted").asLong()).isEqualTo(2);
        assertThat(probe.item("s3", "b").get("quantity").n()).isEqualTo("0");
        await().until(() -> probe.keys("processed/").contains("processed/daily.csv.gz") && probe.keys("incoming/").isEmpty());
        assertThat(probe.s3.getObjectAsBytes(g -> g.bucket(bucket).key("processed/daily.csv.gz")).asByteArray())
                .as("archived as uploaded, compressed").isEqualTo(gz);
    }

    @Test
    void anObjectStoredWithContentEncodingGzipIsInflatedToo() throws Exception {
        byte[] gz = gzip("store,item,quantity\ns4,a,2\n");
        probe.s3.putObject(p -> p.bucket(bucket).key("incoming/encoded.csv").contentEncoding("gzip"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(gz));

        JsonNode report = probe.awaitReport("encoded.csv");
        assertThat(report.get("status").asText()).isEqualTo("processed");
        assertThat(probe.item("s4", "a").get("quantity").n()).isEqualTo("2");
    }

    @Test
    void corruptGzipFailsTheFileWithAReportSayingSo() throws Exception {
        probe.upload("incoming/broken.csv.gz", "store,item,quantity\ns1,a,1\n");
        JsonNode report = probe.awaitReport("broken.csv.gz");
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("failure").asText()).isEqualTo("the file is not valid gzip (Not in GZIP format)");
        await().until(() -> probe.keys("failed/").contains("failed/broken.csv.gz"));
    }

    @Test
    void aFieldOverTheLimitFailsItsFileAtItsLineKeepsTheRowsBeforeAndTheNextFileImports() throws Exception {
        StringBuilder csv = new StringBuilder("store,item,quantity,note\ns5,a,1,ok\ns5,b,2,\"");
        csv.append("x".repeat(5 * 1024 * 1024)).append("\"\ns5,c,3,ok\n");
        probe.upload("incoming/huge-field.csv", csv.toString());
        probe.upload("incoming/next.csv", "store,item,quantity\ns5,d,4\n");

        JsonNode report = probe.awaitReport("huge-field.csv");
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("failure").asText()).isEqualTo("the record starting on line 3 has a field longer than "
                + "4194304 bytes (inventory.csv.max-field-bytes); the 1 row(s) before it are in this report, nothing after "
                + "it was read");
        assertThat(report.get("inserted").asLong()).isEqualTo(1);
        assertThat(probe.item("s5", "a")).isNotEmpty();
        assertThat(probe.item("s5", "c")).as("after the limit nothing was read").isEmpty();
        assertThat(probe.awaitReport("next.csv").get("inserted").asLong()).isEqualTo(1);
        await().until(() -> probe.keys("failed/").contains("failed/huge-field.csv"));
    }

    @Test
    void anErrorInsideAnImportIsRetriedCountedThenFailedWithAReportWhileTheNextFileImports() throws Exception {
        // the poison file's stream throws an OutOfMemoryError part-way, as commons-csv did on a 120 MB field
        AdviceWith.adviceWith(context, ImportFileRoute.ROUTE_ID, a -> a.weaveById("open-file").before().process(e -> {
            if ("incoming/poison.csv".equals(e.getMessage().getHeader(AWS2S3Constants.KEY, String.class))) {
                e.getMessage().setBody(new ErrorAfter(e.getMessage().getBody(InputStream.class), 60));
            }
        }));
        StringBuilder csv = new StringBuilder("store,item,quantity\n");
        for (int i = 0; i < 100; i++) {
            csv.append("s6,i").append(i).append(",1\n");
        }
        probe.upload("incoming/poison.csv", csv.toString());
        probe.upload("incoming/after.csv", "store,item,quantity\ns6,after,2\n");

        assertThat(probe.awaitReport("after.csv").get("inserted").asLong()).isEqualTo(1);
        JsonNode report = probe.awaitReport("poison.csv");
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("failure").asText()).isEqualTo(
                "gave up after 3 attempts: the import stopped with java.lang.OutOfMemoryError: injected by the test");
        await().until(() -> probe.keys("failed/").contains("failed/poison.csv") && probe.keys("incoming/").isEmpty());
        assertThat(probe.metrics().filesRetried()).as("attempts 1 and 2 were retried").isEqualTo(2);
        assertThat(context.getInflightRepository().size()).as("no exchange left in flight").isZero();
        // the count of starts was kept in the state table and cleared when the file ended
        assertThat(probe.dynamoDb.getItem(g -> g.tableName("inventory-pipeline-state").key(Map.of("id",
                AttributeValue.fromS("import#" + bucket + "/incoming/poison.csv")))).item().get("attempts").n()).isEqualTo("0");
    }

    @Test
    void aReportStaysSmallWhateverTheRejectedRowsHold() throws Exception {
        // 500 rows whose quantity is 2,000 euro signs (6 KB each): every reason would quote 6 KB
        StringBuilder csv = new StringBuilder("store,item,quantity\n");
        for (int i = 0; i < 500; i++) {
            csv.append("s7,i").append(i).append(',').append("€".repeat(2000)).append('\n');
        }
        probe.upload("incoming/bad-quantities.csv", csv.toString());

        JsonNode report = probe.awaitReport("bad-quantities.csv");
        int bytes = probe.object("reports/bad-quantities.csv.json").orElseThrow().getBytes(StandardCharsets.UTF_8).length;
        assertThat(report.get("rejected").asLong()).isEqualTo(500);
        assertThat(report.get("errors")).hasSize(ImportSession.MAX_REPORTED_ERRORS);
        assertThat(report.get("errorsOmitted").asLong()).isEqualTo(500 - ImportSession.MAX_REPORTED_ERRORS);
        assertThat(report.get("errors").get(0).get("reason").asText()).isEqualTo("quantity '" + "€".repeat(120)
                + "...(2000 chars)' is not a whole number from 0 to 9223372036854775807");
        assertThat(bytes).as("report bytes, within the bound README states").isLessThan(ImportReport.MAX_BYTES);
        DrillFigures.record("report-size-" + writeMode(), "500 rejected rows of 6 KB values: report " + bytes
                + " bytes (bound " + ImportReport.MAX_BYTES + ")");
    }

    /** Hands over {@code limit} bytes of the upload, then fails as the heap running out would. */
    private static final class ErrorAfter extends java.io.FilterInputStream {
        private long left;

        ErrorAfter(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (left <= 0) {
                throw new OutOfMemoryError("injected by the test");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            left -= Math.max(n, 0);
            return n;
        }
    }

    static byte[] gzip(String text) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
