package inventory.imports;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Writes the rows of one file with at most {@code concurrency} puts in flight. Rows of the same item
 * are written one after the other, in file order, so that duplicates in a file resolve the same way
 * every time (the first of equal timestamps wins; later ones count as stale). Throttling and other
 * transient errors are retried with exponential backoff; a row the table refuses is reported; an error
 * that no retry can mend (missing table, endless throttling) stops the file so it can be retried whole.
 */
public final class RowWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RowWriter.class);

    /** How a row ended. {@code rejection} is set when DynamoDB refused the row itself. */
    public record Outcome(ConditionalPut.Result result, String rejection) {
    }

    /** Backoff for transient errors, on top of the SDK's own retries. */
    public record Retry(int attempts, Duration firstDelay, Duration maxDelay) {
        public static final Retry DEFAULT = new Retry(10, Duration.ofMillis(100), Duration.ofSeconds(10));
    }

    private final ConditionalPut put;
    private final Executor executor;
    private final Semaphore permits;
    private final int concurrency;
    private final Retry retry;
    private final Map<String, CompletableFuture<Void>> lastWriteOfItem = new ConcurrentHashMap<>();
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();

    public RowWriter(ConditionalPut put, Executor executor, int concurrency, Retry retry) {
        this.put = put;
        this.executor = executor;
        this.concurrency = concurrency;
        this.permits = new Semaphore(concurrency);
        this.retry = retry;
    }

    /**
     * Queues a row; blocks while {@code concurrency} writes are in flight. {@code done} runs on a writer
     * thread when the row is written, found stale or refused.
     *
     * @throws IllegalStateException when an earlier write failed for good (the file must be retried)
     */
    public void submit(InventoryRow row, String source, BiConsumer<InventoryRow, Outcome> done) {
        throwIfFailed();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing rows", e);
        }
        String key = row.store() + '\u0000' + row.item();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> before = lastWriteOfItem.put(key, mine);
        Runnable write = () -> {
            try {
                if (fatal.get() == null) {
                    done.accept(row, writeWithRetry(row, source));
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
            throw new IllegalStateException("interrupted while waiting for rows to be written", e);
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        RuntimeException e = fatal.get();
        if (e != null) {
            throw new IllegalStateException("writing to DynamoDB failed: " + e.getMessage(), e);
        }
    }

    private Outcome writeWithRetry(InventoryRow row, String source) {
        long delay = retry.firstDelay().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return new Outcome(put.put(row, source), null);
            } catch (AwsServiceException e) {
                if (isRowProblem(e)) {
                    return new Outcome(null, "DynamoDB refused the row: " + e.awsErrorDetails().errorMessage());
                }
                if (!isTransient(e) || attempt >= retry.attempts()) {
                    throw e;
                }
                LOG.debug("Retrying line {} after {}: {}", row.line(), e.awsErrorDetails().errorCode(), e.getMessage());
            } catch (SdkClientException e) {
                if (attempt >= retry.attempts()) {
                    throw e;
                }
                LOG.debug("Retrying line {} after client error: {}", row.line(), e.getMessage());
            }
            sleep(delay);
            delay = Math.min(delay * 2, retry.maxDelay().toMillis());
        }
    }

    static boolean isRowProblem(AwsServiceException e) {
        return e.statusCode() == 400 && e.awsErrorDetails() != null
                && "ValidationException".equals(e.awsErrorDetails().errorCode());
    }

    static boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException aws) {
            return aws.isThrottlingException() || aws.statusCode() >= 500 || aws.retryable();
        }
        return true;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    /** For tests: writes in flight or queued. */
    int inFlight() {
        return concurrency - permits.availablePermits();
    }
}
