package sandbox.sqs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import sandbox.core.Json;

/**
 * ReceiveMessage: up to 10 visible messages, each hidden for the visibility timeout with a new receipt
 * handle; long polling that answers as soon as a message arrives (waiting on the queue's condition, never
 * spinning); messages past maxReceiveCount move to the dead-letter queue on the receive attempt after it,
 * and messages past the retention period are dropped.
 */
final class Receiver {

    /** A long poll re-checks at least this often: the sandbox clock may be moved by hand (tests). */
    private static final long MAX_NAP_MS = 1000;
    private static final List<String> SYSTEM_ATTRIBUTES = List.of("SenderId", "SentTimestamp",
            "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp", "AWSTraceHeader",
            "DeadLetterQueueSourceArn");

    private final SqsStore store;
    private final QueueAddress address;
    private final Clock clock;
    private final ReceiptHandles handles = new ReceiptHandles();

    Receiver(SqsStore store, QueueAddress address, Clock clock) {
        this.store = store;
        this.address = address;
        this.clock = clock;
    }

    ObjectNode receive(SqsRequest r) {
        String name = address.nameOf(r.text("QueueUrl"));
        Integer maxParam = r.integer("MaxNumberOfMessages", 1, 10, "Must be between 1 and 10, if provided.");
        Integer waitParam = r.integer("WaitTimeSeconds", 0, 20, "Must be >= 0 and <= 20, if provided.");
        Integer visibilityParam = r.integer("VisibilityTimeout", 0, 43200,
                "VisibilityTimeout must be an integer between 0 and 43200.");
        Set<String> systemNames = new LinkedHashSet<>(r.strings("AttributeNames"));
        systemNames.addAll(r.strings("MessageSystemAttributeNames"));
        List<String> attributeNames = r.strings("MessageAttributeNames");
        int max = maxParam == null ? 1 : maxParam;
        List<ObjectNode> received = new ArrayList<>();
        store.lock.lock();
        try {
            Queue q = store.queue(name);
            int wait = waitParam != null ? waitParam : q.intAttribute(QueueSettings.WAIT);
            int visibility = visibilityParam != null ? visibilityParam : q.intAttribute(QueueSettings.VISIBILITY);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(wait);
            while (true) {
                for (SqsMessage m : take(q, max, visibility)) {
                    received.add(toJson(m, systemNames, attributeNames));
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (!received.isEmpty() || q.deleted || left <= 0) {
                    break;
                }
                long nap = Math.max(1, Math.min(left, Math.min(MAX_NAP_MS, q.millisUntilNextVisible(clock.millis()))));
                try {
                    q.arrivals.await(nap, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            store.lock.unlock();
        }
        ObjectNode out = Json.object();
        if (!received.isEmpty()) {
            ArrayNode messages = out.putArray("Messages");
            received.forEach(messages::add);
        }
        return out;
    }

    /** Takes up to {@code max} visible messages (caller holds the lock). */
    private List<SqsMessage> take(Queue q, int max, int visibility) {
        long now = clock.millis();
        RedrivePolicy redrive = q.redrivePolicy();
        List<SqsMessage> out = new ArrayList<>();
        SqsMessage m;
        while (out.size() < max && (m = q.nextVisible(now)) != null) {
            if (q.isExpired(m, now)) {
                q.remove(m.id);
                store.writeDeleted(q, m.id);
                continue;
            }
            if (redrive != null && m.receiveCount >= redrive.maxReceiveCount() && moveToDeadLetters(q, m, redrive, now)) {
                continue;
            }
            m.receiveCount++;
            if (m.firstReceiveAt == 0) {
                m.firstReceiveAt = now;
            }
            m.receipt = handles.next(q.name, m.id);
            m.visibleAt = now + visibility * 1000L;
            m.version++;
            q.schedule(m);
            store.writeState(q, m);
            out.add(m);
        }
        return out;
    }

    /** Moves the message, body and attributes as they are, unless the dead-letter queue is gone. */
    private boolean moveToDeadLetters(Queue q, SqsMessage m, RedrivePolicy redrive, long now) {
        Queue dlq = store.byArn(redrive.deadLetterTargetArn());
        if (dlq == null || dlq == q) {
            return false;
        }
        q.remove(m.id);
        m.movedFrom(q.arn, now);
        dlq.add(m);
        store.writeMove(q, dlq, m);
        dlq.arrivals.signalAll();
        return true;
    }

    private ObjectNode toJson(SqsMessage m, Set<String> systemNames, List<String> attributeNames) {
        ObjectNode n = Json.object().put("MessageId", m.id).put("ReceiptHandle", m.receipt)
                .put("MD5OfBody", MessageDigests.ofBody(m.body)).put("Body", m.body);
        ObjectNode sys = systemAttributes(m, systemNames);
        if (!sys.isEmpty()) {
            n.set("Attributes", sys);
        }
        Map<String, MessageAttribute> chosen = new LinkedHashMap<>();
        m.attributes.forEach((k, v) -> {
            if (wanted(k, attributeNames)) {
                chosen.put(k, v);
            }
        });
        if (!chosen.isEmpty()) {
            n.put("MD5OfMessageAttributes", MessageDigests.ofAttributes(chosen));
            n.set("MessageAttributes", SqsMessage.attributesJson(chosen));
        }
        return n;
    }

    private ObjectNode systemAttributes(SqsMessage m, Set<String> names) {
        boolean all = names.contains("All");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("SenderId", m.senderId);
        values.put("SentTimestamp", Long.toString(m.sentAt));
        values.put("ApproximateReceiveCount", Integer.toString(m.receiveCount));
        values.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceiveAt));
        MessageAttribute trace = m.systemAttributes.get("AWSTraceHeader");
        values.put("AWSTraceHeader", trace == null ? null : trace.stringValue());
        values.put("DeadLetterQueueSourceArn", m.deadLetterSourceArn);
        ObjectNode out = Json.object();
        for (String name : SYSTEM_ATTRIBUTES) {
            String v = values.get(name);
            if (v != null && (all || names.contains(name))) {
                out.put(name, v);
            }
        }
        return out;
    }

    /** {@code All}, {@code .*}, a prefix ({@code store.*} matches {@code store.id}) or the exact name. */
    private static boolean wanted(String name, List<String> patterns) {
        for (String p : patterns) {
            if (p.equals("All") || p.equals(".*") || p.equals(name)
                    || (p.endsWith(".*") && name.startsWith(p.substring(0, p.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
