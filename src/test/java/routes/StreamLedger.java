package routes;

import inventory.InventorySettings.AlertMode;
import inventory.alerts.StockAlertPolicy;
import inventory.alerts.StockChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sandbox.WholeStream;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What must be alerted, straight from the source: every record of a table's stream (every shard, each read
 * to its end, from TRIM_HORIZON), and
 * those the pipeline's own {@link StockAlertPolicy} accepts, by eventID.
 */
final class StreamLedger {

    private StreamLedger() {
    }

    /** Every record now in the table's stream, shard by shard, parents before children. */
    static List<Record> records(DynamoDbStreamsClient streams, String table) {
        return WholeStream.records(streams, currentStream(streams, table));
    }

    /** Every record now in the table's current stream, by shard id, parents before children. */
    static Map<String, List<Record>> recordsByShard(DynamoDbStreamsClient streams, String table) {
        return WholeStream.byShard(streams, currentStream(streams, table));
    }

    /** ListStreams lists the newest first: the table's current stream. */
    private static String currentStream(DynamoDbStreamsClient streams, String table) {
        return streams.listStreams(b -> b.tableName(table)).streams().get(0).streamArn();
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
