package sandbox.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One stream of one table: its identity (ARN, label, view type, key schema), whether it is still
 * ENABLED (the table exists) or DISABLED (the table was deleted), and its shards.
 */
final class TableStream {

    static final String ENABLED = "ENABLED";
    static final String DISABLED = "DISABLED";
    private static final DateTimeFormatter LABEL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final String arn;
    private final String label;
    private final String tableName;
    private final String viewType;
    private final ArrayNode keySchema;
    private final long createdMillis;
    private final StreamShards shards;
    private volatile long disabledMillis;

    TableStream(String arn, String label, String tableName, String viewType, ArrayNode keySchema,
                long createdMillis, StreamShards shards, long disabledMillis) {
        this.arn = arn;
        this.label = label;
        this.tableName = tableName;
        this.viewType = viewType;
        this.keySchema = keySchema;
        this.createdMillis = createdMillis;
        this.shards = shards;
        this.disabledMillis = disabledMillis;
    }

    /** {@code 2026-11-24T21:44:17.123}: the creation time in UTC with millis, as AWS labels streams. */
    static String label(long millis) {
        return LABEL.format(Instant.ofEpochMilli(millis));
    }

    static String arn(String region, String account, String table, String label) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table + "/stream/" + label;
    }

    String arn() {
        return arn;
    }

    String label() {
        return label;
    }

    String tableName() {
        return tableName;
    }

    String viewType() {
        return viewType;
    }

    ArrayNode keySchema() {
        return keySchema;
    }

    long createdMillis() {
        return createdMillis;
    }

    StreamShards shards() {
        return shards;
    }

    /** Where a change of the item with these keys goes: the hash of its partition key. */
    long hashOf(ObjectNode keys) {
        return HashRange.ofPartitionKey(keys, keySchema);
    }

    boolean isEnabled() {
        return disabledMillis < 0;
    }

    String status() {
        return isEnabled() ? ENABLED : DISABLED;
    }

    /** When the table went away, or -1 while enabled. */
    long disabledMillis() {
        return disabledMillis;
    }

    /** Closes the open shards and marks the stream DISABLED; idempotent. */
    synchronized void disable(long atMillis, StreamShards.Changes changes) {
        if (disabledMillis < 0) {
            shards.closeAll(atMillis, changes);
            disabledMillis = atMillis;
        }
    }

    /** The stream was disabled at this time (start-up only: the shards' closures are not journaled again). */
    synchronized void restoreDisabled(long atMillis) {
        if (disabledMillis < 0) {
            shards.restoreCloseAll(atMillis);
            disabledMillis = atMillis;
        }
    }

    boolean carriesNewImage() {
        return "NEW_IMAGE".equals(viewType) || "NEW_AND_OLD_IMAGES".equals(viewType);
    }

    boolean carriesOldImage() {
        return "OLD_IMAGE".equals(viewType) || "NEW_AND_OLD_IMAGES".equals(viewType);
    }
}
