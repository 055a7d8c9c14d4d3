package sandbox.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;

/**
 * The shards of one stream and their life: open shards that together own the whole key hash space,
 * rollover (a shard closes and a child takes over its range) by age or record count, splits into two
 * halves every Nth rollover, trimming and the disappearance of closed shards 24 hours after they
 * closed. Every change happens under this object's lock and is reported to a {@link Changes}
 * (the journal) inside it, so the journal sees them in order; readers use the lock-free snapshots.
 * Rollover is evaluated lazily, on each write and each API call, by the sandbox clock.
 */
final class StreamShards {

    /** Where shard births, closures and records are reported (the journal), in order. */
    interface Changes {
        void opened(Shard shard);

        void closed(Shard shard);

        void recorded(Shard shard, StreamRecord record);
    }

    static final Changes UNRECORDED = new Changes() {
        @Override
        public void opened(Shard shard) {
        }

        @Override
        public void closed(Shard shard) {
        }

        @Override
        public void recorded(Shard shard, StreamRecord record) {
        }
    };

    private final ShardSettings settings;
    private final SequenceNumbers numbers;
    /** Every shard still there, in creation order: a parent before its children. */
    private volatile List<Shard> shards = List.of();
    private final Map<String, Shard> byId = new ConcurrentHashMap<>();
    /** The open shards by the low end of their range; together they cover the whole hash space. */
    private final TreeMap<Long, Shard> open = new TreeMap<>();
    /** The stream-wide counter: the newest record's (volatile: compaction reads it holding the journal lock). */
    private volatile long counter;
    /** Sandbox time at which the next rollover, trim or drop is due; earlier calls skip the lock. */
    private volatile long nextDueMillis = Long.MIN_VALUE;

    StreamShards(ShardSettings settings, SequenceNumbers numbers) {
        this.settings = settings;
        this.numbers = numbers;
    }

    SequenceNumbers numbers() {
        return numbers;
    }

    List<Shard> shards() {
        return shards;
    }

    Optional<Shard> shard(String shardId) {
        return Optional.ofNullable(byId.get(shardId));
    }

    long counter() {
        return counter;
    }

    synchronized int openCount() {
        return open.size();
    }

    /** The root shards of a new stream, each with an equal slice of the hash space. */
    synchronized void openRoots(long nowMillis, Changes changes) {
        for (HashRange range : HashRange.partition(settings.shards())) {
            changes.opened(add(new Shard(newShardId(nowMillis), null, range, counter + 1, nowMillis, 0)));
        }
    }

    /**
     * Numbers and stores the next record in the open shard that owns {@code hash}, then rolls that shard
     * over if it reached the record limit; {@code build} runs under the lock, so keep it small.
     *
     * @return the record, or null when every shard is closed (the stream was disabled)
     */
    synchronized StreamRecord append(long hash, long nowMillis, LongFunction<StreamRecord> build, Changes changes) {
        maintainLocked(nowMillis, changes);
        Map.Entry<Long, Shard> owner = open.floorEntry(hash);
        if (owner == null || counter >= SequenceNumbers.MAX_COUNTER) {
            return null;
        }
        Shard shard = owner.getValue();
        StreamRecord record = build.apply(++counter);
        shard.append(record);
        changes.recorded(shard, record);
        dueBy(record.createdMillis() + StreamStore.RETENTION_MILLIS + 1);
        if (settings.rolloverRecords() > 0 && shard.appended() >= settings.rolloverRecords()) {
            roll(shard, nowMillis, nowMillis, changes);
        }
        return record;
    }

    /** Rolls over, trims and drops whatever is due by now; cheap (no lock) when nothing is. */
    void maintain(long nowMillis, Changes changes) {
        if (nowMillis >= nextDueMillis) {
            synchronized (this) {
                maintainLocked(nowMillis, changes);
            }
        }
    }

    /** The stream is disabled: every open shard closes after its last record. */
    synchronized void closeAll(long nowMillis, Changes changes) {
        maintainLocked(nowMillis, changes);
        for (Shard s : open.values()) {
            s.close(nowMillis);
            changes.closed(s);
        }
        open.clear();
        dueBy(nowMillis + StreamStore.RETENTION_MILLIS + 1);
    }

    private void maintainLocked(long nowMillis, Changes changes) {
        if (nowMillis < nextDueMillis) {
            return;
        }
        long rollover = settings.rolloverMillis();
        // the earliest due first, so shards are listed (and their ids sorted) in creation time
        Shard due;
        while (rollover > 0 && (due = earliestOpen()) != null && due.createdMillis() + rollover <= nowMillis) {
            roll(due, due.createdMillis() + rollover, nowMillis, changes);
        }
        long cutoff = nowMillis - StreamStore.RETENTION_MILLIS;
        long next = Long.MAX_VALUE;
        List<Shard> kept = new ArrayList<>(shards.size());
        for (Shard s : shards) {
            s.trim(cutoff);
            if (!s.isOpen() && s.retained() == 0 && nowMillis - s.closedMillis() > StreamStore.RETENTION_MILLIS) {
                byId.remove(s.shardId());
                continue;
            }
            kept.add(s);
            next = Math.min(next, dueMillis(s));
        }
        if (kept.size() != shards.size()) {
            shards = List.copyOf(kept);
        }
        nextDueMillis = next;
    }

