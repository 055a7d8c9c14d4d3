package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import sandbox.core.Json;

/** A request's JSON parameters, read with AWS's constraint messages ("1 validation error detected: ..."). */
final class Params {

    private final ObjectNode body;

    Params(JsonNode body) {
        this.body = body instanceof ObjectNode o ? o : Json.object();
    }

    JsonNode get(String name) {
        JsonNode v = body.get(name);
        return v == null || v.isNull() ? null : v;
    }

    boolean has(String name) {
        return get(name) != null;
    }

    JsonNode required(String name) {
        JsonNode v = get(name);
        if (v == null) {
            throw constraint("null", name, "Member must not be null");
        }
        return v;
    }

    String string(String name) {
        JsonNode v = get(name);
        return v == null ? null : v.asText();
    }

    /** TableName: required, 3..255 characters of {@code [a-zA-Z0-9_.-]}. */
    String tableName() {
        return tableName(string("TableName"), "tableName");
    }

    static String tableName(String name, String where) {
        if (name == null) {
            throw constraint("null", where, "Member must not be null");
        }
        if (name.length() < 3) {
            throw constraint("'" + name + "'", where, "Member must have length greater than or equal to 3");
        }
        if (name.length() > 255) {
            throw constraint("'" + name + "'", where, "Member must have length less than or equal to 255");
        }
        if (!name.matches("[a-zA-Z0-9_.-]+")) {
            throw constraint("'" + name + "'", where, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        return name;
    }

    /** An enum parameter, {@code fallback} when absent. */
    String oneOf(String name, String fallback, List<String> allowed) {
        String v = string(name);
        if (v == null) {
            return fallback;
        }
        if (!allowed.contains(v)) {
            throw constraint("'" + v + "'", name, "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
        return v;
    }

    /** An integer parameter within bounds, or null when absent. */
    Integer integer(String name, long min, long max) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.canConvertToLong()) {
            throw new DynamoException("SerializationException", "NUMBER_VALUE cannot be converted to Integer");
        }
        long n = v.asLong();
        if (n < min) {
            throw constraint("'" + n + "'", name, "Member must have value greater than or equal to " + min);
        }
        if (n > max) {
            throw constraint("'" + n + "'", name, "Member must have value less than or equal to " + max);
        }
        return (int) n;
    }

    boolean bool(String name) {
        JsonNode v = get(name);
        return v != null && v.asBoolean();
    }

    static DynamoException constraint(String value, String name, String rule) {
        return DynamoException.validation("1 validation error detected: Value " + value + " at '" + lowerFirst(name)
                + "' failed to satisfy constraint: " + rule);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
