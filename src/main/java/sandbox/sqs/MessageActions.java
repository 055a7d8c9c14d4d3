package sandbox.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.Json;

/**
 * SendMessage(Batch), DeleteMessage(Batch) and ChangeMessageVisibility(Batch). A batch fails as a whole
 * only for a malformed batch (no entries, more than 10, bad or repeated ids); otherwise each entry succeeds or
 * is listed in {@code Failed} with its query error code.
 */
final class MessageActions {

    private static final Logger LOG = LoggerFactory.getLogger(MessageActions.class);
    private static final int MAX_VISIBILITY = 43200;

    /** A validated message, before it joins a queue. */
    private record Outgoing(String body, Map<String, MessageAttribute> attributes,
                            Map<String, MessageAttribute> systemAttributes, Integer delay) {
    }

    private final SqsStore store;
    private final QueueAddress address;
    private final Clock clock;

    MessageActions(SqsStore store, QueueAddress address, Clock clock) {
        this.store = store;
        this.address = address;
        this.clock = clock;
    }

    // ---- sending

    ObjectNode send(SqsRequest r) {
        String name = address.nameOf(r.text("QueueUrl"));
        Outgoing o = outgoing(r.json());
        store.lock.lock();
        try {
            Queue q = store.queue(name);
            return sendResult(enqueue(q, o, address.account()), Json.object());
        } finally {
            store.lock.unlock();
        }
    }

