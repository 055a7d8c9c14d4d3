package drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bench.GcLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import testsupport.DrillFigures;
import testsupport.PipelineProbe;

/**
 * Hostile input against the pipeline in its own JVM with the heap the container image gives it (issue 19): a 120 MB
 * quoted field (generated here, never committed) used to exhaust a 256 MB heap inside the CSV parser and wedge the
 * import route. Now the input limits stop it: its file fails at the line, and files of rows as big as DynamoDB takes,
 * and of fields just under the limit, import in the same heap. And a file that does take the process down (limits
 * raised on purpose, {@code -XX:+ExitOnOutOfMemoryError} as in the image) is counted across restarts and goes to
 * failed/ after {@code inventory.import.max-attempts} starts, while the other files import.
 */
class HostileInputDrillTest {

    private static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final long HUGE_FIELD_BYTES = 120L * 1024 * 1024;

    @RegisterExtension
    static final DrillSandbox SANDBOX = new DrillSandbox("hostile-input-work");
    private static Path hugeField;

    @BeforeAll
    static void writeTheHugeFieldFile() throws IOException {
        hugeField = SANDBOX.work().resolve("huge-field.csv");
        try (BufferedWriter out = Files.newBufferedWriter(hugeField, StandardCharsets.UTF_8)) {
            out.write("store,item,quantity,note\nh1,before,1,ok\nh1,huge,2,\"");
            char[] chunk = "x".repeat(1 << 20).toCharArray();
            for (long written = 0; written < HUGE_FIELD_BYTES; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\"\nh1,after,3,ok\n");
        }
    }

    @AfterAll
    static void deleteTheHugeFieldFile() throws IOException {
        Files.deleteIfExists(hugeField);
    }

