package sandbox.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import sandbox.core.Json;

/**
 * A standard queue: its attributes and tags, its messages, and a schedule of when each becomes visible
 * (a priority queue on visibleAt; entries outdated by a later receive or visibility change are skipped).
 * All state is guarded by the store's lock; {@link #arrivals} wakes long polls.
 */
final class Queue {

    /** When a message (at a given version of its visibility) becomes receivable. */
    private record Due(long at, long seq, SqsMessage message, int version) {
    }

    final String name;
    final String arn;
    final long createdAt;
    long modifiedAt;
    /** The settable attributes, defaults included; a policy attribute set to "" is absent. */
    final Map<String, String> attributes = new TreeMap<>();
    final Map<String, String> tags = new TreeMap<>();
    final Map<String, SqsMessage> messages = new LinkedHashMap<>();
    final Condition arrivals;
    boolean deleted;
    private final PriorityQueue<Due> schedule = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long seq;

    Queue(String name, String arn, long createdAt, Condition arrivals) {
        this.name = name;
        this.arn = arn;
        this.createdAt = createdAt;
        this.modifiedAt = createdAt;
        this.arrivals = arrivals;
        this.attributes.putAll(QueueSettings.DEFAULTS);
    }

    /** Applies checked attributes (see {@link QueueSettings#check}); "" removes a policy. */
    void apply(Map<String, String> checked) {
        checked.forEach((k, v) -> {
            if (v.isEmpty()) {
                attributes.remove(k);
            } else {
                attributes.put(k, v);
            }
        });
    }

    int intAttribute(String name) {
        return Integer.parseInt(attributes.get(name));
    }

    RedrivePolicy redrivePolicy() {
        String p = attributes.get(QueueSettings.REDRIVE);
        return p == null ? null : RedrivePolicy.parse(p);
    }

    // ---- messages

    void add(SqsMessage m) {
        messages.put(m.id, m);
        schedule(m);
    }

    /** (Re)schedules a message after its visibleAt changed. */
    void schedule(SqsMessage m) {
        schedule.add(new Due(m.visibleAt, seq++, m, m.version));
    }

    SqsMessage remove(String id) {
        return messages.remove(id);
    }

    void purge() {
        messages.clear();
        schedule.clear();
    }

    /** The next message visible at {@code now}, taken off the schedule, or null. */
    SqsMessage nextVisible(long now) {
        Due d = current();
        if (d == null || d.at > now) {
            return null;
        }
        schedule.poll();
        return d.message;
    }

    /** Millis until the next message becomes visible, or Long.MAX_VALUE when none is scheduled. */
    long millisUntilNextVisible(long now) {
        Due d = current();
        return d == null ? Long.MAX_VALUE : Math.max(0, d.at - now);
    }

    /** The earliest schedule entry that is still valid (outdated ones are dropped on the way). */
    private Due current() {
        Due d;
        while ((d = schedule.peek()) != null
                && (d.version != d.message.version || messages.get(d.message.id) != d.message)) {
            schedule.poll();
        }
        return d;
    }

    boolean isExpired(SqsMessage m, long now) {
        return m.sentAt + intAttribute(QueueSettings.RETENTION) * 1000L <= now;
    }

    /** Drops messages past the retention period; returns their ids (for the journal). */
    java.util.List<String> dropExpired(long now) {
        java.util.List<String> gone = new java.util.ArrayList<>();
        for (Iterator<SqsMessage> it = messages.values().iterator(); it.hasNext(); ) {
            SqsMessage m = it.next();
            if (isExpired(m, now)) {
                it.remove();
                gone.add(m.id);
            }
        }
        return gone;
    }

    /** Every attribute: the settable ones and the computed ones (counts, ARN, timestamps in epoch seconds). */
    Map<String, String> allAttributes(long now) {
        Map<String, String> all = new TreeMap<>(attributes);
        long visible = 0;
        long inFlight = 0;
        long delayed = 0;
        for (SqsMessage m : messages.values()) {
            if (m.visibleAt <= now) {
                visible++;
            } else if (m.receiveCount > 0) {
                inFlight++;
            } else {
                delayed++;
            }
        }
        all.put("ApproximateNumberOfMessages", Long.toString(visible));
        all.put("ApproximateNumberOfMessagesNotVisible", Long.toString(inFlight));
        all.put("ApproximateNumberOfMessagesDelayed", Long.toString(delayed));
        all.put("QueueArn", arn);
        all.put("CreatedTimestamp", Long.toString(createdAt / 1000));
        all.put("LastModifiedTimestamp", Long.toString(modifiedAt / 1000));
        return all;
    }

    // ---- journal

    ObjectNode toJournal() {
        ObjectNode n = Json.object().put("t", "queue").put("name", name).put("arn", arn).put("created", createdAt)
                .put("modified", modifiedAt);
        ObjectNode a = n.putObject("attrs");
        attributes.forEach(a::put);
        ObjectNode t = n.putObject("tags");
        tags.forEach(t::put);
        return n;
    }

    static Queue fromJournal(JsonNode n, Condition arrivals) {
        Queue q = new Queue(n.path("name").asText(), n.path("arn").asText(), n.path("created").asLong(), arrivals);
        q.modifiedAt = n.path("modified").asLong();
        q.attributes.clear();
        n.path("attrs").fields().forEachRemaining(e -> q.attributes.put(e.getKey(), e.getValue().asText()));
        n.path("tags").fields().forEachRemaining(e -> q.tags.put(e.getKey(), e.getValue().asText()));
        return q;
    }
}
