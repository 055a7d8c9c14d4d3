package sandbox.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import sandbox.core.Json;

/**
 * A message accepted by Publish, kept for the admin API and persisted.
 *
 * @param topicArn         the topic, or null for a direct SMS
 * @param phoneNumber      the direct SMS recipient, or null
 * @param subject          null when absent
 * @param message          the Message parameter as published
 * @param messageStructure "json" or null
 * @param groupId          FIFO MessageGroupId (or a standard topic's optional one), else null
 * @param deduplicationId  the effective FIFO deduplication id, else null
 * @param sequenceNumber   FIFO sequence number, else null
 */
record PublishedMessage(String messageId, String topicArn, String phoneNumber, String subject, String message,
                        String messageStructure, Map<String, MessageAttribute> attributes, Instant timestamp,
                        String groupId, String deduplicationId, String sequenceNumber) {

    PublishedMessage {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The text for one protocol: with MessageStructure=json the protocol's key, else "default". */
    String messageFor(String protocol) {
        if (!"json".equals(messageStructure)) {
            return message;
        }
        JsonNode node = Json.parse(message);
        JsonNode forProtocol = node.get(protocol);
        return forProtocol != null && forProtocol.isTextual() ? forProtocol.asText() : node.path("default").asText();
    }

    /** The admin API's shape: {messageId, topicArn, subject, message, messageAttributes, timestamp, ...}. */
    ObjectNode toAdminJson() {
        ObjectNode n = Json.object();
        n.put("messageId", messageId).put("topicArn", topicArn).put("subject", subject).put("message", message);
        ObjectNode attrs = n.putObject("messageAttributes");
        attributes.forEach((name, a) -> {
            ObjectNode v = attrs.putObject(name).put("dataType", a.dataType());
            if (a.isBinary()) {
                v.put("binaryValue", a.binaryValue());
            } else {
                v.put("stringValue", a.stringValue());
            }
        });
        n.put("timestamp", Timestamps.format(timestamp));
        if (phoneNumber != null) {
            n.put("phoneNumber", phoneNumber);
        }
        if (messageStructure != null) {
            n.put("messageStructure", messageStructure);
        }
        if (groupId != null) {
            n.put("messageGroupId", groupId);
        }
        if (deduplicationId != null) {
            n.put("messageDeduplicationId", deduplicationId);
        }
        if (sequenceNumber != null) {
            n.put("sequenceNumber", sequenceNumber);
        }
        return n;
    }

    ObjectNode toJournal() {
        ObjectNode n = Json.object().put("t", "msg").put("id", messageId).put("topicArn", topicArn)
                .put("phone", phoneNumber).put("subject", subject).put("message", message)
                .put("structure", messageStructure).put("ts", timestamp.toEpochMilli()).put("group", groupId)
                .put("dedup", deduplicationId).put("seq", sequenceNumber);
        ObjectNode attrs = n.putObject("attrs");
        attributes.forEach((name, a) -> attrs.putObject(name).put("type", a.dataType())
                .put("s", a.stringValue()).put("b", a.binaryValue()));
        return n;
    }

    static PublishedMessage fromJournal(JsonNode n) {
        Map<String, MessageAttribute> attrs = new LinkedHashMap<>();
        n.path("attrs").fields().forEachRemaining(e -> attrs.put(e.getKey(), new MessageAttribute(
                e.getValue().path("type").asText(), text(e.getValue(), "s"), text(e.getValue(), "b"))));
        return new PublishedMessage(n.path("id").asText(), text(n, "topicArn"), text(n, "phone"), text(n, "subject"),
                n.path("message").asText(), text(n, "structure"), attrs, Instant.ofEpochMilli(n.path("ts").asLong()),
                text(n, "group"), text(n, "dedup"), text(n, "seq"));
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
