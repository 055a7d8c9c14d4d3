package sandbox.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import sandbox.core.Json;
import sandbox.item.PackedItem;

/**
 * One change of one item as a stream keeps it. The images are the items' own immutable packed copies (shared with
 * the table and with the item's neighbouring records), already cut to the stream's view type (null when the record
 * does not carry them); the event id is kept as its two 64-bit halves.
 *
 * @param counter       position in the shard (1, 2, 3, ...); the sequence number is derived from it
 * @param eventIdHigh   first 16 hex digits of the event id
 * @param eventIdLow    last 16 hex digits of the event id
 * @param eventName     INSERT, MODIFY or REMOVE (one of the constants)
 * @param createdMillis sandbox-clock time of the change
 * @param sizeBytes     DynamoDB's size of Keys plus the images carried
 */
record StreamRecord(long counter, long eventIdHigh, long eventIdLow, String eventName, long createdMillis,
                    PackedItem keys, PackedItem oldImage, PackedItem newImage, int sizeBytes) {

    static final String EVENT_VERSION = "1.1";
    static final String EVENT_SOURCE = "aws:dynamodb";
    static final String INSERT = "INSERT";
    static final String MODIFY = "MODIFY";
    static final String REMOVE = "REMOVE";

    /** 32 lowercase hex digits, as AWS writes event ids. */
    String eventId() {
        return hex16(eventIdHigh) + hex16(eventIdLow);
    }

    /** The halves of a 32-hex-digit event id: {@code [high, low]}. */
    static long[] parseEventId(String hex) {
        if (hex.length() != 32) {
            throw new IllegalArgumentException("an event id has 32 hex digits: " + hex);
        }
        return new long[] {Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Long.parseUnsignedLong(hex.substring(16), 16)};
    }

    /** One of the event name constants (a journal's strings are not kept once per record). */
    static String eventName(String name) {
        return switch (name) {
            case INSERT -> INSERT;
            case MODIFY -> MODIFY;
            case REMOVE -> REMOVE;
            default -> throw new IllegalArgumentException("not a stream event name: " + name);
        };
    }

    private static String hex16(long v) {
        String h = Long.toHexString(v);
        return "0000000000000000".substring(h.length()) + h;
    }

    /** The record as GetRecords returns it; the images write themselves from their packed form. */
    ObjectNode toJson(String sequenceNumber, String region, String viewType) {
        ObjectNode r = Json.object();
        r.put("eventID", eventId());
        r.put("eventName", eventName);
        r.put("eventVersion", EVENT_VERSION);
        r.put("eventSource", EVENT_SOURCE);
        r.put("awsRegion", region);
        ObjectNode d = r.putObject("dynamodb");
        d.put("ApproximateCreationDateTime", Math.floorDiv(createdMillis, 1000L));
        d.putPOJO("Keys", keys);
        if (newImage != null) {
            d.putPOJO("NewImage", newImage);
        }
        if (oldImage != null) {
            d.putPOJO("OldImage", oldImage);
        }
        d.put("SequenceNumber", sequenceNumber);
        d.put("SizeBytes", sizeBytes);
        d.put("StreamViewType", viewType);
        return r;
    }
}
