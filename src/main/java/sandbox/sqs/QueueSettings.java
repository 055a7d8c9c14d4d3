package sandbox.sqs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import sandbox.core.Json;

/**
 * The attributes a standard queue can be created or updated with, their defaults and AWS's limits.
 * Read-only attributes (QueueArn, the counts, the timestamps) are computed by {@link Queue}.
 */
final class QueueSettings {

    static final String DELAY = "DelaySeconds";
    static final String MAX_SIZE = "MaximumMessageSize";
    /** 1 MiB, AWS's limit since August 2025 and the default MaximumMessageSize. */
    static final int LARGEST_MESSAGE = 1048576;
    static final String RETENTION = "MessageRetentionPeriod";
    static final String WAIT = "ReceiveMessageWaitTimeSeconds";
    static final String VISIBILITY = "VisibilityTimeout";
    static final String REDRIVE = "RedrivePolicy";
    static final String POLICY = "Policy";

    /** What a new queue has unless told otherwise. */
    static final Map<String, String> DEFAULTS = defaults();

    /** Integer attributes and their inclusive ranges. */
    private static final Map<String, long[]> RANGES = Map.of(DELAY, new long[] {0, 900},
            MAX_SIZE, new long[] {1024, LARGEST_MESSAGE}, RETENTION, new long[] {60, 1209600}, WAIT, new long[] {0, 20},
            VISIBILITY, new long[] {0, 43200}, "KmsDataKeyReusePeriodSeconds", new long[] {60, 86400});
    private static final Set<String> TEXT = Set.of(POLICY, REDRIVE, "RedriveAllowPolicy", "KmsMasterKeyId",
            "SqsManagedSseEnabled");
    static final List<String> READ_ONLY = List.of("QueueArn", "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp",
            "LastModifiedTimestamp");
    /** Attributes that clear themselves when set to "" (as AWS treats an empty policy). */
    private static final Set<String> CLEARABLE = Set.of(POLICY, REDRIVE, "RedriveAllowPolicy", "KmsMasterKeyId");

    private QueueSettings() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(DELAY, "0");
        d.put(MAX_SIZE, Integer.toString(LARGEST_MESSAGE));
        d.put(RETENTION, "345600");
        d.put(WAIT, "0");
        d.put(VISIBILITY, "30");
        d.put("SqsManagedSseEnabled", "true");
        return Map.copyOf(d);
    }

    static boolean isSettable(String name) {
        return RANGES.containsKey(name) || TEXT.contains(name);
    }

    /**
     * Checks and normalises the given attributes: an empty value of a policy means "remove" (kept as ""),
     * {@code FifoQueue=true} is refused (no FIFO queues here), anything unknown is InvalidAttributeName, and so is
     * {@code FifoQueue} set on a standard queue, at creation ({@code false}) or after (AWS: a queue's type is fixed
     * when it is created, and a standard queue has no such attribute).
     *
     * @param queueExists whether a queue ARN names an existing queue (a RedrivePolicy's target must exist)
     * @param creating    CreateQueue rather than SetQueueAttributes
     */
    static Map<String, String> check(Map<String, String> given, Predicate<String> queueExists, boolean creating) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String name = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue();
            if (name.equals("FifoQueue")) {
                if (creating && value.equalsIgnoreCase("true")) {
                    throw SqsErrors.unsupported("The sandbox serves standard queues only, not FIFO queues");
                }
                throw SqsErrors.invalidAttributeName(name);
            }
            if (RANGES.containsKey(name)) {
                out.put(name, Long.toString(number(name, value)));
            } else if (CLEARABLE.contains(name) && value.isEmpty()) {
                out.put(name, "");
            } else if (name.equals(REDRIVE)) {
                RedrivePolicy p = RedrivePolicy.parse(value);
                if (!queueExists.test(p.deadLetterTargetArn())) {
                    throw RedrivePolicy.invalid(value, "Dead letter target does not exist.");
                }
                out.put(name, p.toJson());
            } else if (name.equals(POLICY) || name.equals("RedriveAllowPolicy")) {
                checkJson(name, value);
                out.put(name, value);
            } else if (name.equals("SqsManagedSseEnabled")) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw SqsErrors.invalidAttributeValue(name);
                }
                out.put(name, value);
            } else if (TEXT.contains(name)) {
                out.put(name, value);
            } else {
                throw SqsErrors.invalidAttributeName(name);
            }
        }
        return out;
    }

    private static long number(String name, String value) {
        long[] range = RANGES.get(name);
        try {
            long n = Long.parseLong(value.trim());
            if (n >= range[0] && n <= range[1]) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw SqsErrors.invalidAttributeValue(name);
    }

    private static void checkJson(String name, String value) {
        try {
            if (!Json.parse(value).isObject()) {
                throw SqsErrors.invalidAttributeValue(name);
            }
        } catch (IllegalArgumentException e) {
            throw SqsErrors.invalidAttributeValue(name);
        }
    }
}
