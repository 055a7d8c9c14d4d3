package inventory.imports;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Schedules the writes of one file: groups rows into requests of up to {@link WriteStrategy#maxRows()} rows and
 * {@link WriteStrategy#maxBytes()} bytes, with at most {@code maxRequests} requests in flight. Rows of the same
 * item are written one after the other, in file order (the first of equal timestamps wins; later ones count as
 * stale), and so never share a request. A partial request goes out when nothing is in flight, when the file is
 * done, or when the reader would otherwise wait: a row waiting for an earlier write of its item never stalls the
 * file. An error the strategy could not mend stops the file: queued rows are dropped, and the file is tried again
 * whole. What came of each row goes back to the caller, on the caller's thread: {@link #write} returns the rows whose
 * writes ended since the last call, {@link #finish} the rest, so the route's exchanges carry the real outcomes.
 */
public final class RowWriter {

    /** A row accepted and not yet done. */
    private record Pending(InventoryRow row, List<String> values, String item, long bytes) {
    }

    private final WriteStrategy strategy;
    private final Executor executor;
    private final int maxRequests;
    /** Rows accepted and not done: enough for every request in flight plus one being filled. */
    private final int maxAccepted;
    /**
     * Their bytes, likewise (at least two of the largest rows): rows of up to 400 KB each must not fill the heap,
     * 425 of them would take 170 MB; with the default 16 requests in flight this is 17 x 256 KB.
     */
    private final long maxAcceptedBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Items with a row ready or in flight, each with the later rows of that item waiting behind it. */
    private final Map<String, ArrayDeque<Pending>> busyItems = new HashMap<>();
    /** Rows free to go, in file order. */
    private final ArrayDeque<Pending> ready = new ArrayDeque<>();
    private long readyBytes;
    private int inFlight;
    private int accepted;
    private long acceptedBytes;
    private boolean draining;
    private RuntimeException fatal;
    /** Rows whose writes ended and that the caller has not taken yet, in the order they ended. */
    private List<WrittenRow> written = new ArrayList<>();

    public RowWriter(WriteStrategy strategy, Executor executor, int maxRequests) {
        this.strategy = strategy;
        this.executor = executor;
        this.maxRequests = maxRequests;
        this.maxAccepted = (maxRequests + 1) * strategy.maxRows();
        this.maxAcceptedBytes = Math.max(2L * RowCheck.MAX_ITEM_BYTES,
                (maxRequests + 1) * Math.min(strategy.maxBytes(), RowCheck.MAX_ITEM_BYTES));
    }

    /**
     * Queues a row; blocks while enough rows are queued.
     *
     * @param values the row as the file had it, handed back with its outcome (a refused row is reported as it was)
     * @return the rows whose writes ended since the last call (written, found stale or refused), oldest first
     * @throws RetryableImportException when an earlier write failed for good (the file must be retried)
     */
    public List<WrittenRow> write(InventoryRow row, List<String> values) {
        Pending p = new Pending(row, values, row.store() + '\u0000' + row.item(), row.bytes());
        lock.lock();
        try {
            while (fatal == null && (accepted >= maxAccepted
                    || accepted > 0 && acceptedBytes + p.bytes() > maxAcceptedBytes)) {
                // the reader waits: whatever is ready goes now, full or not
                dispatch(true);
                await();
            }
            throwIfFailed();
            accepted++;
            acceptedBytes += p.bytes();
            ArrayDeque<Pending> behind = busyItems.get(p.item());
            if (behind != null) {
                behind.add(p);
            } else {
                busyItems.put(p.item(), new ArrayDeque<>());
                ready.add(p);
                readyBytes += p.bytes();
                dispatch(false);
            }
            return takeWritten();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends what is left and waits until every queued row is done; then throws if any failed for good.
     *
     * @return the rows whose writes ended since the last call
     */
    public List<WrittenRow> finish() {
        lock.lock();
        try {
            draining = true;
            dispatch(true);
            while (accepted > 0) {
                await();
            }
            throwIfFailed();
            return takeWritten();
        } finally {
            lock.unlock();
        }
    }

    /** The rows whose writes ended since the last call, without waiting (also after a failure: what did get written). */
    public List<WrittenRow> written() {
        lock.lock();
        try {
            return takeWritten();
        } finally {
            lock.unlock();
        }
    }

    private List<WrittenRow> takeWritten() {
        if (written.isEmpty()) {
            return List.of();
        }
        List<WrittenRow> taken = written;
        written = new ArrayList<>();
        return taken;
    }

    /** Sends ready rows while a request slot is free: full requests always, partial ones when {@code partial}. */
    private void dispatch(boolean partial) {
        while (fatal == null && inFlight < maxRequests && !ready.isEmpty()) {
            boolean full = ready.size() >= strategy.maxRows() || readyBytes >= strategy.maxBytes();
            if (!full && !partial && !draining && inFlight > 0) {
                return;
            }
            List<Pending> batch = takeBatch();
            inFlight++;
            try {
                executor.execute(() -> run(batch));
            } catch (RejectedExecutionException e) {
                inFlight--;
                fail(new RetryableImportException("the writer pool is shut down", e), batch);
            }
        }
    }

    private List<Pending> takeBatch() {
        List<Pending> batch = new ArrayList<>();
        long bytes = 0;
        while (!ready.isEmpty() && batch.size() < strategy.maxRows()
                && (batch.isEmpty() || bytes + ready.peek().bytes() <= strategy.maxBytes())) {
            Pending p = ready.poll();
            readyBytes -= p.bytes();
            bytes += p.bytes();
            batch.add(p);
        }
        return batch;
    }

    /** On a writer thread: one request, then each row's outcome is kept, then the rows waiting behind them move up. */
    private void run(List<Pending> batch) {
        RuntimeException error = null;
        List<RowOutcome> outcomes = null;
        try {
            outcomes = strategy.write(batch.stream().map(Pending::row).toList());
        } catch (RuntimeException e) {
            error = e;
        } catch (Error e) {
            error = new JvmErrorException(e); // uncaught, this thread would die and the file wait for it for ever
        }
        lock.lock();
        try {
            inFlight--;
            if (error != null) {
                fail(error, batch);
            } else {
                for (int i = 0; i < batch.size(); i++) {
                    Pending p = batch.get(i);
                    written.add(new WrittenRow(p.row(), p.values(), outcomes.get(i)));
                    accepted--;
                    acceptedBytes -= p.bytes();
                    release(p.item());
                }
            }
            dispatch(false);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next row of a finished row's item becomes ready, or the item is no longer busy. */
    private void release(String item) {
        ArrayDeque<Pending> behind = busyItems.get(item);
        Pending next = behind == null ? null : behind.poll();
        if (next == null) {
            busyItems.remove(item);
        } else {
            ready.add(next);
            readyBytes += next.bytes();
        }
    }

    /** The file stops: the failed request's rows and every queued row are dropped (the file is imported again). */
    private void fail(RuntimeException error, List<Pending> batch) {
        if (fatal == null) {
            fatal = error;
        }
        accepted -= batch.size();
        acceptedBytes -= batch.stream().mapToLong(Pending::bytes).sum();
        for (ArrayDeque<Pending> behind : busyItems.values()) {
            accepted -= behind.size();
            acceptedBytes -= behind.stream().mapToLong(Pending::bytes).sum();
        }
        accepted -= ready.size();
        acceptedBytes -= readyBytes;
        busyItems.clear();
        ready.clear();
        readyBytes = 0;
        changed.signalAll();
    }

    private void await() {
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableImportException("interrupted while writing rows", e);
        }
    }

    private void throwIfFailed() {
        if (fatal != null) {
            throw new RetryableImportException("writing to DynamoDB failed", fatal);
        }
    }
}
