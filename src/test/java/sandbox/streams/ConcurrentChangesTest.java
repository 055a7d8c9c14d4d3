package sandbox.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/** Changes reported from many threads at once, as the DynamoDB side does under per-item locks, over four shards. */
class ConcurrentChangesTest {

    private static final int THREADS = 16;
    private static final int ITEMS_PER_THREAD = 4;
    private static final int VERSIONS = 100;
    private static final int TOTAL = THREADS * ITEMS_PER_THREAD * VERSIONS;

    private static StreamsHarness h;

    @BeforeAll
    static void start() {
        h = StreamsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void concurrentChangesGetOneTotalOrderThatKeepsEachItemsOrder() throws Exception {
        String arn = h.table("Busy", "NEW_AND_OLD_IMAGES").streamArn();
        // a reader follows every shard from the start while the writers run (no rollover: the clock stands still)
        List<String> start = h.shards(arn).stream()
                .map(s -> h.iterator(arn, s.shardId(), ShardIteratorType.TRIM_HORIZON)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            writers.add(pool.submit(() -> {
                go.await();
                for (int v = 1; v <= VERSIONS; v++) {
                    for (int i = 0; i < ITEMS_PER_THREAD; i++) {
                        String id = "t" + thread + "-i" + i;
                        var after = StreamsHarness.number(StreamsHarness.item("id", id), "v", Integer.toString(v));
                        var before = v == 1 ? null
                                : StreamsHarness.number(StreamsHarness.item("id", id), "v", Integer.toString(v - 1));
                        h.service.onChange("Busy", StreamsHarness.keys(id), StreamsHarness.packed(before), StreamsHarness.packed(after));
                    }
                }
                return null;
            }));
        }
        Future<List<Record>> follower = pool.submit(() -> follow(start));
        go.countDown();
        for (Future<?> w : writers) {
            w.get(60, TimeUnit.SECONDS);
        }
        List<Record> followed = follower.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        List<Record> all = h.readAll(arn);
        assertThat(all).hasSize(TOTAL);
        assertThat(followed).extracting(r -> r.dynamodb().sequenceNumber())
                .containsExactlyInAnyOrderElementsOf(all.stream().map(r -> r.dynamodb().sequenceNumber()).toList());
        BigInteger previous = BigInteger.ZERO;
        Map<String, Integer> lastVersion = new HashMap<>();
        for (Record r : all) {
            BigInteger seq = new BigInteger(r.dynamodb().sequenceNumber());
            assertThat(seq).isGreaterThan(previous);
            previous = seq;
            String id = r.dynamodb().keys().get("id").s();
            int v = Integer.parseInt(r.dynamodb().newImage().get("v").n());
            assertThat(v).as("versions of %s in order", id).isEqualTo(lastVersion.getOrDefault(id, 0) + 1);
            assertThat(r.eventName()).isEqualTo(v == 1 ? OperationType.INSERT : OperationType.MODIFY);
            lastVersion.put(id, v);
        }
        assertThat(lastVersion).hasSize(THREADS * ITEMS_PER_THREAD).allSatisfy((id, v) -> assertThat(v).isEqualTo(VERSIONS));
    }

    /** Polls GetRecords on every shard in turn (with a deadline) until every record has been seen; each shard in order. */
    private static List<Record> follow(List<String> iterators) {
        List<Record> seen = new ArrayList<>();
        List<String> its = new ArrayList<>(iterators);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (seen.size() < TOTAL && System.nanoTime() < deadline) {
            for (int i = 0; i < its.size(); i++) {
                String current = its.get(i);
                GetRecordsResponse page = h.client.getRecords(r -> r.shardIterator(current));
                BigInteger previous = BigInteger.ZERO;
                for (Record r : page.records()) {
                    assertThat(new BigInteger(r.dynamodb().sequenceNumber())).isGreaterThan(previous);
                    previous = new BigInteger(r.dynamodb().sequenceNumber());
                }
                seen.addAll(page.records());
                assertThat(page.nextShardIterator()).isNotNull();
                its.set(i, page.nextShardIterator());
            }
        }
        return seen;
    }
}
