package drills;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import sandbox.WholeStream;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Follows a table's stream as it grows, cheaply: each call reads only the records added since the last. */
final class StreamTail {

    private final DynamoDbStreamsClient streams;
    private final String table;
    private final Map<String, String> iterators = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private long records;
    private boolean shardsEnded;

    StreamTail(DynamoDbStreamsClient streams, String table) {
        this.streams = streams;
        this.table = table;
    }

    /** Records in the stream so far. */
    long count() {
        if (iterators.isEmpty() || shardsEnded) {
            // shards are looked up only when none is followed or one ended (its children are new): most calls are one GetRecords per shard
            shardsEnded = false;
            String arn = streams.listStreams(b -> b.tableName(table)).streams().get(0).streamArn();
            for (Shard shard : WholeStream.shards(streams, arn)) {
                if (!finished.contains(shard.shardId()) && !iterators.containsKey(shard.shardId())) {
                    iterators.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
                }
            }
        }
        for (var e : Map.copyOf(iterators).entrySet()) {
            String iterator = e.getValue();
            while (iterator != null) {
                String current = iterator;
                var page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                records += page.records().size();
                iterator = page.nextShardIterator();
                if (page.records().isEmpty()) {
                    break;
                }
            }
            if (iterator == null) {
                iterators.remove(e.getKey());
                finished.add(e.getKey());
                shardsEnded = true;
            } else {
                iterators.put(e.getKey(), iterator);
            }
        }
        return records;
    }
}
