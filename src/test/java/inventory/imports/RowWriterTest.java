package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import inventory.table.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler on its own: a small in-process write strategy records each request, so what is under test is
 * only which rows go together, in which order, how many at once, and what a failure does.
 */
class RowWriterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Records requests; a request holding a row matched by {@code holdWhile} waits for {@link #release}. */
    private static final class RecordingStrategy implements WriteStrategy {
        final List<List<InventoryRow>> requests = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        final int maxRows;
        final long maxBytes;
        volatile Predicate<InventoryRow> holdWhile = r -> false;
        volatile Predicate<InventoryRow> failOn = r -> false;
        volatile Predicate<InventoryRow> errorOn = r -> false;

        RecordingStrategy(int maxRows, long maxBytes) {
            this.maxRows = maxRows;
            this.maxBytes = maxBytes;
        }

        @Override
        public int maxRows() {
            return maxRows;
        }

        @Override
        public long maxBytes() {
            return maxBytes;
        }

        @Override
        public List<RowOutcome> write(List<InventoryRow> rows) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                requests.add(List.copyOf(rows));
                if (rows.stream().anyMatch(holdWhile)) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (rows.stream().anyMatch(failOn)) {
                    throw new IllegalStateException("table is gone");
                }
                if (rows.stream().anyMatch(errorOn)) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return rows.stream().map(r -> RowOutcome.of(WriteResult.INSERTED)).toList();
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private static InventoryRow row(long line, String item) {
        return row(line, item, "");
    }

    private static InventoryRow row(long line, String item, String note) {
        return new InventoryRow(line, "s1", item, line, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(line),
                Map.of("note", note));
    }

    private final Map<Long, RowOutcome> done = new ConcurrentHashMap<>();

    private void submit(RowWriter writer, InventoryRow row) {
        take(writer.write(row, List.of()));
    }

    /** What the writer handed back: each row once, with its outcome. */
    private void take(List<WrittenRow> written) {
        written.forEach(w -> assertThat(done.put(w.row().line(), w.outcome())).as("handed back once").isNull());
    }

    private void awaitAll(RowWriter writer) {
        take(writer.finish());
    }

    /** Takes what the writer has handed back so far, for an await. */
    private int doneSoFar(RowWriter writer) {
        take(writer.written());
        return done.size();
    }

    @Test
    void rowsOfOneItemAreWrittenInFileOrderAndNeverShareARequest() {
        RecordingStrategy strategy = new RecordingStrategy(25, Long.MAX_VALUE);
        RowWriter writer = new RowWriter(strategy, pool, 3);
        for (int i = 0; i < 300; i++) {
            submit(writer, row(i, "sku-" + i % 7));
        }
        awaitAll(writer);

        assertThat(done).hasSize(300);
        Map<String, List<Long>> linesOfItem = new ConcurrentHashMap<>();
        synchronized (strategy.requests) {
            for (List<InventoryRow> request : strategy.requests) {
                assertThat(request).hasSizeLessThanOrEqualTo(25);
                assertThat(request.stream().map(InventoryRow::item).distinct().count()).isEqualTo(request.size());
                request.forEach(r -> linesOfItem.computeIfAbsent(r.item(), k -> new ArrayList<>()).add(r.line()));
            }
        }
        linesOfItem.values().forEach(lines -> assertThat(lines).isSorted().hasSize(lines.size()));
        assertThat(linesOfItem.values().stream().mapToInt(List::size).sum()).isEqualTo(300);
        assertThat(strategy.maxInFlight.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void distinctItemsGoTogetherInFullRequests() {
        RecordingStrategy strategy = new RecordingStrategy(25, Long.MAX_VALUE);
        strategy.holdWhile = r -> r.line() == 0;
        RowWriter writer = new RowWriter(strategy, pool, 1);
        // the first row goes alone (nothing was in flight); the rest wait for it and then fill a request of 25
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 51; i++) {
                submit(writer, row(i, "sku-" + i));
            }
        });
        reader.start();
        await().atMost(DEADLINE).until(() -> strategy.requests.size() == 1);
        await().atMost(DEADLINE).until(() -> reader.getState() == Thread.State.WAITING);
        strategy.release.countDown();
        awaitAll(writer);
        // while the first request was out, 50 rows queued up: the next request is a full one
        List<Integer> sizes = strategy.requests.stream().map(List::size).toList();
        assertThat(sizes.subList(0, 2)).containsExactly(1, 25);
        assertThat(sizes).allMatch(n -> n <= 25);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(51);
        assertThat(done).hasSize(51);
    }

