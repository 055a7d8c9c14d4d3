package sandbox.sns;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.AwsException;
import sandbox.core.Json;

/**
 * Publish and PublishBatch: AWS's validation, FIFO sequencing and deduplication, storing the message
 * and handing it to the subscriptions whose filter policy it passes. Never waits for a delivery.
 */
final class PublishActions {

    private static final Logger LOG = LoggerFactory.getLogger(PublishActions.class);
    static final int MAX_MESSAGE_BYTES = 262_144;
    private static final int MAX_BATCH = 10;
    private static final Pattern FIFO_ID = Pattern.compile("[A-Za-z0-9!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]{1,128}");
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private final SnsStore store;
    private final SnsArns arns;
    private final Deliveries deliveries;
    private final Clock clock;

    /** A message that passed validation, before it is given an id. */
    private record Draft(String subject, String message, String structure, Map<String, MessageAttribute> attributes,
                         String groupId, String deduplicationId, long size) {
    }

    /** What Publish answers. */
    record Accepted(String messageId, String sequenceNumber) {
    }

    PublishActions(SnsStore store, SnsArns arns, Deliveries deliveries, Clock clock) {
        this.store = store;
        this.arns = arns;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    QueryXml publish(QueryParams p) {
        String message = p.get("Message");
        if (message == null) {
            throw SnsErrors.missing("message");
        }
        String topicArn = p.get("TopicArn");
        String targetArn = p.get("TargetArn");
        String phoneNumber = p.get("PhoneNumber");
        Draft draft = draft(p, "messageAttributes");
        int targets = (topicArn != null ? 1 : 0) + (targetArn != null ? 1 : 0) + (phoneNumber != null ? 1 : 0);
        if (targets == 0) {
            throw SnsErrors.invalidParameter(
                    "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        }
        if (targets > 1) {
            throw SnsErrors.invalidParameter("Invalid parameter: TopicArn Reason: Only one of TopicArn, TargetArn or "
                    + "PhoneNumber may be specified");
        }
        if (draft.size() > MAX_MESSAGE_BYTES) {
            throw SnsErrors.invalidParameter("Invalid parameter: Message too long");
        }
        Accepted accepted;
        if (phoneNumber != null) {
            accepted = sms(phoneNumber, draft);
        } else {
            String param = topicArn != null ? "TopicArn" : "TargetArn";
            String arn = topicArn != null ? topicArn : targetArn;
            if (targetArn != null && targetArn.contains(":endpoint/")) {
                throw SnsErrors.invalidParameter(
                        "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified");
            }
            arns.checkTopicArn(arn, param);
            Topic topic = store.requireTopic(arn);
            accepted = toTopic(topic, checkFifo(topic, draft));
        }
        return new QueryXml().element("MessageId", accepted.messageId())
                .element("SequenceNumber", accepted.sequenceNumber());
    }

    QueryXml publishBatch(QueryParams p) {
        String topicArn = arns.checkTopicArn(p.required("TopicArn", "topicArn"), "TopicArn");
        List<QueryParams> entries = p.members("PublishBatchRequestEntries");
        if (entries.isEmpty()) {
            throw new AwsException(400, "EmptyBatchRequest", "The batch request doesn't contain any entries.");
        }
        if (entries.size() > MAX_BATCH) {
            throw new AwsException(400, "TooManyEntriesInBatchRequest",
                    "The batch request contains more entries than permissible.");
        }
        Topic topic = store.requireTopic(topicArn);
        Set<String> ids = new HashSet<>();
        for (QueryParams e : entries) {
            String id = e.get("Id");
            if (id == null) {
                throw SnsErrors.missing("publishBatchRequestEntries.member.id");
            }
            if (!ids.add(id)) {
                throw new AwsException(400, "BatchEntryIdsNotDistinct",
                        "Two or more batch entries in the request have the same Id.");
            }
            if (id.length() > 80) {
                throw new AwsException(400, "InvalidBatchEntryId",
                        "The Id of a batch entry in the batch request is too long: " + id);
            }
            if (!BATCH_ID.matcher(id).matches()) {
                throw new AwsException(400, "InvalidBatchEntryId",
                        "The Id of a batch entry in the batch request contains an impermissible character: " + id);
            }
        }
        List<Draft> drafts = new ArrayList<>();
        long total = 0;
        int position = 1;
        for (QueryParams e : entries) {
            String path = "publishBatchRequestEntries." + position + ".member.";
            if (e.get("Message") == null) {
                throw SnsErrors.missing(path + "message");
            }
            Draft d = checkFifo(topic, draft(e, path + "messageAttributes"));
            total += d.size();
            drafts.add(d);
            position++;
        }
        if (total > MAX_MESSAGE_BYTES) {
            throw new AwsException(400, "BatchRequestTooLong",
                    "The length of all the messages put together is more than the limit.");
        }
        QueryXml xml = new QueryXml().open("Successful");
        for (int i = 0; i < drafts.size(); i++) {
            Accepted a = toTopic(topic, drafts.get(i));
            xml.open("member").element("Id", entries.get(i).get("Id")).element("MessageId", a.messageId())
                    .element("SequenceNumber", a.sequenceNumber()).close("member");
        }
        return xml.close("Successful").open("Failed").close("Failed");
    }

    /** Validates what Publish and each batch entry share: subject, message, structure, attributes, ids. */
    private Draft draft(QueryParams p, String attributesPath) {
        String message = p.get("Message");
        String subject = p.get("Subject");
        if (subject != null) {
            checkSubject(subject);
        }
        if (message.isEmpty()) {
            throw SnsErrors.invalidParameter("Invalid parameter: Empty message");
        }
        String structure = p.get("MessageStructure");
        if (structure != null) {
            checkStructure(structure, message);
        }
        Map<String, MessageAttribute> attributes = MessageAttributeRules.read(p, "MessageAttributes", attributesPath);
        String groupId = p.get("MessageGroupId");
        String deduplicationId = p.get("MessageDeduplicationId");
        checkFifoId("MessageGroupId", groupId);
        checkFifoId("MessageDeduplicationId", deduplicationId);
        long size = MessageAttributeRules.utf8Length(message) + MessageAttributeRules.size(attributes);
        return new Draft(subject, message, structure, attributes, groupId, deduplicationId, size);
    }

    /** Subjects: printable ASCII, not starting with a space, no line breaks, fewer than 100 characters. */
    private static void checkSubject(String subject) {
        boolean ok = !subject.isEmpty() && subject.length() < 100 && subject.charAt(0) != ' ';
        for (int i = 0; ok && i < subject.length(); i++) {
            char c = subject.charAt(i);
            ok = c >= 0x20 && c <= 0x7E;
        }
        if (!ok) {
            throw SnsErrors.invalidParameter("Invalid parameter: Subject");
        }
    }

    private static void checkStructure(String structure, String message) {
        if (!structure.equals("json")) {
            throw SnsErrors.invalidParameter("Invalid parameter: MessageStructure");
        }
        JsonNode node;
        try {
            node = Json.parse(message);
        } catch (IllegalArgumentException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw SnsErrors.invalidParameter("Invalid parameter: Message Structure - JSON message body failed to parse");
        }
        if (!node.path("default").isTextual()) {
            throw SnsErrors.invalidParameter(
                    "Invalid parameter: Message Structure - No default entry in JSON message body");
        }
    }

    private static void checkFifoId(String name, String value) {
        if (value != null && !FIFO_ID.matcher(value).matches()) {
            throw SnsErrors.invalidParameter("Invalid parameter: " + name + " Reason: " + name + " can only include "
                    + "alphanumeric and punctuation characters, 1 to 128 in length.");
        }
    }

    /** FIFO topics need a group and a deduplication id (or content-based deduplication); standard ones refuse the latter. */
    private static Draft checkFifo(Topic topic, Draft d) {
        if (!topic.fifo) {
            if (d.deduplicationId() != null) {
                throw SnsErrors.invalidParameter("Invalid parameter: MessageDeduplicationId Reason: The request "
                        + "includes MessageDeduplicationId parameter that is not valid for this topic type");
            }
            return d;
        }
        if (d.groupId() == null) {
            throw SnsErrors.invalidParameter(
                    "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
        }
        if (d.deduplicationId() != null) {
            return d;
        }
        if (!topic.contentBasedDeduplication()) {
            throw SnsErrors.invalidParameter("Invalid parameter: The topic should either have "
                    + "ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
        }
        return new Draft(d.subject(), d.message(), d.structure(), d.attributes(), d.groupId(), sha256(d.message()),
                d.size());
    }

    private Accepted toTopic(Topic topic, Draft d) {
        if (!topic.fifo) {
            PublishedMessage m = message(topic.arn, null, d, clock.instant(), null);
            store.addMessage(m);
            fanOut(topic, m);
            return new Accepted(m.messageId(), null);
        }
        // FIFO: one publisher at a time per topic, so sequence numbers and deliveries keep publish order
        synchronized (topic) {
            if (topic.isDeleted()) {
                throw SnsErrors.notFound("Topic does not exist");
            }
            Instant now = clock.instant();
            String key = topic.deduplicationKey(d.groupId(), d.deduplicationId());
            Topic.Accepted earlier = topic.duplicateOf(key, now);
            if (earlier != null) {
                LOG.debug("Duplicate of {} on {} within the deduplication window: not delivered again",
                        earlier.messageId(), topic.arn);
                return new Accepted(earlier.messageId(), earlier.sequenceNumber());
            }
            PublishedMessage m = message(topic.arn, null, d, now, topic.nextSequenceNumber());
            store.addMessage(m);
            topic.accepted(key, new Topic.Accepted(m.messageId(), m.sequenceNumber(), now));
            fanOut(topic, m);
            return new Accepted(m.messageId(), m.sequenceNumber());
        }
    }

    private Accepted sms(String phoneNumber, Draft d) {
        if (!SubscriptionSettings.isPhoneNumber(phoneNumber)) {
            throw SnsErrors.invalidParameter(
                    "Invalid parameter: PhoneNumber Reason: " + phoneNumber + " is not valid to publish to");
        }
        if (d.deduplicationId() != null) {
            throw SnsErrors.invalidParameter("Invalid parameter: MessageDeduplicationId Reason: The request "
                    + "includes MessageDeduplicationId parameter that is not valid for this topic type");
        }
        PublishedMessage m = message(null, phoneNumber, d, clock.instant(), null);
        store.addMessage(m);
        deliveries.directSms(phoneNumber, m);
        return new Accepted(m.messageId(), null);
    }

    private static PublishedMessage message(String topicArn, String phoneNumber, Draft d, Instant at, String sequence) {
        return new PublishedMessage(UUID.randomUUID().toString(), topicArn, phoneNumber, d.subject(), d.message(),
                d.structure(), d.attributes(), at, d.groupId(), sequence == null ? null : d.deduplicationId(),
                sequence);
    }

    private void fanOut(Topic topic, PublishedMessage m) {
        String signatureVersion = SubscriptionActions.signatureVersion(topic);
        int delivered = 0;
        for (Subscription s : topic.subscriptions.values()) {
            if (s.isPending()) {
                continue;
            }
            FilterPolicy filter = s.filter();
            if (filter != null && !filter.matches(m.attributes(), m.messageFor(s.protocol))) {
                LOG.debug("Message {} filtered out for {}", m.messageId(), s.arn);
                continue;
            }
            deliveries.notification(s, m, signatureVersion);
            delivered++;
        }
        LOG.debug("Published {} to {} ({} deliveries)", m.messageId(), topic.arn, delivered);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