    ObjectNode sendBatch(SqsRequest r) {
        String name = address.nameOf(r.text("QueueUrl"));
        List<JsonNode> entries = r.batchEntries("SendMessageBatchRequestEntry");
        ObjectNode out = Json.object();
        ArrayNode ok = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        store.lock.lock();
        try {
            Queue q = store.queue(name);
            long total = 0;
            for (JsonNode e : entries) {
                total += e.path("MessageBody").asText("").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
            // the batch limit is AWS's maximum message size, whatever the queue's MaximumMessageSize
            if (total > QueueSettings.LARGEST_MESSAGE) {
                throw SqsErrors.batchTooLong(total, QueueSettings.LARGEST_MESSAGE);
            }
            for (JsonNode e : entries) {
                String id = e.path("Id").asText();
                try {
                    SqsMessage m = enqueue(q, outgoing(e), address.account());
                    ok.add(sendResult(m, Json.object().put("Id", id)));
                } catch (SqsException err) {
                    failed.add(failure(id, err));
                }
            }
            return out;
        } finally {
            store.lock.unlock();
        }
    }

    /**
     * Sends on behalf of an AWS service (S3 event notifications): the queue's own delay applies.
     *
     * @return false when no queue has this ARN
     */
    boolean sendFromService(String queueArn, String body, String senderId) {
        store.lock.lock();
        try {
            Queue q = store.byArn(queueArn);
            if (q == null) {
                return false;
            }
            enqueue(q, new Outgoing(body, Map.of(), Map.of(), null), senderId);
            return true;
        } finally {
            store.lock.unlock();
        }
    }

    private static Outgoing outgoing(JsonNode entry) {
        return new Outgoing(MessageRules.body(entry), MessageRules.attributes(entry),
                MessageRules.systemAttributes(entry), SqsRequest.integer(entry, "DelaySeconds", 0, 900,
                        "DelaySeconds must be >= 0 and <= 900."));
    }

    /** Adds the message to the queue (caller holds the lock) and wakes long polls. */
    private SqsMessage enqueue(Queue q, Outgoing o, String senderId) {
        long max = q.intAttribute(QueueSettings.MAX_SIZE);
        if (MessageRules.size(o.body(), o.attributes()) > max) {
            throw SqsErrors.invalidParameterValue("One or more parameters are invalid. Reason: Message must be "
                    + "shorter than " + max + " bytes.");
        }
        long now = clock.millis();
        int delay = o.delay() != null ? o.delay() : q.intAttribute(QueueSettings.DELAY);
        SqsMessage m = new SqsMessage(UUID.randomUUID().toString(), o.body(), o.attributes(), o.systemAttributes(),
                now, senderId, now + delay * 1000L);
        q.add(m);
        store.writeMessage(q, m);
        q.arrivals.signalAll();
        return m;
    }

    private static ObjectNode sendResult(SqsMessage m, ObjectNode out) {
        out.put("MessageId", m.id).put("MD5OfMessageBody", MessageDigests.ofBody(m.body));
        String attrs = MessageDigests.ofAttributes(m.attributes);
        if (attrs != null) {
            out.put("MD5OfMessageAttributes", attrs);
        }
        String sys = MessageDigests.ofAttributes(m.systemAttributes);
        if (sys != null) {
            out.put("MD5OfMessageSystemAttributes", sys);
        }
        return out;
    }

    // ---- deleting

    ObjectNode delete(SqsRequest r) {
        String name = address.nameOf(r.text("QueueUrl"));
        String handle = r.text("ReceiptHandle");
        store.lock.lock();
        try {
            delete(store.queue(name), handle);
            return Json.object();
        } finally {
            store.lock.unlock();
        }
    }

    ObjectNode deleteBatch(SqsRequest r) {
        String name = address.nameOf(r.text("QueueUrl"));
        List<JsonNode> entries = r.batchEntries("DeleteMessageBatchRequestEntry");
        return eachEntry(name, entries, (q, e) -> delete(q, e.path("ReceiptHandle").asText(null)));
    }

    /**
     * Deletes with the latest receipt handle. A message already gone is no error; an older handle of a message
     * received again since succeeds too but leaves the message in place (AWS: "the request succeeds, but the
     * message might not be deleted").
     */
    private void delete(Queue q, String handle) {
        ReceiptHandles.Handle h = ReceiptHandles.parse(handle);
        if (!h.queue().equals(q.name)) {
            throw SqsErrors.receiptHandleIsInvalid(handle);
        }
        SqsMessage m = q.messages.get(h.messageId());
        if (m == null) {
            return;
        }
        if (!handle.equals(m.receipt)) {
            LOG.debug("SQS DeleteMessage on {} with an outdated receipt handle: message {} kept", q.name, m.id);
            return;
        }
        q.remove(m.id);
        store.writeDeleted(q, m.id);
    }

    // ---- visibility

    ObjectNode changeVisibility(SqsRequest r) {
        String name = address.nameOf(r.text("QueueUrl"));
        String handle = r.text("ReceiptHandle");
        int timeout = visibility(r.json());
        store.lock.lock();
        try {
            changeVisibility(store.queue(name), handle, timeout);
            return Json.object();
        } finally {
            store.lock.unlock();
        }
    }

    ObjectNode changeVisibilityBatch(SqsRequest r) {
        String name = address.nameOf(r.text("QueueUrl"));
        List<JsonNode> entries = r.batchEntries("ChangeMessageVisibilityBatchRequestEntry");
        return eachEntry(name, entries, (q, e) -> changeVisibility(q, e.path("ReceiptHandle").asText(null),
                visibility(e)));
    }

    private static int visibility(JsonNode n) {
        Integer t = SqsRequest.integer(n, "VisibilityTimeout", 0, MAX_VISIBILITY,
                "VisibilityTimeout must be an integer between 0 and 43200.");
        if (t == null) {
            throw SqsErrors.missingParameter("VisibilityTimeout");
        }
        return t;
    }

    /** Only a message in flight, named by its latest handle, gets a new visibility timeout (from now). */
    private void changeVisibility(Queue q, String handle, int timeout) {
        ReceiptHandles.Handle h = ReceiptHandles.parse(handle);
        if (!h.queue().equals(q.name)) {
            throw SqsErrors.receiptHandleIsInvalid(handle);
        }
        SqsMessage m = q.messages.get(h.messageId());
        if (m == null || !handle.equals(m.receipt)) {
            throw SqsErrors.invalidParameter("ReceiptHandle", handle,
                    "Message does not exist or is not available for visibility timeout change.");
        }
        long now = clock.millis();
        if (!m.isInFlight(now)) {
            throw SqsErrors.messageNotInflight();
        }
        m.visibleAt = now + timeout * 1000L;
        m.version++;
        q.schedule(m);
        store.writeState(q, m);
        q.arrivals.signalAll();
    }

    // ---- batches

    @FunctionalInterface
    private interface EntryAction {
        void apply(Queue q, JsonNode entry);
    }

    private ObjectNode eachEntry(String queueName, List<JsonNode> entries, EntryAction action) {
        ObjectNode out = Json.object();
        ArrayNode ok = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        store.lock.lock();
        try {
            Queue q = store.queue(queueName);
            for (JsonNode e : entries) {
                String id = e.path("Id").asText();
                try {
                    action.apply(q, e);
                    ok.add(Json.object().put("Id", id));
                } catch (SqsException err) {
                    failed.add(failure(id, err));
                }
            }
            return out;
        } finally {
            store.lock.unlock();
        }
    }

    private static ObjectNode failure(String id, SqsException err) {
        return Json.object().put("Id", id).put("SenderFault", err.senderFault()).put("Code", err.queryCode())
                .put("Message", err.getMessage());
    }
}
