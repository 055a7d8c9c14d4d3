package sandbox.sns;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Protocols, endpoints and subscription attributes: what Subscribe and SetSubscriptionAttributes accept. */
final class SubscriptionSettings {

    static final Set<String> DELIVERED = Set.of("http", "https", "email", "email-json", "sms", "sqs");
    private static final Set<String> NOT_DELIVERED = Set.of("lambda", "application", "firehose");
    /** An SQS queue's ARN, the endpoint of an sqs subscription. */
    private static final Pattern QUEUE_ARN = Pattern.compile("arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,80}(\\.fifo)?");
    private static final Set<String> ATTRIBUTES = Set.of("DeliveryPolicy", "FilterPolicy", "FilterPolicyScope",
            "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy");
    private static final Pattern E164 = Pattern.compile("\\+?[1-9]\\d{1,14}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[./-]");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private SubscriptionSettings() {
    }

    /** The protocol in lower case, if the sandbox delivers it. */
    static String protocol(String requested, boolean fifoTopic) {
        String p = requested.toLowerCase(Locale.ROOT);
        if (NOT_DELIVERED.contains(p)) {
            throw SnsErrors.invalidParameter("Invalid parameter: Protocol Reason: the sandbox does not deliver to " + p
                    + " endpoints; it delivers to http, https, email, email-json, sms and sqs");
        }
        if (!DELIVERED.contains(p)) {
            throw SnsErrors.invalidParameter(
                    "Invalid parameter: Amazon SNS does not support this protocol string: " + requested);
        }
        if (fifoTopic) {
            throw SnsErrors.invalidParameter("Invalid parameter: Invalid protocol type: " + p + (p.equals("sqs")
                    ? " Reason: the sandbox does not deliver FIFO topics to queues"
                    : " Reason: FIFO topics deliver only to Amazon SQS queues"));
        }
        return p;
    }

