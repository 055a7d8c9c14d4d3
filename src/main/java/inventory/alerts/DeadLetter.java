package inventory.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * An alert that was not sent, with all it takes to understand and replay it: the change, why, after how many
 * attempts, the alert as it would have gone out (subject, message, attributes) and the stream record itself in
 * DynamoDB JSON (left out when it is too big for one queue message, the change and alert then suffice).
 *
 * @param reason  {@code refused} (the destination kept refusing it), {@code too-old} (older than
 *                {@code inventory.alert.max-record-age}) or {@code failed} (it could not be prepared)
 * @param message the alert's text, or null when it could not be prepared
 */
public record DeadLetter(String reason, String detail, int attempts, Instant at, StockChange change, String message,
                         Record record) {

    /** SQS takes 256 KiB per message on queues made before 2025; the record goes only while the whole fits well under. */
    static final int MAX_BYTES = 200 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The dead letter as one JSON document, at most {@link #MAX_BYTES} bytes unless the change itself is bigger. */
    public String toJson() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("eventId", change.eventId()).put("reason", reason).put("detail", detail).put("attempts", attempts)
                .put("deadLetteredAt", at.toString());
        ObjectNode c = doc.putObject("change");
        c.put("eventName", change.eventName()).put("store", change.store()).put("item", change.item())
                .put("quantity", change.newQuantity() == null ? null : change.newQuantity().toString())
                .put("updatedAt", change.updatedAt())
                .put("changedAt", change.created() == null ? null : change.created().toString());
        if (message != null) {
            ObjectNode alert = doc.putObject("alert");
            alert.put("subject", StockAlert.SUBJECT).put("message", message);
            StockAlert a = StockAlert.of(change);
            alert.putObject("attributes").put("store", a.store()).put("item", a.item()).put("quantity", a.quantity());
        }
        String withoutRecord = doc.toString();
        if (record != null && record.dynamodb() != null) {
            ObjectNode r = JSON.createObjectNode();
            r.put("eventName", record.eventNameAsString()).put("sequenceNumber", record.dynamodb().sequenceNumber());
            if (record.dynamodb().hasKeys()) {
                r.set("keys", item(record.dynamodb().keys()));
            }
            if (record.dynamodb().hasNewImage()) {
                r.set("newImage", item(record.dynamodb().newImage()));
            }
            if (record.dynamodb().hasOldImage()) {
                r.set("oldImage", item(record.dynamodb().oldImage()));
            }
            String rendered = r.toString();
            if (withoutRecord.length() + rendered.length() + 16 <= MAX_BYTES) {
                doc.set("record", r);
            } else {
                doc.put("recordOmitted", "the stream record is " + rendered.length() + " bytes of JSON; read it from the "
                        + "table or the stream by its eventId/sequenceNumber");
            }
        }
        return doc.toString();
    }

    /** An item in DynamoDB JSON ({@code {"quantity":{"N":"0"}}}), as the AWS CLI prints it. */
    static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode out = JSON.createObjectNode();
        item.forEach((name, value) -> out.set(name, value(value)));
        return out;
    }

    private static JsonNode value(AttributeValue v) {
        ObjectNode out = JSON.createObjectNode();
        switch (v.type()) {
            case S -> out.put("S", v.s());
            case N -> out.put("N", v.n());
            case B -> out.put("B", v.b().asByteArray());
            case BOOL -> out.put("BOOL", v.bool());
            case NUL -> out.put("NULL", true);
            case SS -> v.ss().forEach(out.putArray("SS")::add);
            case NS -> v.ns().forEach(out.putArray("NS")::add);
            case BS -> {
                ArrayNode bs = out.putArray("BS");
                v.bs().forEach(b -> bs.add(b.asByteArray()));
            }
            case L -> {
                ArrayNode l = out.putArray("L");
                v.l().forEach(e -> l.add(value(e)));
            }
            case M -> out.set("M", item(v.m()));
            default -> out.put("UNKNOWN", v.toString());
        }
        return out;
    }
}
