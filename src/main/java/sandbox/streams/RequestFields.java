package sandbox.streams;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the members of a JSON request and checks them against the API model's constraints, the way
 * AWS's front end does: every broken constraint is collected and reported in one
 * {@code N validation error(s) detected: ...} ValidationException; a member of the wrong JSON type
 * is a SerializationException.
 */
final class RequestFields {

    private final JsonNode body;
    private final String path;
    private final List<String> violations;

    RequestFields(JsonNode body) {
        this(body, "", new ArrayList<>());
    }

    private RequestFields(JsonNode body, String path, List<String> violations) {
        this.body = body;
        this.path = path;
        this.violations = violations;
    }

    /** The fields of a nested structure member, reporting into the same list (e.g. {@code shardFilter.type}). */
    RequestFields nested(String member, JsonNode value) {
        return new RequestFields(value, wireName(member) + ".", violations);
    }

    /** A string member, or null when absent; {@code member} is the model's name, e.g. StreamArn. */
    String string(String member, boolean required, int minLength, int maxLength) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            if (required) {
                violations.add("Value null at '" + wireName(member) + "' failed to satisfy constraint: "
                        + "Member must not be null");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw StreamsErrors.serialization("Unexpected value type in payload for " + member
                    + ": expected a string");
        }
        String s = v.asText();
        if (s.length() < minLength) {
            violate(member, s, "Member must have length greater than or equal to " + minLength);
        } else if (s.length() > maxLength) {
            violate(member, s, "Member must have length less than or equal to " + maxLength);
        }
        return s;
    }

    /** An integer member, or null when absent; checked against the model's minimum. */
    Integer integer(String member, int min) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw StreamsErrors.serialization("Unexpected value type in payload for " + member
                    + ": expected an integer");
        }
        int i = v.intValue();
        if (i < min) {
            violate(member, Integer.toString(i), "Member must have value greater than or equal to " + min);
        }
        return i;
    }

    void pattern(String member, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            violate(member, value, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
    }

    void oneOf(String member, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            violate(member, value, "Member must satisfy enum value set: " + allowed);
        }
    }

    JsonNode object(String member) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw StreamsErrors.serialization("Unexpected value type in payload for " + member
                    + ": expected an object");
        }
        return v;
    }

    /** Throws the collected violations, if any. */
    void check() {
        if (violations.isEmpty()) {
            return;
        }
        int n = violations.size();
        throw StreamsErrors.validation(n + " validation error" + (n == 1 ? "" : "s") + " detected: "
                + String.join("; ", violations));
    }

    private void violate(String member, String value, String constraint) {
        violations.add("Value '" + value + "' at '" + wireName(member) + "' failed to satisfy constraint: "
                + constraint);
    }

    /** AWS names members in these messages in lower camel case: StreamArn -> streamArn. */
    private String wireName(String member) {
        return path + Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
