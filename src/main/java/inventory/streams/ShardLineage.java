package inventory.streams;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;

/**
 * The shards of one stream as DescribeStream lists them, and which of them may be read now: AWS requires a
 * parent shard to be read to its end before its children, so a shard is ready once its parent is drained or
 * no longer listed (trimmed away after 24 hours). Pure: the reader owns the I/O.
 */
public final class ShardLineage {

    /** One shard: id, parent (null for a root), first sequence number, closed (has an EndingSequenceNumber). */
    public record ShardInfo(String shardId, String parentShardId, String startingSequenceNumber, boolean closed) {

        static ShardInfo of(Shard shard) {
            var range = shard.sequenceNumberRange();
            return new ShardInfo(shard.shardId(), shard.parentShardId(),
                    range == null ? null : range.startingSequenceNumber(),
                    range != null && range.endingSequenceNumber() != null);
        }
    }

    private final Map<String, ShardInfo> shards;

    public ShardLineage(Collection<ShardInfo> shards) {
        this.shards = new LinkedHashMap<>();
        for (ShardInfo s : shards) {
            this.shards.put(s.shardId(), s);
        }
    }

    /**
     * Every shard of a stream, following DescribeStream's pages ({@code ExclusiveStartShardId} /
     * {@code LastEvaluatedShardId}, at most 100 shards a page).
     *
     * @param page DescribeStream for the page after the given shard id (null: the first page)
     */
    public static ShardLineage describe(Function<String, StreamDescription> page) {
        List<ShardInfo> all = new ArrayList<>();
        String after = null;
        do {
            StreamDescription d = page.apply(after);
            d.shards().forEach(s -> all.add(ShardInfo.of(s)));
            after = d.lastEvaluatedShardId();
        } while (after != null);
        return new ShardLineage(all);
    }

    public boolean contains(String shardId) {
        return shards.containsKey(shardId);
    }

    public ShardInfo get(String shardId) {
        return shards.get(shardId);
    }

    public Collection<ShardInfo> shards() {
        return shards.values();
    }

    public int size() {
        return shards.size();
    }

    /**
     * The shards to read now, in listing order (creation order on AWS): not drained, and a root, or the child
     * of a drained parent, or of a parent no longer listed.
     */
    public List<ShardInfo> ready(Set<String> drained) {
        List<ShardInfo> ready = new ArrayList<>();
        for (ShardInfo s : shards.values()) {
            if (drained.contains(s.shardId())) {
                continue;
            }
            String parent = s.parentShardId();
            if (parent == null || drained.contains(parent) || !shards.containsKey(parent)) {
                ready.add(s);
            }
        }
        return ready;
    }

    /** True when every listed shard is closed and drained: nothing more can come from this stream. */
    public boolean finished(Set<String> drained) {
        return shards.values().stream().allMatch(s -> s.closed() && drained.contains(s.shardId()));
    }
}
