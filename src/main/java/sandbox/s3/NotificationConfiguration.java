package sandbox.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.w3c.dom.Element;
import sandbox.core.Json;

/**
 * A bucket's {@code NotificationConfiguration}: its queue configurations, read from and written as S3's XML,
 * validated as S3 does (known event names, prefix/suffix rules, no overlapping rules, existing queues).
 * Topic, Lambda and EventBridge destinations are not served.
 */
record NotificationConfiguration(List<QueueConfiguration> queues) {

    static final NotificationConfiguration EMPTY = new NotificationConfiguration(List.of());

    boolean isEmpty() {
        return queues.isEmpty();
    }

    /** Parses and checks a PUT body; {@code checkQueues} false with {@code x-amz-skip-destination-validation}. */
    static NotificationConfiguration parse(Element root, NotificationSink sink, boolean checkQueues) {
        if (!"NotificationConfiguration".equals(XmlRequest.localName(root))) {
            throw S3Error.malformedXml();
        }
        for (String other : List.of("TopicConfiguration", "CloudFunctionConfiguration",
                "LambdaFunctionConfiguration", "EventBridgeConfiguration")) {
            if (!XmlRequest.children(root, other).isEmpty()) {
                throw S3Error.notImplemented(other + " (the sandbox notifies SQS queues only)");
            }
        }
        List<QueueConfiguration> queues = new ArrayList<>();
        for (Element e : XmlRequest.children(root, "QueueConfiguration")) {
            queues.add(queue(e));
        }
        for (int i = 0; i < queues.size(); i++) {
            for (int j = i + 1; j < queues.size(); j++) {
                if (queues.get(i).overlaps(queues.get(j))) {
                    throw S3Error.invalidArgument("Configuration is ambiguously defined. Cannot have overlapping "
                            + "suffixes in two rules if the prefixes are overlapping for the same event type.",
                            "Event", String.join(",", queues.get(i).events()));
                }
            }
        }
        if (checkQueues) {
            for (QueueConfiguration q : queues) {
                // AWS also checks that the queue's policy lets s3.amazonaws.com send: the sandbox does not
                if (!sink.queueExists(q.queueArn())) {
                    throw S3Error.invalidArgument("Unable to validate the following destination configurations",
                            q.queueArn(), "The destination queue does not exist");
                }
            }
        }
        return new NotificationConfiguration(List.copyOf(queues));
    }

    private static QueueConfiguration queue(Element e) {
        String id = trimmed(XmlRequest.childText(e, "Id"));
        String arn = trimmed(XmlRequest.childText(e, "Queue"));
        if (arn == null || !arn.startsWith("arn:aws:sqs:") || arn.split(":", -1).length != 6) {
            throw S3Error.invalidArgument("The ARN is not well formed", "Queue", arn);
        }
        List<String> events = new ArrayList<>();
        for (Element ev : XmlRequest.children(e, "Event")) {
            String name = ev.getTextContent().trim();
            if (!QueueConfiguration.SUPPORTED_EVENTS.contains(name)) {
                throw S3Error.invalidArgument("The event is not supported for notifications", "Event", name);
            }
            events.add(name);
        }
        if (events.isEmpty()) {
            throw S3Error.malformedXml();
        }
        String prefix = "";
        String suffix = "";
        boolean seenPrefix = false;
        boolean seenSuffix = false;
        for (Element filter : XmlRequest.children(e, "Filter")) {
            for (Element key : XmlRequest.children(filter, "S3Key")) {
                for (Element rule : XmlRequest.children(key, "FilterRule")) {
                    String name = trimmed(XmlRequest.childText(rule, "Name"));
                    String value = XmlRequest.childText(rule, "Value");
                    value = value == null ? "" : value;
                    String kind = name == null ? "" : name.toLowerCase(Locale.ROOT);
                    if (kind.equals("prefix") && !seenPrefix) {
                        prefix = value;
                        seenPrefix = true;
                    } else if (kind.equals("suffix") && !seenSuffix) {
                        suffix = value;
                        seenSuffix = true;
                    } else if (kind.equals("prefix") || kind.equals("suffix")) {
                        throw S3Error.invalidArgument("Cannot specify more than one " + kind + " rule in a filter.",
                                "FilterRule", name);
                    } else {
                        throw S3Error.invalidArgument("filter rule name must be either prefix or suffix",
                                "FilterRule", name);
                    }
                }
            }
        }
        return new QueueConfiguration(id == null || id.isEmpty() ? UUID.randomUUID().toString() : id, arn,
                List.copyOf(events), prefix, suffix);
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    /** The GET answer; S3 shows filter rule names capitalised ({@code Prefix}, {@code Suffix}). */
    byte[] toXml() {
        Xml x = Xml.document("NotificationConfiguration");
        for (QueueConfiguration q : queues) {
            x.open("QueueConfiguration").element("Id", q.id()).element("Queue", q.queueArn());
            q.events().forEach(ev -> x.element("Event", ev));
            if (!q.prefix().isEmpty() || !q.suffix().isEmpty()) {
                x.open("Filter").open("S3Key");
                if (!q.prefix().isEmpty()) {
                    x.open("FilterRule").element("Name", "Prefix").element("Value", q.prefix()).close("FilterRule");
                }
                if (!q.suffix().isEmpty()) {
                    x.open("FilterRule").element("Name", "Suffix").element("Value", q.suffix()).close("FilterRule");
                }
                x.close("S3Key").close("Filter");
            }
            x.close("QueueConfiguration");
        }
        return x.finish("NotificationConfiguration");
    }

    ArrayNode toJson() {
        ArrayNode a = Json.array();
        for (QueueConfiguration q : queues) {
            ObjectNode n = a.addObject().put("id", q.id()).put("queue", q.queueArn()).put("prefix", q.prefix())
                    .put("suffix", q.suffix());
            ArrayNode events = n.putArray("events");
            q.events().forEach(events::add);
        }
        return a;
    }

    static NotificationConfiguration fromJson(JsonNode n) {
        List<QueueConfiguration> queues = new ArrayList<>();
        for (JsonNode q : n) {
            List<String> events = new ArrayList<>();
            q.path("events").forEach(e -> events.add(e.asText()));
            queues.add(new QueueConfiguration(q.path("id").asText(), q.path("queue").asText(), List.copyOf(events),
                    q.path("prefix").asText(""), q.path("suffix").asText("")));
        }
        return new NotificationConfiguration(List.copyOf(queues));
    }
}
