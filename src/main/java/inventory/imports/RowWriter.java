package inventory.imports;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Writes the rows of one file with at most {@code concurrency} puts in flight. Rows of the same item
 * are written one after the other, in file order, so that duplicates in a file resolve the same way
 * every time (the first of equal timestamps wins; later ones count as stale). Throttling and other
 * transient errors are retried by the DynamoDB client's retry strategy ({@code AwsClients}: exponential
 * backoff with jitter); a row the table refuses is reported; an error the retries could not mend (table
 * missing or unreachable, endless throttling) stops the file, which is then tried again whole.
 */
public final class RowWriter {

    /** How a row ended. {@code rejection} is set when DynamoDB refused the row itself. */
    public record Outcome(ConditionalPut.Result result, String rejection) {
    }

    private final ConditionalPut put;
    private final Executor executor;
    private final Semaphore permits;
    private final int concurrency;
    private final Map<String, CompletableFuture<Void>> lastWriteOfItem = new ConcurrentHashMap<>();
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();

    public RowWriter(ConditionalPut put, Executor executor, int concurrency) {
        this.put = put;
        this.executor = executor;
        this.concurrency = concurrency;
        this.permits = new Semaphore(concurrency);
    }

    /**
     * Queues a row; blocks while {@code concurrency} writes are in flight. {@code done} runs on a writer
     * thread when the row is written, found stale or refused.
     *
     * @throws RetryableImportException when an earlier write failed for good (the file must be retried)
     */
    public void submit(InventoryRow row, String source, BiConsumer<InventoryRow, Outcome> done) {
        throwIfFailed();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableImportException("interrupted while writing rows", e);
        }
        String key = row.store() + '\u0000' + row.item();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> before = lastWriteOfItem.put(key, mine);
        Runnable write = () -> {
            try {
                if (fatal.get() == null) {
                    done.accept(row, write(row, source));
                }
            } catch (RuntimeException e) {
                fatal.compareAndSet(null, e);
            } finally {
                permits.release();
                lastWriteOfItem.remove(key, mine);
                mine.complete(null);
            }
        };
        if (before == null) {
            executor.execute(write);
        } else {
            before.whenCompleteAsync((v, e) -> write.run(), executor);
        }
    }

    /** Waits until every queued row is done; then throws if any failed for good. */
    public void awaitAll() {
        try {
            permits.acquire(concurrency);
            permits.release(concurrency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableImportException("interrupted while waiting for rows to be written", e);
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        RuntimeException e = fatal.get();
        if (e != null) {
            throw new RetryableImportException("writing to DynamoDB failed", e);
        }
    }

    private Outcome write(InventoryRow row, String source) {
        try {
            return new Outcome(put.put(row, source), null);
        } catch (AwsServiceException e) {
            if (isRowProblem(e)) {
                return new Outcome(null, "DynamoDB refused the row: " + e.awsErrorDetails().errorMessage());
            }
            throw e;
        }
    }

    static boolean isRowProblem(AwsServiceException e) {
        return e.statusCode() == 400 && e.awsErrorDetails() != null
                && "ValidationException".equals(e.awsErrorDetails().errorCode());
    }
}
