package sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a whole stream as it is now, the way a correct consumer does: every DescribeStream page, every
 * shard in listing order (a parent before its children), a closed shard until GetRecords gives no
 * NextShardIterator, an open one until an empty page (the end of what is there now).
 */
public final class WholeStream {

    private WholeStream() {
    }

    /** Every shard of the stream, following LastEvaluatedShardId. */
    public static List<Shard> shards(DynamoDbStreamsClient streams, String streamArn) {
        List<Shard> all = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            DescribeStreamResponse page = streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(from));
            all.addAll(page.streamDescription().shards());
            start = page.streamDescription().lastEvaluatedShardId();
        } while (start != null);
        return all;
    }

    /** The records of one shard from TRIM_HORIZON. */
    public static List<Record> records(DynamoDbStreamsClient streams, String streamArn, Shard shard) {
        boolean closed = shard.sequenceNumberRange().endingSequenceNumber() != null;
        List<Record> out = new ArrayList<>();
        String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(current).limit(1000));
            out.addAll(page.records());
            iterator = !closed && page.records().isEmpty() ? null : page.nextShardIterator();
        }
        return out;
    }

    /** Each shard's records, in listing order. */
    public static Map<String, List<Record>> byShard(DynamoDbStreamsClient streams, String streamArn) {
        Map<String, List<Record>> out = new LinkedHashMap<>();
        for (Shard shard : shards(streams, streamArn)) {
            out.put(shard.shardId(), records(streams, streamArn, shard));
        }
        return out;
    }

    /** Every record, shard after shard in listing order: each item's records in the order it changed. */
    public static List<Record> records(DynamoDbStreamsClient streams, String streamArn) {
        List<Record> out = new ArrayList<>();
        byShard(streams, streamArn).values().forEach(out::addAll);
        return out;
    }
}