    @Test
    void inA256MegabyteHeapA120MegabyteFieldFailsItsFileAtItsLineAndEveryOtherFileImports() throws Exception {
        String name = "heap-drill";
        Path gc = SANDBOX.work().resolve(name + "-gc.log");
        ChildJvm pipeline = ChildJvm.start(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gc),
                properties(name, Map.of()), Map.of(), SANDBOX.work().resolve(name + "-pipeline.log"));
        try {
            S3Client s3 = awaitBucket(name);
            upload(s3, name, "incoming/a-first.csv", rows("a", 100, 0));
            s3.putObject(p -> p.bucket(name).key("incoming/b-huge-field.csv"), RequestBody.fromFile(hugeField));
            // rows as big as DynamoDB takes (390 KB each): written, 16 requests in flight, bounded by bytes
            upload(s3, name, "incoming/c-wide-rows.csv", rows("c", 100, 390 * 1024));
            // fields just under the 4 MiB limit: read whole, then rejected (over DynamoDB's 400 KB item limit)
            upload(s3, name, "incoming/d-near-limit.csv", rows("d", 8, 4 * 1024 * 1024 - 64));
            upload(s3, name, "incoming/e-last.csv", rows("e", 100, 0));

            Map<String, JsonNode> reports = awaitReports(s3, name, List.of("a-first", "b-huge-field", "c-wide-rows",
                    "d-near-limit", "e-last"), pipeline);
            assertThat(pipeline.isAlive()).as("the pipeline never ran out of memory").isTrue();
            JsonNode huge = reports.get("b-huge-field");
            assertThat(huge.get("status").asText()).isEqualTo("failed");
            assertThat(huge.get("failure").asText()).isEqualTo("the record starting on line 3 has a field longer than "
                    + "4194304 bytes (inventory.csv.max-field-bytes); the 1 row(s) before it are in this report, nothing "
                    + "after it was read");
            assertThat(huge.get("inserted").asLong()).isEqualTo(1);
            assertThat(reports.get("c-wide-rows").get("inserted").asLong()).isEqualTo(100);
            assertThat(reports.get("d-near-limit").get("rejected").asLong()).isEqualTo(8);
            assertThat(reports.get("a-first").get("inserted").asLong()).isEqualTo(100);
            assertThat(reports.get("e-last").get("inserted").asLong()).isEqualTo(100);
            GcLog heap = GcLog.read(gc);
            DrillFigures.record("hostile-input-heap", "-Xmx256m, default limits: 120 MB quoted field failed at line 3 "
                    + "after 4 MiB, 100 rows of 390 KB written, 8 fields of 4 MiB - 64 B rejected, 200 small rows; "
                    + "process alive, peak heap in use " + heap.peakUsedMib() + " MiB of " + heap.committedMib()
                    + " MiB committed (" + heap.collections() + " collections, " + heap.fullCollections() + " full)");
        } finally {
            pipeline.stop(Duration.ofSeconds(30));
        }
    }

    @Test
    void aFileThatTakesTheProcessDownIsCountedAcrossRestartsAndFailsAfterMaxAttemptsWhileTheOthersImport()
            throws Exception {
        String name = "crash-loop-drill";
        // limits raised so that the field reaches the parser, which holds it whole: 120 MB in a 128 MB heap
        Map<String, String> raised = Map.of("inventory.csv.max-field-bytes", "1073741824",
                "inventory.csv.max-record-bytes", "1073741824");
        List<String> jvm = List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError");
        Path log = SANDBOX.work().resolve(name + "-pipeline.log");
        List<Integer> exits = new ArrayList<>();
        ChildJvm pipeline = ChildJvm.start(jvm, properties(name, raised), Map.of(), log);
        S3Client s3 = awaitBucket(name);
        upload(s3, name, "incoming/a-ok.csv", rows("a", 10, 0));
        s3.putObject(p -> p.bucket(name).key("incoming/b-out-of-memory.csv"), RequestBody.fromFile(hugeField));
        upload(s3, name, "incoming/c-ok.csv", rows("c", 10, 0));
        try {
            for (int start = 1; start <= 6 && !reportsExist(s3, name, List.of("a-ok", "b-out-of-memory", "c-ok")); start++) {
                if (start > 1) {
                    pipeline = ChildJvm.start(jvm, properties(name, raised), Map.of(), log);
                }
                ChildJvm running = pipeline;
                await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> !running.isAlive()
                        || reportsExist(s3, name, List.of("a-ok", "b-out-of-memory", "c-ok")));
                if (!running.isAlive()) {
                    exits.add(running.awaitExit(Duration.ofSeconds(5)));
                }
            }
            Map<String, JsonNode> reports = awaitReports(s3, name, List.of("a-ok", "b-out-of-memory", "c-ok"), pipeline);
            assertThat(exits).as("the process died on the file once per attempt (ExitOnOutOfMemoryError: 3)")
                    .containsExactly(3, 3, 3);
            JsonNode crashed = reports.get("b-out-of-memory");
            assertThat(crashed.get("status").asText()).isEqualTo("failed");
            assertThat(crashed.get("failure").asText()).isEqualTo("it was tried 3 times (inventory.import.max-attempts=3) "
                    + "and never finished: the process stopped during its import (out of memory, killed or crashed), at "
                    + "least the last time, so it is not read again");
            assertThat(s3.listObjectsV2(l -> l.bucket(name).prefix("failed/")).contents()).extracting(o -> o.key())
                    .containsExactly("failed/b-out-of-memory.csv");
            assertThat(reports.get("a-ok").get("inserted").asLong()).isEqualTo(10);
            assertThat(reports.get("c-ok").get("inserted").asLong()).isEqualTo(10);
            assertThat(SandboxTestSupport.dynamodb(SANDBOX.endpoint()).getItem(g -> g.tableName("inventory-pipeline-state")
                    .key(Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                            "import#" + name + "/incoming/b-out-of-memory.csv")))).item().get("attempts").n())
                    .as("the count is cleared once the file ended").isEqualTo("0");
            DrillFigures.record("hostile-input-crash-loop", "-Xmx128m with ExitOnOutOfMemoryError, limits raised to 1 GiB: "
                    + "process exits " + exits + ", then the file failed unread on start " + (exits.size() + 1)
                    + "; other files imported 2 of 2");
        } finally {
            pipeline.stop(Duration.ofSeconds(30));
        }
    }

    private static Map<String, String> properties(String name, Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("aws.endpoint", SANDBOX.endpoint().toString());
        p.put("inventory.bucket", name);
        p.put("inventory.table", name);
        p.put("inventory.topic", name);
        p.put("inventory.state-dir", SANDBOX.work().resolve(name + "-state").toString());
        p.put("inventory.import.poll-delay", "100");
        p.put("inventory.alert.poll-delay", "100");
        p.put("camel.management.enabled", "false");
        p.put("camel.main.shutdown-timeout", "20");
        p.putAll(extra);
        return p;
    }

    /** {@code count} rows of distinct items, each with a note of {@code noteBytes} bytes. */
    private static String rows(String prefix, int count, int noteBytes) {
        StringBuilder csv = new StringBuilder("store,item,quantity,note\n");
        String note = "n".repeat(noteBytes);
        for (int i = 0; i < count; i++) {
            csv.append(prefix).append(",i").append(i).append(',').append(i % 5 + 1).append(',').append(note).append('\n');
        }
        return csv.toString();
    }

    private static S3Client awaitBucket(String name) {
        S3Client s3 = SandboxTestSupport.s3(SANDBOX.endpoint());
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
            s3.headBucket(b -> b.bucket(name));
            return true;
        });
        return s3;
    }

    private static void upload(S3Client s3, String bucket, String key, String csv) {
        s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(csv));
    }

    private static boolean reportsExist(S3Client s3, String bucket, List<String> names) {
        var keys = s3.listObjectsV2(l -> l.bucket(bucket).prefix("reports/")).contents().stream().map(o -> o.key()).toList();
        return names.stream().allMatch(n -> keys.contains("reports/" + n + ".csv.json"))
                && !s3.listObjectsV2(l -> l.bucket(bucket).prefix("incoming/")).hasContents();
    }

    private static Map<String, JsonNode> awaitReports(S3Client s3, String bucket, List<String> names, ChildJvm pipeline)
            throws IOException {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> reportsExist(s3, bucket, names) || !pipeline.isAlive());
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        for (String n : names) {
            reports.put(n, PipelineProbe.JSON.readTree(s3.getObjectAsBytes(g -> g.bucket(bucket)
                    .key("reports/" + n + ".csv.json")).asByteArray()));
        }
        return reports;
    }
}
