package bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Restart to first new alert with a long stream retained (issue 10 item 4). A pipeline reads a stream of
 * {@code records} changes (none alerting) and stops; one item then goes to zero while it is down, and the
 * pipeline is started again. Timed from the process start and from readiness to that item's "Alert sent":
 * once with the stream checkpoints kept (a restart resumes after them), once with the checkpoint file
 * deleted (the pipeline re-reads the whole retained stream from TRIM_HORIZON, as every start did before
 * checkpoints; the published-alert log keeps it from repeating alerts). Run by {@code bench/run.sh restart}.
 */
public final class RestartBench {

    static final String CHECKPOINTS = "stream-checkpoints.json";

    /** One restart: seconds from the process start and from readiness to the alert. */
    record Restart(String variant, double fromStart, double fromReady, double readySeconds) {
        String row() {
            return String.format("| %s | %.2f | %.2f | %.2f |", variant, fromStart, fromReady, readySeconds);
        }
    }

    private RestartBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        long records = Long.parseLong(Bench.option(args, "--records", smoke ? "2000" : "500000"));
        Path jar = Path.of(Bench.option(args, "--jar", "target/inventory-pipeline.jar"));
        Path out = Path.of(Bench.option(args, "--out", "target/bench-restart")).toAbsolutePath();
        String sandboxHeap = smoke ? "-Xmx1g" : "-Xmx8g";
        Files.createDirectories(out);
        System.out.println("== restart to first new alert, " + records + " records retained -> " + out);

        int port = JavaProcess.freePort();
        URI sandbox = URI.create("http://127.0.0.1:" + port);
        try (JavaProcess sandboxProcess = JavaProcess.start("sandbox", jar, List.of(sandboxHeap, "-Dsandbox.port=" + port),
                List.of("sandbox"), out.resolve("sandbox"), out.resolve("sandbox/sandbox.log"))) {
            sandboxProcess.awaitHttp200(sandbox.resolve("/_sandbox/health"), Duration.ofSeconds(60), 20);
            Path work = out.resolve("pipeline");
            String table;
            try (PipelineProcess first = PipelineProcess.start("restart", jar, sandbox, List.of("-Xmx256m"), Map.of(), work)) {
                table = first.table;
                long t0 = System.nanoTime();
                fill(sandbox, table, records);
                System.out.printf("   wrote %,d changes in %.1f s%n", records, (System.nanoTime() - t0) / 1e9);
                awaitRecordsRead(first, records, Duration.ofMinutes(30));
                System.out.printf("   the first run read them all %.1f s after the first write%n", (System.nanoTime() - t0) / 1e9);
            }
            List<Restart> restarts = new ArrayList<>();
            restarts.add(restart(jar, sandbox, work, table, "after: checkpoints kept", "zero-1", false));
            restarts.add(restart(jar, sandbox, work, table, "before: no checkpoints (full re-read)", "zero-2", true));
            restarts.add(restart(jar, sandbox, work, table, "after: checkpoints kept (again)", "zero-3", false));

            StringBuilder md = new StringBuilder("## Restart to first new alert (" + Instant.now() + ", " + records
                    + " records retained)\n\n| start | process start -> alert (s) | ready -> alert (s) | start -> ready (s) |\n|---|---|---|---|\n");
            restarts.forEach(r -> md.append(r.row()).append('\n'));
            Files.writeString(out.resolve("results.md"), md);
            System.out.println(md);
        }
    }

    /** Stops nothing: the previous run is closed; sets one item to zero, starts the pipeline, waits for its alert. */
    private static Restart restart(Path jar, URI sandbox, Path work, String table, String variant, String item,
                                   boolean dropCheckpoints) throws Exception {
        if (dropCheckpoints) {
            Files.deleteIfExists(work.resolve("state").resolve(CHECKPOINTS));
        }
        try (DynamoDbClient dynamoDb = Clients.dynamoDb(sandbox)) {
            dynamoDb.putItem(b -> b.tableName(table).item(item("bench", item, 0)));
        }
        Files.deleteIfExists(work.resolve("pipeline.log"));
        Pattern sent = Pattern.compile("Alert sent: " + item + " at store bench ");
        long[] seenAt = {0};
        Thread watcher = new Thread(() -> seenAt[0] = awaitLogLine(work.resolve("pipeline.log"), sent, Duration.ofMinutes(30)));
        watcher.setDaemon(true);
        watcher.start();
        try (PipelineProcess p = PipelineProcess.start("restart", jar, sandbox, List.of("-Xmx256m"), Map.of(), work)) {
            watcher.join(Duration.ofMinutes(30).toMillis());
            if (seenAt[0] == 0) {
                throw new IllegalStateException("no alert for " + item + "; see " + p.process.log);
            }
            Restart r = new Restart(variant, (seenAt[0] - p.process.startedNanos) / 1e9, (seenAt[0] - p.readyNanos) / 1e9,
                    (p.readyNanos - p.process.startedNanos) / 1e9);
            System.out.println("   " + r.row());
            return r;
        }
    }

    /** {@code records} real changes on 1,000 items, quantities 1.. (none alerts), 25 per BatchWriteItem, 4 callers. */
    private static void fill(URI sandbox, String table, long records) throws Exception {
        int callers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (DynamoDbClient dynamoDb = Clients.dynamoDb(sandbox)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                done.add(pool.submit(() -> {
                    List<WriteRequest> batch = new ArrayList<>(25);
                    for (long n = caller; n < records; n += callers) {
                        // item n % 1000 gets quantity n / 1000 + 1: every write changes the item
                        batch.add(WriteRequest.builder().putRequest(PutRequest.builder()
                                .item(item("bench", "sku-" + (n % 1000), n / 1000 + 1)).build()).build());
                        if (batch.size() == 25 || n + callers >= records) {
                            writeAll(dynamoDb, Map.of(table, List.copyOf(batch)));
                            batch.clear();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** One BatchWriteItem, and again with what it left unprocessed until nothing is left. */
    private static void writeAll(DynamoDbClient dynamoDb, Map<String, List<WriteRequest>> request) {
        Map<String, List<WriteRequest>> left = request;
        while (!left.isEmpty()) {
            Map<String, List<WriteRequest>> now = left;
            left = dynamoDb.batchWriteItem(b -> b.requestItems(now)).unprocessedItems();
        }
    }

    private static Map<String, AttributeValue> item(String store, String item, long quantity) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("store", AttributeValue.fromS(store));
        m.put("item", AttributeValue.fromS(item));
        m.put("quantity", AttributeValue.fromN(Long.toString(quantity)));
        m.put("updatedAt", AttributeValue.fromS(Instant.now().toString()));
        return m;
    }

    private static void awaitRecordsRead(PipelineProcess p, long records, Duration timeout) throws Exception {
        p.awaitRecordsRead(records, timeout, 500);
        // one more poll delay, so the checkpoint of the last batch is written before the stop
        JavaProcess.sleep(2_000);
    }

    /** The nanoTime at which {@code line} first appears in the file, or 0 after {@code timeout}. */
    private static long awaitLogLine(Path log, Pattern line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(log) && line.matcher(Files.readString(log)).find()) {
                    return System.nanoTime();
                }
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // being written: try again
            }
            JavaProcess.sleep(20);
        }
        return 0;
    }
}
