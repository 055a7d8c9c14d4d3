package sandbox.sns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import sandbox.core.Json;

/**
 * One attempt to get one message to one endpoint, as the admin API shows it
 * ({@code GET /_sandbox/sns/deliveries}): PENDING, then DELIVERED or FAILED.
 */
final class DeliveryRecord {

    enum Status { PENDING, DELIVERED, FAILED, DROPPED }

    private final long id;
    private final String subscriptionArn;
    private final String topicArn;
    private final String protocol;
    private final String endpoint;
    private final String type;
    private final String messageId;
    private final Instant createdAt;
    private volatile Status status = Status.PENDING;
    private volatile int attempts;
    private volatile String lastError;
    private volatile String content;
    private volatile Instant finishedAt;

    DeliveryRecord(long id, String subscriptionArn, String topicArn, String protocol, String endpoint, String type,
                   String messageId, Instant createdAt) {
        this.id = id;
        this.subscriptionArn = subscriptionArn;
        this.topicArn = topicArn;
        this.protocol = protocol;
        this.endpoint = endpoint;
        this.type = type;
        this.messageId = messageId;
        this.createdAt = createdAt;
    }

    String protocol() {
        return protocol;
    }

    String endpoint() {
        return endpoint;
    }

    String type() {
        return type;
    }

    String messageId() {
        return messageId;
    }

    Status status() {
        return status;
    }

    /** What was sent, for SMS and email (the text a person would read). */
    void content(String text) {
        this.content = text;
    }

    /** Counts an attempt; the last failure stays visible after a successful retry. */
    void attempt(int n, String error) {
        this.attempts = n;
        if (error != null) {
            this.lastError = error;
        }
    }

    void finish(Status s, Instant at) {
        this.status = s;
        this.finishedAt = at;
    }

    ObjectNode toJson() {
        ObjectNode n = Json.object().put("id", id).put("subscriptionArn", subscriptionArn).put("topicArn", topicArn)
                .put("protocol", protocol).put("endpoint", endpoint).put("type", type).put("messageId", messageId)
                .put("status", status.name()).put("attempts", attempts).put("createdAt", Timestamps.format(createdAt));
        if (finishedAt != null) {
            n.put("finishedAt", Timestamps.format(finishedAt));
        }
        if (lastError != null) {
            n.put("lastError", lastError);
        }
        if (content != null) {
            n.put("content", content);
        }
        return n;
    }
}
