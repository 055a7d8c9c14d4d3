package sandbox.streams;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongFunction;

/**
 * The one shard of a stream: records in sequence order, appended under a short lock (the order is
 * total) and read without one. Records are numbered 1, 2, 3, ...; the sequence number AWS clients
 * see is that counter behind a per-shard prefix, so it has 21 digits and keeps growing.
 */
final class Shard {

    /** Digits of the counter part of a sequence number. */
    private static final int COUNTER_DIGITS = 12;
    private static final String ZEROS = "000000000000";
    private static final long MAX_COUNTER = 999_999_999_999L;
    private static final BigInteger COUNTER_SPAN = BigInteger.TEN.pow(COUNTER_DIGITS);

    private final String shardId;
    private final long prefix;
    private final String prefixText;
    private final ConcurrentSkipListMap<Long, StreamRecord> records = new ConcurrentSkipListMap<>();
    /** Highest counter handed out. */
    private volatile long lastCounter;
    /** Every record up to and including this counter is gone (older than 24 hours). */
    private volatile long trimmedThrough;
    /** The last counter of a closed shard; -1 while open. */
    private volatile long endCounter;

    Shard(String shardId, long prefix, long lastCounter, long trimmedThrough, long endCounter) {
        this.shardId = shardId;
        this.prefix = prefix;
        this.prefixText = Long.toString(prefix);
        this.lastCounter = lastCounter;
        this.trimmedThrough = trimmedThrough;
        this.endCounter = endCounter;
    }

    /** A prefix of 9 digits, growing with the shard's creation time, like AWS's numbers across shards. */
    static long prefixFor(long createdMillis) {
        return 100_000_000L + Math.floorMod(Math.floorDiv(createdMillis, 1000L), 100_000_000L);
    }

    String shardId() {
        return shardId;
    }

    long prefix() {
        return prefix;
    }

    long lastCounter() {
        return lastCounter;
    }

    long trimmedThrough() {
        return trimmedThrough;
    }

    boolean isOpen() {
        return endCounter < 0;
    }

    /** The last counter of a closed shard, -1 while open. */
    long endCounter() {
        return endCounter;
    }

    int retained() {
        return records.size();
    }

    String sequenceNumber(long counter) {
        String n = Long.toString(counter);
        return prefixText + ZEROS.substring(n.length()) + n;
    }

    /** The counter a sequence number of this shard stands for, or -1 if it is not one of this shard's. */
    long counterOf(String sequenceNumber) {
        BigInteger offset = new BigInteger(sequenceNumber)
                .subtract(BigInteger.valueOf(prefix).multiply(COUNTER_SPAN));
        if (offset.signum() < 0 || offset.compareTo(COUNTER_SPAN) >= 0) {
            return -1;
        }
        return offset.longValue();
    }

    /**
     * Numbers and stores the next record; {@code build} runs under the shard lock, so keep it small.
     *
     * @return the record, or null when the shard is closed
     */
    synchronized StreamRecord append(LongFunction<StreamRecord> build) {
        if (endCounter >= 0 || lastCounter >= MAX_COUNTER) {
            return null;
        }
        long n = lastCounter + 1;
        StreamRecord record = build.apply(n);
        records.put(n, record);
        lastCounter = n;
        return record;
    }

    /** Puts back a record read from the journal (start-up only). */
    synchronized void restore(StreamRecord record) {
        if (record.counter() > trimmedThrough) {
            records.put(record.counter(), record);
        }
        lastCounter = Math.max(lastCounter, record.counter());
    }

    /** Closes the shard at a counter read from the journal (start-up only). */
    synchronized void restoreEnd(long end) {
        endCounter = end;
        lastCounter = Math.max(lastCounter, end);
    }

    /** Closes the shard after its last record; idempotent. */
    synchronized void close() {
        if (endCounter < 0) {
            endCounter = lastCounter;
        }
    }

    /** Drops records created before {@code cutoffMillis}, oldest first; cheap when nothing is due. */
    void trim(long cutoffMillis) {
        Map.Entry<Long, StreamRecord> head = records.firstEntry();
        if (head == null || head.getValue().createdMillis() >= cutoffMillis) {
            return;
        }
        synchronized (this) {
            Map.Entry<Long, StreamRecord> e;
            while ((e = records.firstEntry()) != null && e.getValue().createdMillis() < cutoffMillis) {
                records.remove(e.getKey());
                trimmedThrough = Math.max(trimmedThrough, e.getKey());
            }
        }
    }

    /**
     * Up to {@code limit} records from counter {@code from} on, stopping before the one that would
     * take the total SizeBytes past {@code maxBytes} (the first record is always returned).
     */
    List<StreamRecord> read(long from, int limit, long maxBytes) {
        List<StreamRecord> out = new ArrayList<>(Math.min(limit, 64));
        long bytes = 0;
        for (StreamRecord r : records.tailMap(from, true).values()) {
            if (out.size() >= limit || (!out.isEmpty() && bytes + r.sizeBytes() > maxBytes)) {
                break;
            }
            out.add(r);
            bytes += r.sizeBytes();
        }
        return out;
    }

    /** Retained records in order (compaction, admin). */
    Iterable<StreamRecord> records() {
        return records.values();
    }
}
