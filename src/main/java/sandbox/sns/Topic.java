package sandbox.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import sandbox.core.Json;

/**
 * One topic: its explicit attributes and tags, its subscriptions, and for FIFO topics the sequence
 * counter and the 5-minute deduplication window. Mutations happen under the topic's monitor so that
 * the journal sees them in the order they were applied.
 */
final class Topic {

    static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);

    final String arn;
    final String name;
    final boolean fifo;
    /** Subscriptions by ARN, sorted for paging. */
    final ConcurrentSkipListMap<String, Subscription> subscriptions = new ConcurrentSkipListMap<>();
    /** protocol + endpoint -> subscription: Subscribe is idempotent per endpoint. */
    final Map<String, Subscription> byEndpoint = new ConcurrentHashMap<>();

    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private long subscriptionsDeleted;
    private long sequence;
    private final LinkedHashMap<String, Accepted> recent = new LinkedHashMap<>();
    private boolean deleted;

    /** What a FIFO publish got: a duplicate within the window gets the same answer. */
    record Accepted(String messageId, String sequenceNumber, Instant at) {
    }

    Topic(String arn, String name, boolean fifo, Map<String, String> attributes, Map<String, String> tags) {
        this.arn = arn;
        this.name = name;
        this.fifo = fifo;
        this.attributes.putAll(attributes);
        this.tags.putAll(tags);
    }

    synchronized Map<String, String> attributes() {
        return new LinkedHashMap<>(attributes);
    }

    synchronized String attribute(String name) {
        return attributes.get(name);
    }

    synchronized void setAttribute(String name, String value) {
        attributes.put(name, value);
    }

    synchronized Map<String, String> tags() {
        return new LinkedHashMap<>(tags);
    }

    synchronized void tag(Map<String, String> add) {
        tags.putAll(add);
    }

    synchronized void untag(Iterable<String> keys) {
        keys.forEach(tags::remove);
    }

    synchronized long subscriptionsDeleted() {
        return subscriptionsDeleted;
    }

    synchronized void countDeletedSubscription() {
        subscriptionsDeleted++;
    }

    synchronized boolean isDeleted() {
        return deleted;
    }

    synchronized void markDeleted() {
        deleted = true;
    }

    boolean contentBasedDeduplication() {
        return "true".equalsIgnoreCase(attribute("ContentBasedDeduplication"));
    }

    /** Deduplication scope: the whole topic, or each message group when FifoThroughputScope=MessageGroup. */
    String deduplicationKey(String groupId, String deduplicationId) {
        return "MessageGroup".equals(attribute("FifoThroughputScope")) ? groupId + "\u0000" + deduplicationId
                : deduplicationId;
    }

    /** The earlier answer for this key if it was accepted within the window (call under the topic's monitor). */
    Accepted duplicateOf(String key, Instant now) {
        Iterator<Accepted> it = recent.values().iterator();
        while (it.hasNext() && !it.next().at().plus(DEDUPLICATION_WINDOW).isAfter(now)) {
            it.remove();
        }
        return recent.get(key);
    }

    /** Records a FIFO acceptance (call under the topic's monitor). */
    void accepted(String key, Accepted accepted) {
        recent.remove(key);
        recent.put(key, accepted);
    }

    /** The next FIFO sequence number: 20 digits, increasing (call under the topic's monitor). */
    String nextSequenceNumber() {
        sequence++;
        return String.format("1%019d", sequence);
    }

    synchronized void observeSequenceNumber(String sequenceNumber) {
        if (sequenceNumber != null && sequenceNumber.length() == 20) {
            sequence = Math.max(sequence, Long.parseLong(sequenceNumber.substring(1)));
        }
    }

    synchronized ObjectNode toJournal() {
        ObjectNode n = Json.object().put("t", "topic").put("arn", arn).put("name", name).put("fifo", fifo)
                .put("deleted", subscriptionsDeleted).put("seq", sequence);
        ObjectNode a = n.putObject("attributes");
        attributes.forEach(a::put);
        ObjectNode t = n.putObject("tags");
        tags.forEach(t::put);
        return n;
    }

    static Topic fromJournal(JsonNode n) {
        Map<String, String> attrs = new LinkedHashMap<>();
        n.path("attributes").fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue().asText()));
        Map<String, String> tags = new LinkedHashMap<>();
        n.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        Topic topic = new Topic(n.path("arn").asText(), n.path("name").asText(), n.path("fifo").asBoolean(), attrs,
                tags);
        topic.subscriptionsDeleted = n.path("deleted").asLong();
        topic.sequence = n.path("seq").asLong();
        return topic;
    }
}
