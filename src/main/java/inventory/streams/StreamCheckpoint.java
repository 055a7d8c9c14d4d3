package inventory.streams;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * How far the alert route has got in one stream: per shard, the sequence number of the last record whose
 * exchange completed, and the closed shards read to their end.
 *
 * @param streamArn the stream these positions belong to
 * @param completed shard id -> sequence number of the last completed record
 * @param drained   closed shards read to the end (GetRecords answered no NextShardIterator)
 * @param pending   shards the reader knows and owes every record of, with none completed yet (so that one
 *                  trimmed away while the pipeline was down is noticed, not silently skipped)
 * @param alertFrom changes made before this are not alerted ({@code inventory.alert.start=latest} at the first
 *                  start), or null
 */
public record StreamCheckpoint(String streamArn, Map<String, String> completed, Set<String> drained,
                               Set<String> pending, Instant alertFrom) {

    public StreamCheckpoint {
        completed = Map.copyOf(completed);
        drained = Set.copyOf(drained);
        pending = Set.copyOf(pending);
    }

    /** Positions of a reader that alerts for every change it reads. */
    public StreamCheckpoint(String streamArn, Map<String, String> completed, Set<String> drained, Set<String> pending) {
        this(streamArn, completed, drained, pending, null);
    }
}
