package sandbox.dynamodb;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Reads a stream only through the public Streams API: every shard DescribeStream lists, from TRIM_HORIZON. */
final class StreamRecords {

    private StreamRecords() {
    }

    /** Every record of the stream now, shard by shard, each read until an empty page. */
    static List<Record> all(DynamoDbStreamsClient streams, String streamArn) {
        List<Record> out = new ArrayList<>();
        for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String it = iterator;
                GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(it));
                out.addAll(page.records());
                // an open shard always hands out a next iterator: an empty page is the end of what is there now
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return out;
    }
}
