package sandbox.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One shard of a stream: the records of the items whose partition-key hash falls in its range, in
 * sequence order, from its creation until it closes. Records are keyed by the stream-wide counter,
 * so a shard's counters grow but have gaps. Changed only under its {@link StreamShards}' lock; read
 * without one.
 */
final class Shard {

    private final String shardId;
    private final String parentShardId;
    private final HashRange range;
    private final long startCounter;
    private final long createdMillis;
    private final int generation;
    private final ConcurrentSkipListMap<Long, StreamRecord> records = new ConcurrentSkipListMap<>();
    /** Counter of the newest record, or {@code startCounter - 1} while it has none. */
    private volatile long lastCounter;
    /** Records appended over the shard's life (trimmed ones too): what a count rollover counts. */
    private volatile long appended;
    /** Every record up to and including this counter is gone (older than 24 hours). */
    private volatile long trimmedThrough;
    /** When the shard closed, or -1 while open. */
    private volatile long closedMillis = -1;
    /** The last counter of a closed shard ({@code startCounter - 1} if it closed empty). */
    private volatile long endCounter;

    /**
     * @param startCounter the first counter the shard may hold (the stream's next one at its creation)
     * @param generation   rollovers in its lineage before it (a root shard is 0)
     */
    Shard(String shardId, String parentShardId, HashRange range, long startCounter, long createdMillis,
          int generation) {
        this.shardId = shardId;
        this.parentShardId = parentShardId;
        this.range = range;
        this.startCounter = startCounter;
        this.createdMillis = createdMillis;
        this.generation = generation;
        this.lastCounter = startCounter - 1;
        this.trimmedThrough = startCounter - 1;
    }

    String shardId() {
        return shardId;
    }

    /** The shard it follows, or null for a root shard. */
    String parentShardId() {
        return parentShardId;
    }

    HashRange range() {
        return range;
    }

    long startCounter() {
        return startCounter;
    }

    long createdMillis() {
        return createdMillis;
    }

    int generation() {
        return generation;
    }

    long lastCounter() {
        return lastCounter;
    }

    long appended() {
        return appended;
    }

    long trimmedThrough() {
        return trimmedThrough;
    }

    boolean isOpen() {
        return closedMillis < 0;
    }

    long closedMillis() {
        return closedMillis;
    }

    /** The last counter of a closed shard: below {@link #startCounter} when it closed empty. */
    long endCounter() {
        return endCounter;
    }

    /** The newest counter there is or will be: the end of a closed shard, the last record of an open one. */
    long newest() {
        return isOpen() ? lastCounter : endCounter;
    }

    int retained() {
        return records.size();
    }

    void append(StreamRecord record) {
        records.put(record.counter(), record);
        lastCounter = record.counter();
        appended++;
    }

    /** Closes the shard after its last record; idempotent. */
    void close(long atMillis) {
        if (isOpen()) {
            endCounter = lastCounter;
            closedMillis = atMillis;
        }
    }

    /** Counters as the journal last wrote them (start-up only). */
    void restoreCounters(long last, long appendedSoFar, long trimmed) {
        lastCounter = Math.max(lastCounter, last);
        appended = Math.max(appended, appendedSoFar);
        trimmedThrough = Math.max(trimmedThrough, trimmed);
    }

    /** Puts back a record read from the journal (start-up only); a line written twice counts once. */
    void restore(StreamRecord record) {
        if (record.counter() > trimmedThrough) {
            records.put(record.counter(), record);
        }
        if (record.counter() > lastCounter) {
            lastCounter = record.counter();
            appended++;
        }
    }

    /** Closes the shard at a counter read from the journal (start-up only). */
    void restoreClose(long end, long atMillis) {
        endCounter = Math.max(end, lastCounter);
        closedMillis = atMillis;
    }

    /** Drops records created before {@code cutoffMillis}, oldest first; cheap when nothing is due. */
    void trim(long cutoffMillis) {
        Map.Entry<Long, StreamRecord> e;
        while ((e = records.firstEntry()) != null && e.getValue().createdMillis() < cutoffMillis) {
            records.remove(e.getKey());
            trimmedThrough = Math.max(trimmedThrough, e.getKey());
        }
    }

    /** Creation time of the oldest retained record, or -1 if none. */
    long oldestRecordMillis() {
        Map.Entry<Long, StreamRecord> head = records.firstEntry();
        return head == null ? -1 : head.getValue().createdMillis();
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
