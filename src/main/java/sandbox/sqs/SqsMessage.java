package sandbox.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import sandbox.core.Json;

/**
 * One message in a queue: what was sent (immutable) and where it is in its life (visible, in flight,
 * how often received, its latest receipt handle). The mutable part is changed only under the store's lock.
 */
final class SqsMessage {

    final String id;
    final String body;
    final Map<String, MessageAttribute> attributes;
    final Map<String, MessageAttribute> systemAttributes;
    /** Epoch millis it was first sent (kept when moved to a dead-letter queue: retention counts from it). */
    final long sentAt;
    final String senderId;
    /** The queue it was moved from, for {@code DeadLetterQueueSourceArn}; null if never moved. */
    String deadLetterSourceArn;

    /** Epoch millis from which a receive may return it (send + delay, or receive + visibility timeout). */
    long visibleAt;
    int receiveCount;
    /** Epoch millis of the first receive, 0 before it. */
    long firstReceiveAt;
    /** The handle of the latest receive: only it deletes the message. */
    String receipt;
    /** Grows with every change of visibleAt, so outdated schedule entries are recognised. */
    int version;

    SqsMessage(String id, String body, Map<String, MessageAttribute> attributes,
               Map<String, MessageAttribute> systemAttributes, long sentAt, String senderId, long visibleAt) {
        this.id = id;
        this.body = body;
        this.attributes = Map.copyOf(attributes);
        this.systemAttributes = Map.copyOf(systemAttributes);
        this.sentAt = sentAt;
        this.senderId = senderId;
        this.visibleAt = visibleAt;
    }

    boolean isInFlight(long now) {
        return receiveCount > 0 && visibleAt > now;
    }

    /** Starts over in another queue (dead-letter move): visible now, never received there. */
    void movedFrom(String sourceArn, long now) {
        deadLetterSourceArn = sourceArn;
        receiveCount = 0;
        firstReceiveAt = 0;
        receipt = null;
        visibleAt = now;
        version++;
    }

    ObjectNode toJournal() {
        ObjectNode n = Json.object().put("id", id).put("body", body).put("sentAt", sentAt).put("sender", senderId);
        n.set("attrs", attributesJson(attributes));
        n.set("sys", attributesJson(systemAttributes));
        if (deadLetterSourceArn != null) {
            n.put("dlqSource", deadLetterSourceArn);
        }
        return writeState(n);
    }

    /** The mutable part, as journalled after every receive and visibility change. */
    ObjectNode writeState(ObjectNode n) {
        n.put("visibleAt", visibleAt).put("count", receiveCount).put("firstAt", firstReceiveAt);
        if (receipt != null) {
            n.put("receipt", receipt);
        }
        return n;
    }

    void readState(JsonNode n) {
        visibleAt = n.path("visibleAt").asLong();
        receiveCount = n.path("count").asInt();
        firstReceiveAt = n.path("firstAt").asLong();
        receipt = n.path("receipt").asText(null);
        version++;
    }

    static SqsMessage fromJournal(JsonNode n) {
        SqsMessage m = new SqsMessage(n.path("id").asText(), n.path("body").asText(), attributes(n.path("attrs")),
                attributes(n.path("sys")), n.path("sentAt").asLong(), n.path("sender").asText(null), 0);
        m.deadLetterSourceArn = n.path("dlqSource").asText(null);
        m.readState(n);
        return m;
    }

    static ObjectNode attributesJson(Map<String, MessageAttribute> attributes) {
        ObjectNode n = Json.object();
        attributes.forEach((k, v) -> n.set(k, v.toJson()));
        return n;
    }

    private static Map<String, MessageAttribute> attributes(JsonNode n) {
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), MessageAttribute.fromJson(e.getValue()));
        }
        return out;
    }
}
