package inventory.streams;

import inventory.streams.ShardLineage.ShardInfo;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How far the reader is in one stream: its shards as last described ({@link ShardLineage}), per shard the last
 * record finished, the closed shards read to their end, and every shard the reader knows (one that disappears
 * before it was drained took records with it). No I/O; a new one for each stream read.
 */
final class StreamPosition {

    private final String streamArn;
    private ShardLineage lineage = new ShardLineage(List.of());
    private final Map<String, String> completed = new HashMap<>();
    private final Set<String> drained = new HashSet<>();
    private final Set<String> known = new HashSet<>();
    /** Read for the first time (no checkpoint): its shards as first described begin at the trim horizon. */
    private boolean firstLook;
    private final Set<String> horizonShards = new HashSet<>();

    private StreamPosition(String streamArn, boolean firstLook) {
        this.streamArn = streamArn;
        this.firstLook = firstLook;
    }

    /** A stream read from its oldest record. */
    static StreamPosition fresh(String streamArn) {
        return new StreamPosition(streamArn, true);
    }

    /** The stream of a checkpoint, where it left off. */
    static StreamPosition resumed(StreamCheckpoint checkpoint) {
        StreamPosition position = new StreamPosition(checkpoint.streamArn(), false);
        position.completed.putAll(checkpoint.completed());
        position.drained.addAll(checkpoint.drained());
        position.known.addAll(checkpoint.completed().keySet());
        position.known.addAll(checkpoint.drained());
        position.known.addAll(checkpoint.pending());
        return position;
    }

    String streamArn() {
        return streamArn;
    }

    ShardLineage lineage() {
        return lineage;
    }

    /** The shards as DescribeStream lists them now. */
    void described(ShardLineage now) {
        lineage = now;
    }

    /**
     * After the shards no longer listed are forgotten: every listed shard is known from now on; those of a fresh
     * stream's first listing begin at the trim horizon.
     */
    void knowListed() {
        if (firstLook) {
            firstLook = false;
            lineage.shards().forEach(s -> horizonShards.add(s.shardId()));
        }
        lineage.shards().forEach(s -> known.add(s.shardId()));
    }

    /** The stream itself is gone: its shards are not reported one by one. */
    void forgetKnown() {
        known.clear();
    }

    /** Known shards the last description no longer lists. */
    List<String> unlisted() {
        return known.stream().filter(id -> !lineage.contains(id)).toList();
    }

    /** Drops a shard no longer listed. */
    void forget(String shardId) {
        completed.remove(shardId);
        drained.remove(shardId);
        known.remove(shardId);
    }

    List<ShardInfo> ready() {
        return lineage.ready(drained);
    }

    /** Every listed shard closed and drained: nothing more can come from this stream. */
    boolean finished() {
        return lineage.finished(drained);
    }

    boolean drained(String shardId) {
        return drained.contains(shardId);
    }

    /** The sequence number of the shard's last finished record, or null. */
    String completedAt(String shardId) {
        return completed.get(shardId);
    }

    /** The first sequence number DescribeStream gave for the shard, or null. */
    String startOf(String shardId) {
        ShardInfo info = lineage.get(shardId);
        return info == null ? null : info.startingSequenceNumber();
    }

    /** True once per shard of a fresh stream's first listing: it is opened at the trim horizon. */
    boolean takeHorizon(String shardId) {
        return horizonShards.remove(shardId);
    }

    void complete(String shardId, String sequenceNumber) {
        completed.put(shardId, sequenceNumber);
    }

    /** Its records were trimmed: it is read on from the oldest retained one. */
    void trimmed(String shardId) {
        completed.remove(shardId);
    }

    void drain(String shardId) {
        drained.add(shardId);
    }

    /** What to save: the positions, the shards still owed from their first record, and {@code alertFrom}. */
    StreamCheckpoint checkpoint(Instant alertFrom) {
        Set<String> pending = new HashSet<>(known);
        pending.removeAll(completed.keySet());
        pending.removeAll(drained);
        return new StreamCheckpoint(streamArn, completed, drained, pending, alertFrom);
    }
}