    private Shard earliestOpen() {
        Shard first = null;
        for (Shard s : open.values()) {
            if (first == null || s.createdMillis() < first.createdMillis()) {
                first = s;
            }
        }
        return first;
    }

    /** When this shard next needs attention: its rollover, its oldest record's trim, or its disappearance. */
    private long dueMillis(Shard s) {
        long due = Long.MAX_VALUE;
        if (s.isOpen() && settings.rolloverMillis() > 0) {
            due = s.createdMillis() + settings.rolloverMillis();
        }
        long oldest = s.oldestRecordMillis();
        if (oldest >= 0) {
            due = Math.min(due, oldest + StreamStore.RETENTION_MILLIS + 1);
        } else if (!s.isOpen()) {
            due = Math.min(due, s.closedMillis() + StreamStore.RETENTION_MILLIS + 1);
        }
        return due;
    }

    /**
     * Closes {@code s} at {@code closeMillis} and opens its child (or two halves on every Nth rollover,
     * while under the cap). Children that would have closed empty and vanished before {@code nowMillis}
     * (a long idle gap) are skipped, so a clock far ahead costs no more than a day of shards.
     */
    private void roll(Shard s, long closeMillis, long nowMillis, Changes changes) {
        s.close(closeMillis);
        open.remove(s.range().low());
        changes.closed(s);
        int generation = s.generation() + 1;
        boolean split = settings.splitEvery() > 0 && generation % settings.splitEvery() == 0
                && open.size() + 2 <= settings.maxOpenShards() && s.range().splittable();
        long created = closeMillis;
        long rollover = settings.rolloverMillis();
        long idle = nowMillis - StreamStore.RETENTION_MILLIS - closeMillis;
        if (rollover > 0 && idle > 0) {
            long skipped = (idle - 1) / rollover;
            created += skipped * rollover;
            generation += (int) Math.min(skipped, Integer.MAX_VALUE - generation);
        }
        for (HashRange range : split ? s.range().halves() : List.of(s.range())) {
            changes.opened(add(new Shard(newShardId(created), s.shardId(), range, counter + 1, created, generation)));
        }
    }

    /** Adds a new or restored shard at the end of the listing; a shard already there stays as it is. */
    private Shard add(Shard s) {
        Shard known = byId.putIfAbsent(s.shardId(), s);
        if (known != null) {
            return known;
        }
        List<Shard> next = new ArrayList<>(shards.size() + 1);
        next.addAll(shards);
        next.add(s);
        shards = List.copyOf(next);
        if (s.isOpen()) {
            open.put(s.range().low(), s);
        }
        counter = Math.max(counter, s.startCounter() - 1);
        dueBy(dueMillis(s));
        return s;
    }

    private void dueBy(long millis) {
        if (millis < nextDueMillis) {
            nextDueMillis = millis;
        }
    }

    /** {@code shardId-<20-digit creation millis>-<8 hex>}, like AWS's, unique within the stream. */
    private String newShardId(long createdMillis) {
        String id;
        do {
            id = String.format("shardId-%020d-%08x", createdMillis, ThreadLocalRandom.current().nextInt());
        } while (byId.containsKey(id));
        return id;
    }

    // start-up only: the journal rebuilds the shards with these, in the order it wrote them

    synchronized void restoreShard(Shard s) {
        add(s);
    }

    synchronized void restoreRecord(String shardId, StreamRecord record) {
        // records of the one-shard journal format name no shard
        Shard s = shardId != null ? byId.get(shardId) : shards.size() == 1 ? shards.get(0) : null;
        if (s != null) {
            s.restore(record);
            counter = Math.max(counter, record.counter());
            dueBy(dueMillis(s));
        }
    }

    synchronized void restoreClose(String shardId, long endCounter, long atMillis) {
        Shard s = byId.get(shardId);
        if (s != null && s.isOpen()) {
            s.restoreClose(endCounter, atMillis);
            open.remove(s.range().low());
            dueBy(dueMillis(s));
        }
    }

    synchronized void restoreCloseAll(long atMillis) {
        for (Shard s : open.values()) {
            s.restoreClose(s.lastCounter(), atMillis);
            dueBy(dueMillis(s));
        }
        open.clear();
    }

    synchronized void restoreCounter(long last) {
        counter = Math.max(counter, last);
    }
}
