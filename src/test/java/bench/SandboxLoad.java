package bench;

import inventory.imports.ConditionalPut;
import inventory.table.WriteResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import sandbox.WholeStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Load on the sandbox without Camel: conditional PutItems through the AWS SDK, exactly the request the
 * pipeline sends ({@link ConditionalPut}: same item shape, same ConditionExpression, ReturnValues ALL_OLD),
 * from N threads; and GetRecords latency on the table's stream.
 */
final class SandboxLoad {

    /** Completed puts per second over the measured window (after a warm-up). */
    record PutRate(int callers, long puts, double seconds, double perSecond, long conditionFailures, long allPuts,
                   double sandboxCpuMicros, double clientCpuMicros) {

        double totalCpuMicros() {
            return sandboxCpuMicros + clientCpuMicros;
        }

        String describe() {
            return String.format("%,.0f puts/s (CPU/put: sandbox %.0f us, SDK client %.0f us)", perSecond, sandboxCpuMicros,
                    clientCpuMicros);
        }
    }

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final JavaProcess sandbox;
    private final LongAdder totalPuts = new LongAdder();

    SandboxLoad(URI endpoint, JavaProcess sandbox) {
        this.sandbox = sandbox;
        this.dynamoDb = Clients.dynamoDb(endpoint);
        this.streams = Clients.streams(endpoint);
    }

    /** A table like the pipeline's: store/item keys, NEW_AND_OLD_IMAGES stream. */
    void createTable(String table) {
        dynamoDb.createTable(b -> b.tableName(table)
                .keySchema(KeySchemaElement.builder().attributeName("store").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("item").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("store").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("item").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()));
    }

    void deleteTable(String table) {
        dynamoDb.deleteTable(b -> b.tableName(table));
    }

    /**
     * {@code callers} threads put distinct new rows of family {@code prefix} as fast as the sandbox answers;
     * counts only the puts completed in the window after {@code warmup}.
     */
    PutRate putRate(String table, String prefix, int callers, Duration warmup, Duration measure) throws InterruptedException {
        ConditionalPut put = new ConditionalPut(dynamoDb, table);
        String source = "s3://bench/" + prefix + ".csv";
        AtomicLong next = new AtomicLong();
        LongAdder counted = new LongAdder();
        LongAdder stale = new LongAdder();
        LongAdder all = new LongAdder();
        double sandboxCpu = sandbox.cpuSeconds();
        double clientCpu = Cpu.ofThisProcess();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        CountDownLatch done = new CountDownLatch(callers);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            Thread thread = new Thread(() -> {
                try {
                    while (true) {
                        long now = System.nanoTime();
                        if (now >= measureTo) {
                            return;
                        }
                        WriteResult r = put.put(InventoryCsv.row(prefix, next.getAndIncrement(), 7), source);
                        long end = System.nanoTime();
                        if (now >= measureFrom && end <= measureTo) {
                            counted.increment();
                        }
                        all.increment();
                        if (r == WriteResult.STALE) {
                            stale.increment();
                        }
                    }
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                } finally {
                    done.countDown();
                }
            }, "put-" + t);
            threads.add(thread);
            thread.start();
        }
        done.await();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("puts failed: " + errors.get(0), errors.get(0));
        }
        double seconds = measure.toNanos() / 1e9;
        totalPuts.add(all.sum());
        long n = Math.max(1, all.sum());
        PutRate rate = new PutRate(callers, counted.sum(), seconds, counted.sum() / seconds, stale.sum(), all.sum(),
                (sandbox.cpuSeconds() - sandboxCpu) * 1e6 / n, (Cpu.ofThisProcess() - clientCpu) * 1e6 / n);
        System.out.printf("   %s, %d caller(s): %s%n", prefix, callers, rate.describe());
        return rate;
    }

    /**
     * GetRecords of {@code limit} records from random places in the stream of {@code table}: iterators are
     * made beforehand (AFTER_SEQUENCE_NUMBER), only the GetRecords call is timed. Milliseconds.
     */
    Stats getRecordsLatency(String table, int limit, int samples, long seed) {
        String arn = streams.listStreams(b -> b.tableName(table)).streams().get(0).streamArn();
        Map.Entry<String, List<String>> fullest = fullestShard(arn);
        if (fullest.getValue().size() < limit + 100) {
            // a short (smoke) run may not have written enough: top the stream up (spread over its shards) so every read is a full page
            ConditionalPut put = new ConditionalPut(dynamoDb, table);
            int shards = WholeStream.shards(streams, arn).size();
            long from = WholeStream.records(streams, arn).size();
            for (long i = from; i < from + (long) (limit + 100) * shards; i++) {
                put.put(InventoryCsv.row("topup", i, 7), "s3://bench/topup.csv");
            }
            fullest = fullestShard(arn);
        }
        return getRecordsLatency(streams, arn, fullest.getKey(), fullest.getValue(), limit, samples, seed);
    }

    /**
     * GetRecords of {@code limit} records after random ones of {@code sequenceNumbers} (records of {@code shard},
     * in order); only the GetRecords call is timed. Milliseconds.
     */
    static Stats getRecordsLatency(DynamoDbStreamsClient streams, String arn, String shard, List<String> sequenceNumbers,
                                   int limit, int samples, long seed) {
        int usable = sequenceNumbers.size() - limit;
        if (usable <= 0) {
            throw new IllegalStateException("shard " + shard + " of " + arn + " has only " + sequenceNumbers.size() + " records");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            String after = sequenceNumbers.get(random.nextInt(usable));
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after)).shardIterator();
            long t0 = System.nanoTime();
            var page = streams.getRecords(b -> b.shardIterator(iterator).limit(limit));
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (page.records().size() != limit) {
                throw new IllegalStateException("GetRecords returned " + page.records().size() + " of " + limit);
            }
        }
        return Stats.of(ms);
    }

    /** The shard holding the most records, with their sequence numbers in order. */
    private Map.Entry<String, List<String>> fullestShard(String arn) {
        Map.Entry<String, List<String>> fullest = Map.entry("", List.of());
        for (var e : WholeStream.byShard(streams, arn).entrySet()) {
            if (e.getValue().size() > fullest.getValue().size()) {
                fullest = Map.entry(e.getKey(), e.getValue().stream().map(r -> r.dynamodb().sequenceNumber()).toList());
            }
        }
        return fullest;
    }

    /** Every put of this harness so far (each one an item and a stream record in the sandbox). */
    long totalPuts() {
        return totalPuts.sum();
    }

    long itemCount(String table) {
        return dynamoDb.describeTable(b -> b.tableName(table)).table().itemCount();
    }
}