    /** Checks the endpoint the protocol needs: a URL for http/https, an address for email, a phone number for sms. */
    static String endpoint(String protocol, String endpoint) {
        if (endpoint == null || endpoint.isEmpty()) {
            throw SnsErrors.invalidParameter("Invalid parameter: Endpoint Reason: no value for required parameter");
        }
        switch (protocol) {
            case "http", "https" -> {
                URI uri;
                try {
                    uri = new URI(endpoint);
                } catch (URISyntaxException e) {
                    throw SnsErrors.invalidParameter("Invalid parameter: Endpoint");
                }
                if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase(protocol)) {
                    throw SnsErrors.invalidParameter("Invalid parameter: Endpoint must match the specified protocol");
                }
                if (uri.getHost() == null) {
                    throw SnsErrors.invalidParameter("Invalid parameter: Endpoint");
                }
            }
            case "sqs" -> {
                if (!QUEUE_ARN.matcher(endpoint).matches()) {
                    throw SnsErrors.invalidParameter("Invalid parameter: SQS endpoint ARN");
                }
                if (endpoint.endsWith(".fifo")) {
                    throw SnsErrors.invalidParameter("Invalid parameter: Invalid protocol type: sqs Reason: FIFO SQS"
                            + " Queues can not be subscribed to standard SNS topics");
                }
            }
            case "email", "email-json" -> {
                if (!EMAIL.matcher(endpoint).matches()) {
                    throw SnsErrors.invalidParameter("Invalid parameter: Email address");
                }
            }
            default -> {
                if (!isPhoneNumber(endpoint)) {
                    throw SnsErrors.invalidParameter("Invalid SMS endpoint: " + endpoint);
                }
            }
        }
        return endpoint;
    }

    /** E.164 numbers, optionally written with single '.', '/' or '-' separators between digits. */
    static boolean isPhoneNumber(String number) {
        if (number.isEmpty() || "./-".indexOf(number.charAt(0)) >= 0
                || "./-".indexOf(number.charAt(number.length() - 1)) >= 0
                || Pattern.compile("[./-]{2,}").matcher(number).find()) {
            return false;
        }
        return E164.matcher(PHONE_SEPARATORS.matcher(number).replaceAll("")).matches();
    }

    /** Protocols that must confirm before they get notifications. */
    static boolean needsConfirmation(String protocol) {
        return !protocol.equals("sms") && !protocol.equals("sqs"); // a queue of the same account: confirmed at once
    }

    /**
     * Validates Subscribe attributes; returns them normalised. The filter policy (if any) is checked
     * against the scope given in the same request.
     */
    static Map<String, String> forSubscribe(Map<String, String> requested, String protocol) {
        String prefix = "Invalid parameter: Attributes Reason: ";
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : requested.entrySet()) {
            if (!ATTRIBUTES.contains(e.getKey())) {
                throw SnsErrors.invalidParameter(prefix + "AttributeName");
            }
            out.put(e.getKey(), checkValue(e.getKey(), e.getValue(), protocol, prefix));
        }
        FilterPolicy.parse(out.get("FilterPolicy"), Subscription.scopeOf(out.get("FilterPolicyScope")), prefix);
        return out;
    }

    /** Validates one SetSubscriptionAttributes change; returns the value to store. */
    static String forSet(String name, String value, Subscription s) {
        String prefix = "Invalid parameter: ";
        if (!ATTRIBUTES.contains(name)) {
            throw SnsErrors.invalidParameter(prefix + "AttributeName");
        }
        String v = checkValue(name, value == null ? "" : value, s.protocol, prefix);
        if (name.equals("FilterPolicy")) {
            FilterPolicy.parse(v, Subscription.scopeOf(s.attribute("FilterPolicyScope")), prefix);
        } else if (name.equals("FilterPolicyScope")) {
            FilterPolicy.parse(s.attribute("FilterPolicy"), Subscription.scopeOf(v), prefix);
        }
        return v;
    }

    /** The filter policy a subscription applies once {@code name} is set to {@code value}. */
    static FilterPolicy filterAfter(Subscription s, String name, String value) {
        String policy = name.equals("FilterPolicy") ? value : s.attribute("FilterPolicy");
        String scope = name.equals("FilterPolicyScope") ? value : s.attribute("FilterPolicyScope");
        return FilterPolicy.parse(policy, Subscription.scopeOf(scope), "Invalid parameter: ");
    }

    private static String checkValue(String name, String value, String protocol, String prefix) {
        switch (name) {
            case "RawMessageDelivery" -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw SnsErrors.invalidParameter(prefix + "RawMessageDelivery: Invalid value [" + value
                            + "]. Must be true or false.");
                }
                if (!protocol.startsWith("http") && !protocol.equals("sqs") && value.equalsIgnoreCase("true")) {
                    throw SnsErrors.invalidParameter(prefix + "Delivery protocol [" + protocol
                            + "] does not support raw message delivery.");
                }
                return value.toLowerCase(Locale.ROOT);
            }
            case "FilterPolicyScope" -> {
                if (!value.equals("MessageAttributes") && !value.equals("MessageBody")) {
                    throw SnsErrors.invalidParameter(prefix + "FilterPolicyScope: Invalid value [" + value
                            + "]. Please use either MessageBody or MessageAttributes");
                }
                return value;
            }
            case "DeliveryPolicy", "RedrivePolicy", "ReplayPolicy" -> {
                return PolicyDocument.check(prefix, name, value);
            }
            default -> {
                return value;
            }
        }
    }

    /** GetSubscriptionAttributes: identity and state first, then what was set. */
    static Map<String, String> describe(Subscription s) {
        Map<String, String> set = s.attributes();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("ConfirmationWasAuthenticated", Boolean.toString(s.confirmationWasAuthenticated()));
        out.put("Owner", s.owner);
        out.put("PendingConfirmation", Boolean.toString(s.isPending()));
        out.put("Protocol", s.protocol);
        out.put("RawMessageDelivery", set.getOrDefault("RawMessageDelivery", "false"));
        out.put("SubscriptionArn", s.arn);
        out.put("TopicArn", s.topicArn);
        out.put("Endpoint", s.endpoint);
        out.put("SubscriptionPrincipal", "arn:aws:iam::" + s.owner + ":root");
        if (s.isHttp()) {
            out.put("EffectiveDeliveryPolicy", set.getOrDefault("DeliveryPolicy",
                    "{\"healthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":3,"
                            + "\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,"
                            + "\"backoffFunction\":\"linear\"}}"));
        }
        set.forEach((k, v) -> {
            if (!k.equals("RawMessageDelivery") && !(k.equals("FilterPolicyScope") && !set.containsKey("FilterPolicy"))) {
                out.put(k, v);
            }
        });
        if (set.containsKey("FilterPolicy")) {
            out.putIfAbsent("FilterPolicyScope", "MessageAttributes");
        }
        return out;
    }
}
