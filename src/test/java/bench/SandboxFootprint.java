package bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Heap and CPU of a sandbox holding N items of the pipeline's shape, each written new and then MODIFIED once
 * (stream NEW_AND_OLD_IMAGES, so 2N records with their images): the sandbox runs in its own JVM (default heap
 * unless {@code --xmx}), items go in through the SDK as conditional writes (PutItem as {@code ConditionalPut}
 * sends it, and 25-statement BatchExecuteStatements), the same table shape as {@link SandboxLoad}'s, then a forced full GC gives the live heap and a class
 * histogram shows where it is; GetRecords latency and CPU at the end (after a warm-up: 1,000 reads of 100 records and
 * 300 of 1,000 from random places in the first shard).
 *
 * <pre>java -cp target/test-classes:target/inventory-pipeline.jar bench.SandboxFootprint --items 200000 [--xmx 8g]</pre>
 */
public final class SandboxFootprint {

    static final String CONDITION = "attribute_not_exists(#u) OR #u < :u";
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00.000Z");
    /** 24 characters, as the pipeline writes updatedAt. */
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int BATCH = 25;
    private static final int CALLERS = 8;

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final JavaProcess sandbox;
    private final String table;

    private SandboxFootprint(URI endpoint, JavaProcess sandbox, String table) {
        this.dynamoDb = Clients.dynamoDb(endpoint);
        this.streams = Clients.streams(endpoint);
        this.sandbox = sandbox;
        this.table = table;
    }

    public static void main(String[] args) throws Exception {
        long items = 200_000;
        String xmx = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--items" -> items = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                case "--xmx" -> xmx = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path out = Path.of("target/bench/footprint");
        Path gcLog = out.resolve("sandbox-gc.log").toAbsolutePath();
        List<String> jvm = new ArrayList<>(List.of("-Xlog:gc:file=" + gcLog));
        if (xmx != null) {
            jvm.add("-Xmx" + xmx);
        }
        int port = JavaProcess.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        jvm.add("-Dsandbox.port=" + port);
        System.out.printf("== sandbox footprint: %,d items, each inserted then modified; sandbox JVM %s%n", items, jvm);
        System.out.println("   load: " + run("uptime").trim());
        try (JavaProcess p = JavaProcess.start("sandbox", Path.of("target/inventory-pipeline.jar"), jvm, List.of("sandbox"),
                out, out.resolve("sandbox.log"))) {
            p.awaitHttp200(endpoint.resolve("/_sandbox/health"), Duration.ofSeconds(60), 20);
            System.out.println("   max heap of the sandbox JVM: " + flag(p.pid(), "MaxHeapSize"));
            new SandboxFootprint(endpoint, p, "footprint").measure(items);
            System.out.println("   load: " + run("uptime").trim());
        }
    }

    private void measure(long items) throws InterruptedException {
        createTable();
        long puts = Math.min(items, 20_000);
        long batches = (items - puts + BATCH - 1) / BATCH;
        step("PutItem (conditional, new items)", puts, "put", () -> parallel(0, puts, 16, i -> put(i, 0)));
        step("BatchExecuteStatement INSERT x25 (new items)", batches, "batch", () -> parallelBatches(puts, items, 0));
        step("PutItem (conditional, MODIFY)", puts, "put", () -> parallel(0, puts, 16, i -> put(i, 1)));
        step("BatchExecuteStatement UPDATE x25 (MODIFY)", batches, "batch", () -> parallelBatches(puts, items, 1));
        long count = dynamoDb.describeTable(b -> b.tableName(table)).table().itemCount();
        System.out.printf("   items in the table: %,d%n", count);

        sandbox.forceGc();
        JavaProcess.sleep(500);
        GcLog gc = GcLog.read(Path.of("target/bench/footprint/sandbox-gc.log"));
        System.out.printf("   live heap after a full GC: %,d MiB (GC log); %.2f KiB per item (%d collections, %d full)%n",
                gc.lastAfterMib(), gc.lastAfterMib() * 1024.0 / items, gc.collections(), gc.fullCollections());
        String histogram = run(jcmd(), Long.toString(sandbox.pid()), "GC.class_histogram");
        String[] lines = histogram.split("\n");
        for (String line : lines) {
            if (line.startsWith("Total")) {
                long bytes = Long.parseLong(line.trim().split("\\s+")[2]);
                System.out.printf("   live objects (class histogram total): %,d bytes = %.0f bytes per item%n", bytes,
                        (double) bytes / items);
            }
        }
        System.out.println("   class histogram, top 12:");
        for (int i = 0; i < Math.min(lines.length, 15); i++) {
            System.out.println("     " + lines[i]);
        }
        String arn = streams.listStreams(b -> b.tableName(table)).streams().get(0).streamArn();
        String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
        List<String> sequences = sequenceNumbers(arn, shard, 50_000);
        SandboxLoad.getRecordsLatency(streams, arn, shard, sequences, 100, 300, 1); // warm-up (JIT), not reported
        SandboxLoad.getRecordsLatency(streams, arn, shard, sequences, 1000, 100, 1);
        for (int limit : new int[] {100, 1000}) {
            int samples = limit == 100 ? 1000 : 300;
            double cpu = sandbox.cpuSeconds();
            Stats s = SandboxLoad.getRecordsLatency(streams, arn, shard, sequences, limit, samples, 42);
            System.out.printf("   GetRecords of %d: p50 %.2f ms, p99 %.2f ms; sandbox CPU %,.0f us per call (with its GetShardIterator)%n",
                    limit, s.p50(), s.p99(), (sandbox.cpuSeconds() - cpu) * 1e6 / samples);
        }
    }

