package sandbox.streams;

import java.util.ArrayList;
import java.util.List;

/**
 * One DescribeStream page of shards: those after {@code ExclusiveStartShardId} in listing order (a
 * parent before its children), at most {@code Limit}, and the last one's id while more remain.
 *
 * @param lastEvaluated the id to start the next page after, or null on the last page
 */
record ShardPage(List<Shard> shards, String lastEvaluated) {

    /**
     * @param parent     only the children of this shard (ShardFilter CHILD_SHARDS), or null for all
     * @param startAfter ExclusiveStartShardId, or null
     */
    static ShardPage of(List<Shard> listing, String parent, String startAfter, int limit) {
        List<Shard> candidates = new ArrayList<>();
        for (Shard s : listing) {
            if (parent == null || parent.equals(s.parentShardId())) {
                candidates.add(s);
            }
        }
        int from = 0;
        if (startAfter != null) {
            from = indexAfter(candidates, startAfter);
        }
        int to = Math.min(candidates.size(), from + limit);
        List<Shard> page = candidates.subList(from, to);
        return new ShardPage(List.copyOf(page), to < candidates.size() ? page.get(page.size() - 1).shardId() : null);
    }

    /** Just after the start shard; for a shard no longer there, after the ids that sort before it (ids grow with time). */
    private static int indexAfter(List<Shard> candidates, String startAfter) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).shardId().equals(startAfter)) {
                return i + 1;
            }
        }
        int i = 0;
        while (i < candidates.size() && candidates.get(i).shardId().compareTo(startAfter) <= 0) {
            i++;
        }
        return i;
    }
}
