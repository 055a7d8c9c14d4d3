package sandbox.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import sandbox.core.Json;

/**
 * One change of one item as a stream keeps it. The images are private copies already cut to the
 * stream's view type (null when the record does not carry them).
 *
 * @param counter       position in the shard (1, 2, 3, ...); the sequence number is derived from it
 * @param eventId       32 lowercase hex digits
 * @param eventName     INSERT, MODIFY or REMOVE
 * @param createdMillis sandbox-clock time of the change
 * @param sizeBytes     DynamoDB's size of Keys plus the images carried
 */
record StreamRecord(long counter, String eventId, String eventName, long createdMillis, ObjectNode keys,
                    ObjectNode oldImage, ObjectNode newImage, long sizeBytes) {

    static final String EVENT_VERSION = "1.1";
    static final String EVENT_SOURCE = "aws:dynamodb";

    /** The record as GetRecords returns it. */
    ObjectNode toJson(String sequenceNumber, String region, String viewType) {
        ObjectNode r = Json.object();
        r.put("eventID", eventId);
        r.put("eventName", eventName);
        r.put("eventVersion", EVENT_VERSION);
        r.put("eventSource", EVENT_SOURCE);
        r.put("awsRegion", region);
        ObjectNode d = r.putObject("dynamodb");
        d.put("ApproximateCreationDateTime", Math.floorDiv(createdMillis, 1000L));
        d.set("Keys", keys);
        if (newImage != null) {
            d.set("NewImage", newImage);
        }
        if (oldImage != null) {
            d.set("OldImage", oldImage);
        }
        d.put("SequenceNumber", sequenceNumber);
        d.put("SizeBytes", sizeBytes);
        d.put("StreamViewType", viewType);
        return r;
    }
}