    private void createTable() {
        dynamoDb.createTable(b -> b.tableName(table)
                .keySchema(k -> k.attributeName("store").keyType("HASH"), k -> k.attributeName("item").keyType("RANGE"))
                .attributeDefinitions(a -> a.attributeName("store").attributeType("S"),
                        a -> a.attributeName("item").attributeType("S"))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
    }

    /** Something that writes and may be interrupted. */
    private interface Writes {
        void run() throws InterruptedException;
    }

    /** Runs one write step and prints its rate and the sandbox's CPU per call. */
    private void step(String what, long calls, String unit, Writes writes) throws InterruptedException {
        if (calls == 0) {
            return;
        }
        double cpuBefore = sandbox.cpuSeconds();
        long t0 = System.nanoTime();
        writes.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = sandbox.cpuSeconds() - cpuBefore;
        System.out.printf("   %-46s %,9d calls in %6.1f s (%,7.0f/s); sandbox CPU %,6.0f us per %s%n", what, calls,
                seconds, calls / seconds, cpu * 1e6 / calls, unit);
    }

    // ---- the item and its writes (the pipeline's shape: store, item, quantity, updatedAt, source)

    static String store(long i) {
        return String.format("st-%03d", i % 200);
    }

    static String item(long i) {
        return String.format("sku-%07d", i / 200);
    }

    /** Version 0 is the insert, version 1 a later row of the same item (newer updatedAt, other quantity). */
    static Map<String, AttributeValue> itemOf(long i, int version) {
        SplittableRandom r = new SplittableRandom(i * 31 + version);
        return Map.of("store", AttributeValue.fromS(store(i)), "item", AttributeValue.fromS(item(i)),
                "quantity", AttributeValue.fromN(Integer.toString(r.nextInt(500))),
                "updatedAt", AttributeValue.fromS(updatedAt(i, version)),
                "source", AttributeValue.fromS(String.format("s3://inventory-bench/incoming/file-%04d.csv", version * 7 + i % 13)));
    }

    static String updatedAt(long i, int version) {
        return STAMP.format(BASE.plusMillis(i * 1001 + version * 86_400_000L));
    }

    private void put(long i, int version) {
        Map<String, AttributeValue> item = itemOf(i, version);
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression(CONDITION)
                    .expressionAttributeNames(Map.of("#u", "updatedAt"))
                    .expressionAttributeValues(Map.of(":u", item.get("updatedAt")))
                    .returnValues("ALL_OLD"));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("item " + i + " was stale", e);
        }
    }

    /** INSERT for a new item, UPDATE ... WHERE key AND updatedAt older for a modify: each statement its own condition. */
    private BatchStatementRequest statement(long i, int version) {
        Map<String, AttributeValue> it = itemOf(i, version);
        if (version == 0) {
            return BatchStatementRequest.builder().statement("INSERT INTO \"" + table
                            + "\" VALUE {'store': ?, 'item': ?, 'quantity': ?, 'updatedAt': ?, 'source': ?}")
                    .parameters(it.get("store"), it.get("item"), it.get("quantity"), it.get("updatedAt"), it.get("source"))
                    .build();
        }
        return BatchStatementRequest.builder().statement("UPDATE \"" + table
                        + "\" SET quantity = ?, updatedAt = ?, source = ? WHERE store = ? AND item = ? AND updatedAt < ?")
                .parameters(it.get("quantity"), it.get("updatedAt"), it.get("source"), it.get("store"), it.get("item"),
                        it.get("updatedAt"))
                .returnValuesOnConditionCheckFailure("ALL_OLD").build();
    }

    private void parallelBatches(long from, long to, int version) throws InterruptedException {
        long batches = (to - from + BATCH - 1) / BATCH;
        parallel(0, batches, CALLERS, b -> {
            List<BatchStatementRequest> statements = new ArrayList<>(BATCH);
            for (long i = from + b * BATCH; i < Math.min(to, from + (b + 1) * BATCH); i++) {
                statements.add(statement(i, version));
            }
            var response = dynamoDb.batchExecuteStatement(r -> r.statements(statements));
            response.responses().forEach(s -> {
                if (s.error() != null) {
                    throw new IllegalStateException("statement failed: " + s.error());
                }
            });
        });
    }

    private static void parallel(long from, long to, int threads, LongConsumer task) throws InterruptedException {
        AtomicLong next = new AtomicLong(from);
        List<Throwable> errors = new ArrayList<>();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (long i; (i = next.getAndIncrement()) < to; ) {
                        task.accept(i);
                    }
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                    next.set(to);
                }
            });
            all.add(thread);
            thread.start();
        }
        for (Thread t : all) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.get(0));
        }
    }

    // ---- GetRecords latency: random positions in the fullest shard, only the GetRecords call timed

    /** The first {@code max} sequence numbers of a shard (only those kept: the stream may hold millions of records). */
    private List<String> sequenceNumbers(String arn, String shard, int max) {
        List<String> out = new ArrayList<>();
        String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (it != null && out.size() < max) {
            String current = it;
            var page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
            for (Record r : page.records()) {
                out.add(r.dynamodb().sequenceNumber());
            }
            it = page.records().isEmpty() ? null : page.nextShardIterator();
        }
        return out;
    }

    private static String flag(long pid, String name) {
        String out = run(jcmd(), Long.toString(pid), "VM.flags", "-all");
        for (String line : out.split("\n")) {
            if (line.contains(" " + name + " ")) {
                String[] f = line.trim().split("\\s+");
                long bytes = Long.parseLong(f[3]);
                return String.format("%,d MiB", bytes >> 20);
            }
        }
        return "?";
    }

    private static String jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(120, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
