package testsupport;

import inventory.InventorySettings.AlertMode;
import inventory.alerts.StockAlertPolicy;
import inventory.alerts.StockChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sandbox.WholeStream;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What must be alerted, straight from the source: every record of a table's stream (every shard, each read
 * to its end, from TRIM_HORIZON), and
 * those the pipeline's own {@link StockAlertPolicy} accepts, by eventID.
 */
public final class StreamLedger {

    private StreamLedger() {
    }

    /** Every record now in the table's stream, shard by shard, parents before children. */
    public static List<Record> records(DynamoDbStreamsClient streams, String table) {
        return WholeStream.records(streams, currentStream(streams, table));
    }

    /** Every record now in the table's current stream, by shard id, parents before children. */
    public static Map<String, List<Record>> recordsByShard(DynamoDbStreamsClient streams, String table) {
        return WholeStream.byShard(streams, currentStream(streams, table));
    }

    /** How far the table's stream has rolled over: its shards, how many closed, how many split into two children. */
    public record Shape(int shards, long closed, long splits) {
        @Override
        public String toString() {
            return "stream shards " + shards + " (closed " + closed + ", split " + splits + ")";
        }
    }

    public static Shape shape(DynamoDbStreamsClient streams, String table) {
        List<Shard> shards = WholeStream.shards(streams, currentStream(streams, table));
        Map<String, Long> children = shards.stream().filter(s -> s.parentShardId() != null)
                .collect(java.util.stream.Collectors.groupingBy(Shard::parentShardId, java.util.stream.Collectors.counting()));
        long closed = shards.stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() != null).count();
        return new Shape(shards.size(), closed, children.values().stream().filter(n -> n > 1).count());
    }

    /** ListStreams lists the newest first: the table's current stream. */
    private static String currentStream(DynamoDbStreamsClient streams, String table) {
        return streams.listStreams(b -> b.tableName(table)).streams().get(0).streamArn();
    }

    /** The changes that qualify for an alert, by stream eventID, in stream order. */
    public static Map<String, StockChange> qualifying(List<Record> records, long threshold, AlertMode mode) {
        StockAlertPolicy policy = new StockAlertPolicy(threshold, mode);
        Map<String, StockChange> out = new LinkedHashMap<>();
        for (Record r : records) {
            if (policy.decide(r).alerts()) {
                StockChange change = StockChange.of(r);
                out.put(change.eventId(), change);
            }
        }
        return out;
    }
}
