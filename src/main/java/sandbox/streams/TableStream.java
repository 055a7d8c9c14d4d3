package sandbox.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One stream of one table: its identity (ARN, label, view type, key schema), whether it is still
 * ENABLED (the table exists) or DISABLED (the table was deleted), and its single shard.
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
    private final Shard shard;
    private volatile long disabledMillis;

    TableStream(String arn, String label, String tableName, String viewType, ArrayNode keySchema,
                long createdMillis, Shard shard, long disabledMillis) {
        this.arn = arn;
        this.label = label;
        this.tableName = tableName;
        this.viewType = viewType;
        this.keySchema = keySchema;
        this.createdMillis = createdMillis;
        this.shard = shard;
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

    Shard shard() {
        return shard;
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

    /** Closes the shard and marks the stream DISABLED; idempotent. */
    synchronized void disable(long atMillis) {
        if (disabledMillis < 0) {
            shard.close();
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
