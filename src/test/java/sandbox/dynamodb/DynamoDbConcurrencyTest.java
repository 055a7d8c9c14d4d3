package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.dynamodb.DynamoDbItemsTest.n;
import static sandbox.dynamodb.DynamoDbItemsTest.s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

class DynamoDbConcurrencyTest extends SandboxTestSupport {

    private static DynamoDbClient ddb;

    @BeforeAll
    static void tables() {
        ddb = dynamodb();
        ddb.createTable(DynamoDbTablesTest.table("counters", false).build());
        ddb.createTable(DynamoDbTablesTest.table("conditional", false).build());
    }

    private static void inParallel(int threads, int perThread, java.util.function.IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        work.accept(thread * perThread + i);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentAddsToOneItemAreAllCounted() throws Exception {
        inParallel(32, 20, i -> ddb.updateItem(r -> r.tableName("counters").key(Map.of("id", s("hot")))
                .updateExpression("ADD hits :one").expressionAttributeValues(Map.of(":one", n("1")))));
        assertThat(ddb.getItem(r -> r.tableName("counters").key(Map.of("id", s("hot")))).item().get("hits").n())
                .isEqualTo("640");
    }

    @Test
    void concurrentConditionalPutsLetExactlyOneCreatorWin() throws Exception {
        AtomicInteger won = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        inParallel(16, 10, i -> {
            try {
                ddb.putItem(r -> r.tableName("conditional").item(Map.of("id", s("race-" + (i % 10)), "by", n(Integer.toString(i))))
                        .conditionExpression("attribute_not_exists(id)"));
                won.incrementAndGet();
            } catch (ConditionalCheckFailedException e) {
                lost.incrementAndGet();
            }
        });
        assertThat(won.get()).isEqualTo(10);
        assertThat(lost.get()).isEqualTo(150);
    }

    /** Not a timing assertion: prints the rate of the pipeline's conditional put at 32 concurrent callers. */
    @Test
    void conditionalPutThroughputIsReported() throws Exception {
        int threads = 32;
        int perThread = 100;
        long start = System.nanoTime();
        AtomicInteger written = new AtomicInteger();
        inParallel(threads, perThread, i -> {
            ddb.putItem(r -> r.tableName("conditional").item(Map.of("id", s("sku-" + i), "store", s("s1"),
                            "updatedAt", s("2024-05-02T10:00:00Z"), "qty", n(Integer.toString(i))))
                    .conditionExpression("attribute_not_exists(#s) OR #u < :u")
                    .expressionAttributeNames(Map.of("#s", "store", "#u", "updatedAt"))
                    .expressionAttributeValues(Map.of(":u", s("2024-05-02T10:00:00Z"))));
            written.incrementAndGet();
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("DynamoDB conditional PutItem: %d requests from %d SDK callers in %.2f s = %.0f/s%n",
                written.get(), threads, seconds, written.get() / seconds);
        assertThat(written.get()).isEqualTo(threads * perThread);
        assertThat(ddb.describeTable(r -> r.tableName("conditional")).table().itemCount()).isGreaterThanOrEqualTo(3200);
    }
}
