package routes;

import inventory.InventorySettings.AlertMode;
import inventory.alerts.StockAlertPolicy;
import inventory.alerts.StockChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What must be alerted, straight from the source: every record of a table's stream from TRIM_HORIZON, and
 * those the pipeline's own {@link StockAlertPolicy} accepts, by eventID.
 */
public final class StreamLedger {

    private StreamLedger() {
    }

    /** Every record now in the table's stream, shard by shard. */
    public static List<Record> records(DynamoDbStreamsClient streams, String table) {
        String arn = streams.listStreams(b -> b.tableName(table)).streams().get(0).streamArn();
        List<Record> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                records.addAll(page.records());
                // an open shard always hands out a next iterator: an empty page is the end of what is there now
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return records;
    }

    /** The changes that qualify for an alert, by stream eventID, in stream order. */
    static Map<String, StockChange> qualifying(List<Record> records, long threshold, AlertMode mode) {
        StockAlertPolicy policy = new StockAlertPolicy(threshold, mode);
        Map<String, StockChange> out = new LinkedHashMap<>();
        for (Record r : records) {
            StockChange change = StockChange.of(r);
            if (policy.shouldAlert(change)) {
                out.put(change.eventId(), change);
            }
        }
        return out;
    }
}