    @Test
    void aPartialRequestGoesAsSoonAsNothingIsInFlight() {
        RecordingStrategy strategy = new RecordingStrategy(25, Long.MAX_VALUE);
        strategy.holdWhile = r -> r.line() == 0;
        RowWriter writer = new RowWriter(strategy, pool, 4);
        submit(writer, row(0, "a"));
        submit(writer, row(1, "b"));
        submit(writer, row(2, "c"));
        await().atMost(DEADLINE).until(() -> strategy.requests.size() == 1);
        assertThat(strategy.requests.get(0)).extracting(InventoryRow::line).containsExactly(0L);

        strategy.release.countDown();
        // no awaitAll, no more rows: the two waiting rows go out once the first request is back
        await().atMost(DEADLINE).until(() -> doneSoFar(writer) == 3);
        assertThat(strategy.requests.get(1)).extracting(InventoryRow::line).containsExactly(1L, 2L);
        awaitAll(writer);
    }

    @Test
    void theEndOfTheFileSendsWhatIsLeft() {
        RecordingStrategy strategy = new RecordingStrategy(25, Long.MAX_VALUE);
        strategy.holdWhile = r -> r.line() == 0;
        RowWriter writer = new RowWriter(strategy, pool, 4);
        submit(writer, row(0, "a"));
        submit(writer, row(1, "b"));
        await().atMost(DEADLINE).until(() -> strategy.requests.size() == 1);
        Thread end = new Thread(() -> awaitAll(writer));
        end.start();
        // draining: the partial request goes out while the first is still in flight
        await().atMost(DEADLINE).until(() -> strategy.requests.size() == 2);
        await().atMost(DEADLINE).until(() -> doneSoFar(writer) == 1);
        assertThat(done).containsOnlyKeys(1L);
        strategy.release.countDown();
        await().atMost(DEADLINE).until(() -> !end.isAlive());
        assertThat(done).containsOnlyKeys(0L, 1L);
    }

    @Test
    void rowsWaitingForAnEarlierWriteOfTheirItemNeverStallTheFile() {
        RecordingStrategy strategy = new RecordingStrategy(25, Long.MAX_VALUE);
        // 1 request at a time, and the queue holds far fewer rows than the file: every row waits behind the one before
        RowWriter writer = new RowWriter(strategy, pool, 1);
        for (int i = 0; i < 200; i++) {
            submit(writer, row(i, i % 2 == 0 ? "hot" : "sku-" + i));
        }
        awaitAll(writer);
        assertThat(done).hasSize(200);
        List<Long> hot = new ArrayList<>();
        strategy.requests.forEach(rq -> rq.stream().filter(r -> r.item().equals("hot")).forEach(r -> hot.add(r.line())));
        assertThat(hot).hasSize(100).isSorted();
    }

    @Test
    void aRowBiggerThanTheByteBudgetGoesAlone() {
        RecordingStrategy strategy = new RecordingStrategy(25, 1000);
        strategy.holdWhile = r -> r.line() == 0;
        RowWriter writer = new RowWriter(strategy, pool, 1);
        submit(writer, row(0, "first"));
        await().atMost(DEADLINE).until(() -> strategy.requests.size() == 1);
        submit(writer, row(1, "a", "x".repeat(300)));
        submit(writer, row(2, "b", "x".repeat(300)));
        submit(writer, row(3, "big", "x".repeat(5000)));
        submit(writer, row(4, "c"));
        strategy.release.countDown();
        awaitAll(writer);
        assertThat(strategy.requests.stream().map(rq -> rq.stream().map(InventoryRow::line).toList()).toList())
                .containsExactly(List.of(0L), List.of(1L, 2L), List.of(3L), List.of(4L));
    }

