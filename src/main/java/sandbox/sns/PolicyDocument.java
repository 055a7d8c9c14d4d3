package sandbox.sns;

import sandbox.core.Json;

/** Attributes whose value is a JSON policy document (Policy, DeliveryPolicy, RedrivePolicy, ...). */
final class PolicyDocument {

    private PolicyDocument() {
    }

    /** The value itself when empty or a JSON object; otherwise SNS's "failed to parse JSON" error. */
    static String check(String prefix, String name, String value) {
        if (!value.isEmpty()) {
            try {
                if (!Json.parse(value).isObject()) {
                    throw new IllegalArgumentException("not an object");
                }
            } catch (IllegalArgumentException e) {
                throw SnsErrors.invalidParameter(prefix + name + ": failed to parse JSON.");
            }
        }
        return value;
    }
}
