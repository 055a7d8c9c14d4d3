package sandbox.sns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import sandbox.core.Json;

/** Topic names, the attributes a topic accepts (with their value rules) and the attributes AWS derives. */
final class TopicSettings {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,251}\\.fifo");

    private static final Set<String> SETTABLE = Set.of("DeliveryPolicy", "DisplayName", "Policy", "TracingConfig",
            "KmsMasterKeyId", "SignatureVersion", "ContentBasedDeduplication", "FifoThroughputScope", "ArchivePolicy",
            "HTTPSuccessFeedbackRoleArn", "HTTPSuccessFeedbackSampleRate", "HTTPFailureFeedbackRoleArn",
            "FirehoseSuccessFeedbackRoleArn", "FirehoseSuccessFeedbackSampleRate", "FirehoseFailureFeedbackRoleArn",
            "LambdaSuccessFeedbackRoleArn", "LambdaSuccessFeedbackSampleRate", "LambdaFailureFeedbackRoleArn",
            "ApplicationSuccessFeedbackRoleArn", "ApplicationSuccessFeedbackSampleRate",
            "ApplicationFailureFeedbackRoleArn", "SQSSuccessFeedbackRoleArn", "SQSSuccessFeedbackSampleRate",
            "SQSFailureFeedbackRoleArn");

    private TopicSettings() {
    }

    /** Checks the name against the FifoTopic attribute: {@code Invalid parameter: Topic Name} on mismatch. */
    static void checkName(String name, boolean fifo) {
        if (!(fifo ? FIFO_NAME : NAME).matcher(name).matches()) {
            throw SnsErrors.invalidParameter("Invalid parameter: Topic Name");
        }
    }

    /**
     * Validates CreateTopic attributes and returns them normalised: FifoTopic=true kept for FIFO topics,
     * FifoTopic=false dropped (AWS does not keep it), booleans in lower case.
     */
    static Map<String, String> forCreate(Map<String, String> requested, boolean fifo) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : requested.entrySet()) {
            String name = e.getKey();
            if (name.equals("FifoTopic")) {
                continue;
            }
            if (!SETTABLE.contains(name)) {
                throw SnsErrors.invalidParameter("Invalid parameter: Attributes Reason: Invalid attribute name: " + name);
            }
            out.put(name, checkValue(name, e.getValue(), fifo, "Invalid parameter: Attributes Reason: "));
        }
        if (fifo) {
            out.put("FifoTopic", "true");
        }
        return out;
    }

    /** What a new topic stores: the requested attributes plus the FIFO defaults. */
    static Map<String, String> withDefaults(Map<String, String> validated, boolean fifo) {
        Map<String, String> out = new LinkedHashMap<>(validated);
        if (fifo) {
            out.putIfAbsent("ContentBasedDeduplication", "false");
        }
        return out;
    }

    /** The value GetTopicAttributes shows for one attribute (explicit, or AWS's default). */
    static String effective(Topic topic, String name, String account) {
        String v = topic.attribute(name);
        if (v != null) {
            return v;
        }
        return switch (name) {
            case "DisplayName" -> "";
            case "Policy" -> defaultPolicy(topic.arn, account);
            default -> null;
        };
    }

    /** Validates one SetTopicAttributes change and returns the value to store. */
    static String forSet(String name, String value, boolean fifo) {
        if (!SETTABLE.contains(name)) {
            throw SnsErrors.invalidParameter("Invalid parameter: AttributeName");
        }
        return checkValue(name, value == null ? "" : value, fifo, "Invalid parameter: ");
    }

    static boolean isFifoRequested(Map<String, String> attributes) {
        String v = attributes.get("FifoTopic");
        if (v == null) {
            return false;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw SnsErrors.invalidParameter("Invalid parameter: Attributes Reason: FifoTopic: Invalid value ["
                    + v + "]. Must be true or false.");
        }
        return v.equalsIgnoreCase("true");
    }

    private static String checkValue(String name, String value, boolean fifo, String prefix) {
        switch (name) {
            case "ContentBasedDeduplication" -> {
                if (!fifo) {
                    throw SnsErrors.invalidParameter(prefix
                            + "ContentBasedDeduplication: Content-based deduplication can only be set for FIFO topics");
                }
                return bool(name, value, prefix);
            }
            case "FifoThroughputScope" -> {
                if (!fifo) {
                    throw SnsErrors.invalidParameter(prefix + "FifoThroughputScope: can only be set for FIFO topics");
                }
                if (!value.equals("Topic") && !value.equals("MessageGroup")) {
                    throw SnsErrors.invalidParameter(prefix + "FifoThroughputScope: Invalid value [" + value
                            + "]. Please use either Topic or MessageGroup");
                }
                return value;
            }
            case "SignatureVersion" -> {
                if (!value.equals("1") && !value.equals("2")) {
                    throw SnsErrors.invalidParameter(prefix + "SignatureVersion: Invalid value [" + value
                            + "]. Must be 1 or 2.");
                }
                return value;
            }
            case "TracingConfig" -> {
                if (!value.equals("PassThrough") && !value.equals("Active")) {
                    throw SnsErrors.invalidParameter(prefix + "TracingConfig: Invalid value [" + value
                            + "]. Must be PassThrough or Active.");
                }
                return value;
            }
            case "Policy", "DeliveryPolicy", "ArchivePolicy" -> {
                return PolicyDocument.check(prefix, name, value);
            }
            case "DisplayName" -> {
                if (value.length() > 100) {
                    throw SnsErrors.invalidParameter(prefix + "DisplayName: must be at most 100 characters long");
                }
                return value;
            }
            default -> {
                return value;
            }
        }
    }

    private static String bool(String name, String value, String prefix) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw SnsErrors.invalidParameter(prefix + name + ": Invalid value [" + value + "]. Must be true or false.");
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    /** The full attribute map GetTopicAttributes returns. */
    static Map<String, String> describe(Topic topic, String account) {
        Map<String, String> explicit = topic.attributes();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Policy", explicit.getOrDefault("Policy", defaultPolicy(topic.arn, account)));
        out.put("Owner", account);
        long confirmed = 0;
        long pending = 0;
        for (Subscription s : topic.subscriptions.values()) {
            if (s.isPending()) {
                pending++;
            } else {
                confirmed++;
            }
        }
        out.put("SubscriptionsPending", Long.toString(pending));
        out.put("TopicArn", topic.arn);
        out.put("EffectiveDeliveryPolicy", explicit.getOrDefault("DeliveryPolicy", defaultDeliveryPolicy()));
        out.put("SubscriptionsConfirmed", Long.toString(confirmed));
        out.put("DisplayName", explicit.getOrDefault("DisplayName", ""));
        out.put("SubscriptionsDeleted", Long.toString(topic.subscriptionsDeleted()));
        explicit.forEach((k, v) -> {
            if (!k.equals("Policy") && !k.equals("DisplayName")) {
                out.put(k, v);
            }
        });
        return out;
    }

    static String defaultPolicy(String topicArn, String account) {
        ObjectNode policy = Json.object().put("Version", "2008-10-17").put("Id", "__default_policy_ID");
        ObjectNode statement = policy.putArray("Statement").addObject();
        statement.put("Sid", "__default_statement_ID").put("Effect", "Allow");
        statement.putObject("Principal").put("AWS", "*");
        ArrayNode actions = statement.putArray("Action");
        for (String a : new String[] {"SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission",
                "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic",
                "SNS:Publish"}) {
            actions.add(a);
        }
        statement.put("Resource", topicArn);
        statement.putObject("Condition").putObject("StringEquals").put("AWS:SourceOwner", account);
        return Json.text(policy);
    }

    /** AWS's default HTTP delivery policy (3 retries). */
    static String defaultDeliveryPolicy() {
        return "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,"
                + "\"numRetries\":3,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,"
                + "\"backoffFunction\":\"linear\"},\"disableSubscriptionOverrides\":false,"
                + "\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}";
    }
}