    @Test
    void aFailedRequestStopsTheFileAndNoLaterRowIsWritten() {
        RecordingStrategy strategy = new RecordingStrategy(5, Long.MAX_VALUE);
        strategy.failOn = r -> r.line() == 0;
        RowWriter writer = new RowWriter(strategy, pool, 1);
        submit(writer, row(0, "a"));
        assertThatThrownBy(writer::finish)
                .isInstanceOf(RetryableImportException.class).hasMessageContaining("table is gone");
        assertThatThrownBy(() -> submit(writer, row(1, "b"))).isInstanceOf(RetryableImportException.class);
        assertThat(strategy.requests).hasSize(1);
        assertThat(done).isEmpty();
    }

    @Test
    void afterAFailureTheRowsThatWereWrittenAreStillHandedBack() {
        RecordingStrategy strategy = new RecordingStrategy(1, Long.MAX_VALUE);
        strategy.failOn = r -> r.line() == 1;
        RowWriter writer = new RowWriter(strategy, pool, 1);
        submit(writer, row(0, "a"));
        await().atMost(DEADLINE).until(() -> strategy.requests.size() == 1);
        submit(writer, row(1, "b"));
        assertThatThrownBy(writer::finish).isInstanceOf(RetryableImportException.class);
        take(writer.written());
        // the report of a failed file says which rows were written before it stopped
        assertThat(done).containsOnlyKeys(0L);
        assertThat(done.get(0L).result()).isEqualTo(WriteResult.INSERTED);
    }

    @Test
    void rowsQueuedBehindAFailedRequestAreDroppedNotWritten() {
        RecordingStrategy strategy = new RecordingStrategy(5, Long.MAX_VALUE);
        strategy.holdWhile = r -> r.line() == 0;
        strategy.failOn = r -> r.line() == 0;
        RowWriter writer = new RowWriter(strategy, pool, 1);
        submit(writer, row(0, "a"));
        submit(writer, row(1, "a"));
        submit(writer, row(2, "b"));
        await().atMost(DEADLINE).until(() -> strategy.requests.size() == 1);
        strategy.release.countDown();
        assertThatThrownBy(writer::finish).isInstanceOf(RetryableImportException.class);
        assertThat(strategy.requests).hasSize(1);
        assertThat(done).isEmpty();
    }

    @Test
    void anErrorOnAWriterThreadStopsTheFileInsteadOfLeavingItWaitingForEver() {
        RecordingStrategy strategy = new RecordingStrategy(5, Long.MAX_VALUE);
        strategy.errorOn = r -> r.line() == 1;
        RowWriter writer = new RowWriter(strategy, pool, 2);
        submit(writer, row(0, "a"));
        submit(writer, row(1, "b"));
        assertThatThrownBy(writer::finish).isInstanceOf(RetryableImportException.class)
                .hasRootCauseInstanceOf(OutOfMemoryError.class)
                .hasMessageContaining("the import stopped with java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void bigRowsWaitingToBeWrittenAreBoundedByTheirBytesNotOnlyTheirNumber() throws Exception {
        RecordingStrategy strategy = new RecordingStrategy(25, 256 * 1024);
        strategy.holdWhile = r -> r.line() == 0;
        RowWriter writer = new RowWriter(strategy, pool, 1);
        submit(writer, row(0, "first"));
        await().atMost(DEADLINE).until(() -> strategy.requests.size() == 1);
        // 300 KB rows while the first request is held: 2 of them fit the bound (2 x 400 KB here), the third waits
        AtomicInteger submitted = new AtomicInteger();
        Thread reader = new Thread(() -> {
            for (int i = 1; i <= 6; i++) {
                submit(writer, row(i, "big-" + i, "x".repeat(300 * 1024)));
                submitted.incrementAndGet();
            }
        });
        reader.start();
        await().atMost(DEADLINE).until(() -> submitted.get() == 2);
        await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> submitted.get() == 2);
        strategy.release.countDown();
        reader.join(DEADLINE.toMillis());
        awaitAll(writer);
        assertThat(done).hasSize(7);
    }
}
