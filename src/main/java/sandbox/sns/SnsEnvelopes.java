package sandbox.sns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import sandbox.core.Json;

/**
 * The signed JSON documents SNS posts to HTTP/S endpoints and mails to email-json endpoints:
 * Notification, SubscriptionConfirmation and UnsubscribeConfirmation, fields in AWS's order.
 */
final class SnsEnvelopes {

    private final SnsUrls urls;
    private final MessageSigner signer;

    SnsEnvelopes(SnsUrls urls, MessageSigner signer) {
        this.urls = urls;
        this.signer = signer;
    }

    ObjectNode notification(PublishedMessage m, Subscription s, String signatureVersion) {
        String text = m.messageFor(s.protocol);
        String timestamp = Timestamps.format(m.timestamp());
        ObjectNode n = Json.object().put("Type", "Notification").put("MessageId", m.messageId())
                .put("TopicArn", m.topicArn());
        if (m.subject() != null) {
            n.put("Subject", m.subject());
        }
        n.put("Message", text);
        if (m.sequenceNumber() != null) {
            n.put("SequenceNumber", m.sequenceNumber());
        }
        n.put("Timestamp", timestamp).put("SignatureVersion", signatureVersion);
        StringBuilder canonical = new StringBuilder(text.length() + 256);
        line(canonical, "Message", text);
        line(canonical, "MessageId", m.messageId());
        if (m.subject() != null) {
            line(canonical, "Subject", m.subject());
        }
        line(canonical, "Timestamp", timestamp);
        line(canonical, "TopicArn", m.topicArn());
        line(canonical, "Type", "Notification");
        n.put("Signature", signer.sign(canonical.toString(), signatureVersion))
                .put("SigningCertURL", urls.signingCertUrl())
                .put("UnsubscribeURL", urls.unsubscribeUrl(s.arn));
        if (!m.attributes().isEmpty()) {
            ObjectNode attrs = n.putObject("MessageAttributes");
            for (Map.Entry<String, MessageAttribute> e : m.attributes().entrySet()) {
                attrs.putObject(e.getKey()).put("Type", e.getValue().notificationType())
                        .put("Value", e.getValue().value());
            }
        }
        return n;
    }

    /** SubscriptionConfirmation (on Subscribe) or UnsubscribeConfirmation (on Unsubscribe). */
    ObjectNode confirmation(String type, Subscription s, Instant at, String signatureVersion) {
        String message = type.equals("SubscriptionConfirmation")
                ? "You have chosen to subscribe to the topic " + s.topicArn
                        + ".\nTo confirm the subscription, visit the SubscribeURL included in this message."
                : "You have chosen to deactivate subscription " + s.arn
                        + ".\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.";
        String messageId = UUID.randomUUID().toString();
        String subscribeUrl = urls.subscribeUrl(s.topicArn, s.token);
        String timestamp = Timestamps.format(at);
        StringBuilder canonical = new StringBuilder(512);
        line(canonical, "Message", message);
        line(canonical, "MessageId", messageId);
        line(canonical, "SubscribeURL", subscribeUrl);
        line(canonical, "Timestamp", timestamp);
        line(canonical, "Token", s.token);
        line(canonical, "TopicArn", s.topicArn);
        line(canonical, "Type", type);
        return Json.object().put("Type", type).put("MessageId", messageId).put("Token", s.token)
                .put("TopicArn", s.topicArn).put("Message", message).put("SubscribeURL", subscribeUrl)
                .put("Timestamp", timestamp).put("SignatureVersion", signatureVersion)
                .put("Signature", signer.sign(canonical.toString(), signatureVersion))
                .put("SigningCertURL", urls.signingCertUrl());
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(name).append('\n').append(value).append('\n');
    }
}
