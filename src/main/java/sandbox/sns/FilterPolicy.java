package sandbox.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import sandbox.core.Json;

/**
 * A subscription filter policy: validated as SNS validates it, applied to message attributes
 * ({@code FilterPolicyScope=MessageAttributes}, the default) or to the JSON message body
 * ({@code MessageBody}). Supports exact strings, numbers, booleans and null, {@code prefix},
 * {@code suffix}, {@code equals-ignore-case}, {@code anything-but} (values, lists, prefix/suffix),
 * {@code numeric} ranges, {@code exists}, {@code cidr} and {@code $or}.
 */
final class FilterPolicy {

    enum Scope { MessageAttributes, MessageBody }

    private static final int MAX_KEYS = 5;
    private static final int MAX_COMBINATIONS = 150;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final ObjectNode policy;
    private final Scope scope;

    private FilterPolicy(ObjectNode policy, Scope scope) {
        this.policy = policy;
        this.scope = scope;
    }

    /**
     * Parses and validates a policy; {@code errorPrefix} is "Invalid parameter: Attributes Reason: "
     * for Subscribe and "Invalid parameter: " for SetSubscriptionAttributes. Null for an empty policy.
     */
    static FilterPolicy parse(String json, Scope scope, String errorPrefix) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = Json.parse(json);
        } catch (Json.TooDeepException e) {
            // a policy this deep is far past the 150 combinations a nested policy may have
            throw SnsErrors.invalidParameter(errorPrefix + "FilterPolicy: Filter policy is too complex");
        } catch (IllegalArgumentException e) {
            throw SnsErrors.invalidParameter(errorPrefix + "FilterPolicy: failed to parse JSON.");
        }
        if (node == null || !node.isObject()) {
            throw SnsErrors.invalidParameter(errorPrefix + "FilterPolicy: failed to parse JSON.");
        }
        if (node.isEmpty()) {
            return null;
        }
        new Validator(scope, errorPrefix).validate((ObjectNode) node);
        return new FilterPolicy((ObjectNode) node, scope);
    }

    Scope scope() {
        return scope;
    }

    /** Whether a message passes this policy. A body policy never matches a body that is not a JSON object. */
    boolean matches(Map<String, MessageAttribute> attributes, String body) {
        if (scope == Scope.MessageBody) {
            JsonNode payload;
            try {
                payload = Json.parse(body);
            } catch (IllegalArgumentException e) {
                return false;
            }
            return payload != null && payload.isObject() && matchObject(policy, payload);
        }
        return matchObject(policy, attributesAsJson(attributes));
    }

    /** Attributes as the matcher sees them: String -> text, Number -> number, String.Array -> array; Binary is not filterable. */
    private static ObjectNode attributesAsJson(Map<String, MessageAttribute> attributes) {
        ObjectNode n = Json.object();
        attributes.forEach((name, a) -> {
            if (a.isBinary()) {
                return;
            }
            if (a.dataType().equals("String.Array")) {
                n.set(name, Json.parse(a.stringValue()));
            } else if (a.dataType().startsWith("Number")) {
                n.set(name, DecimalNode.valueOf(new BigDecimal(a.stringValue().trim())));
            } else {
                n.set(name, TextNode.valueOf(a.stringValue()));
            }
        });
        return n;
    }

    private static boolean matchObject(JsonNode policyNode, JsonNode payload) {
        Iterator<Map.Entry<String, JsonNode>> it = policyNode.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode rule = e.getValue();
            boolean ok;
            if ("$or".equals(key) && rule.isArray()) {
                ok = false;
                for (JsonNode branch : rule) {
                    if (matchObject(branch, payload)) {
                        ok = true;
                        break;
                    }
                }
            } else if (rule.isObject()) {
                ok = matchNested(rule, payload.get(key));
            } else {
                ok = matchField((ArrayNode) rule, payload.get(key));
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchNested(JsonNode rule, JsonNode child) {
        if (child == null) {
            return matchObject(rule, Json.object());
        }
        if (child.isObject()) {
            return matchObject(rule, child);
        }
        if (child.isArray()) {
            for (JsonNode item : child) {
                if (item.isObject() && matchObject(rule, item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchField(ArrayNode rules, JsonNode field) {
        if (field != null && field.isArray()) {
            for (JsonNode item : field) {
                for (JsonNode rule : rules) {
                    if (matchRule(rule, item, true)) {
                        return true;
                    }
                }
            }
            return field.isEmpty() && anyExists(rules, true);
        }
        for (JsonNode rule : rules) {
            if (matchRule(rule, field, field != null)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyExists(ArrayNode rules, boolean exists) {
        for (JsonNode rule : rules) {
            if (rule.isObject() && rule.has("exists") && rule.get("exists").asBoolean() == exists) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchRule(JsonNode rule, JsonNode value, boolean exists) {
        if (!rule.isObject()) {
            return exists && equalsLiteral(rule, value);
        }
        Map.Entry<String, JsonNode> op = rule.fields().next();
        JsonNode arg = op.getValue();
        if (op.getKey().equals("exists")) {
            return arg.asBoolean() == exists;
        }
        if (!exists || value == null || value.isNull()) {
            return false;
        }
        switch (op.getKey()) {
            case "prefix":
                return value.isTextual() && value.asText().startsWith(arg.asText());
            case "suffix":
                return value.isTextual() && value.asText().endsWith(arg.asText());
            case "equals-ignore-case":
                return value.isTextual() && value.asText().equalsIgnoreCase(arg.asText());
            case "numeric":
                return value.isNumber() && numeric((ArrayNode) arg, value.decimalValue());
            case "cidr":
                return value.isTextual() && inCidr(value.asText(), arg.asText());
            case "anything-but":
                return anythingBut(arg, value);
            default:
                return false;
        }
    }

    private static boolean anythingBut(JsonNode arg, JsonNode value) {
        if (arg.isObject()) {
            Map.Entry<String, JsonNode> inner = arg.fields().next();
            String s = inner.getValue().asText();
            if (!value.isTextual()) {
                return true;
            }
            return switch (inner.getKey()) {
                case "prefix" -> !value.asText().startsWith(s);
                case "suffix" -> !value.asText().endsWith(s);
                case "equals-ignore-case" -> !value.asText().equalsIgnoreCase(s);
                default -> false;
            };
        }
        if (arg.isArray()) {
            for (JsonNode excluded : arg) {
                if (equalsLiteral(excluded, value)) {
                    return false;
                }
            }
            return true;
        }
        return !equalsLiteral(arg, value);
    }

    private static boolean equalsLiteral(JsonNode literal, JsonNode value) {
        if (value == null) {
            return false;
        }
        if (literal.isNumber()) {
            return value.isNumber() && literal.decimalValue().compareTo(value.decimalValue()) == 0;
        }
        if (literal.isTextual()) {
            return value.isTextual() && literal.asText().equals(value.asText());
        }
        if (literal.isBoolean()) {
            return value.isBoolean() && literal.asBoolean() == value.asBoolean();
        }
        return literal.isNull() && value.isNull();
    }

    private static boolean numeric(ArrayNode terms, BigDecimal v) {
        for (int i = 0; i + 1 < terms.size(); i += 2) {
            int c = v.compareTo(terms.get(i + 1).decimalValue());
            boolean ok = switch (terms.get(i).asText()) {
                case "=" -> c == 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean inCidr(String ip, String cidr) {
        int slash = cidr.indexOf('/');
        byte[] address = literalAddress(ip);
        byte[] network = literalAddress(cidr.substring(0, slash));
        if (address == null || network == null || address.length != network.length) {
            return false;
        }
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        BigInteger mask = BigInteger.ONE.shiftLeft(address.length * 8).subtract(BigInteger.ONE)
                .shiftRight(bits).not();
        return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    /** Parses an IP literal without ever resolving a host name. */
    static byte[] literalAddress(String text) {
        if (!IPV4.matcher(text).matches() && !(text.contains(":") && text.matches("[0-9A-Fa-f:.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** AWS's filter policy constraints and error messages. */
    private static final class Validator {
        private final Scope scope;
        private final String prefix;

        Validator(Scope scope, String prefix) {
            this.scope = scope;
            this.prefix = prefix;
        }

        void validate(ObjectNode policy) {
            if (policy.size() > MAX_KEYS) {
                throw fail("FilterPolicy: Filter policy can not have more than 5 keys");
            }
            if (combinations(policy, 1, 1) > MAX_COMBINATIONS) {
                throw fail("FilterPolicy: Filter policy is too complex");
            }
        }

        /** Walks the policy, checking every rule, and returns the combination count AWS limits to 150. */
        private long combinations(JsonNode node, int depth, long combinations) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = e.getValue();
                if (value.isObject()) {
                    if (scope == Scope.MessageAttributes) {
                        throw fail("Filter policy scope MessageAttributes does not support nested filter policy");
                    }
                    combinations = combinations(value, depth + 1, combinations);
                } else if (value.isArray()) {
                    if (value.isEmpty()) {
                        throw fail("FilterPolicy: Empty arrays are not allowed");
                    }
                    if (e.getKey().equals("$or")) {
                        long sum = 0;
                        for (JsonNode branch : value) {
                            if (!branch.isObject()) {
                                throw fail("FilterPolicy: \"$or\" must be an object or an array");
                            }
                            sum += combinations(branch, depth, combinations);
                        }
                        combinations = sum;
                    } else {
                        for (JsonNode rule : value) {
                            checkRule(rule);
                        }
                        combinations = combinations * value.size() * depth;
                    }
                } else {
                    throw fail("FilterPolicy: \"" + e.getKey() + "\" must be an object or an array");
                }
            }
            return combinations;
        }

        private void checkRule(JsonNode rule) {
            if (rule.isNull() || rule.isTextual() || rule.isBoolean() || rule.isNumber()) {
                return;
            }
            if (!rule.isObject()) {
                throw fail("FilterPolicy: Match value must be String, number, true, false, or null");
            }
            if (rule.size() != 1) {
                throw fail("FilterPolicy: Only one key allowed in match expression");
            }
            Map.Entry<String, JsonNode> op = rule.fields().next();
            JsonNode v = op.getValue();
            switch (op.getKey()) {
                case "prefix", "suffix", "equals-ignore-case" -> {
                    if (!v.isTextual()) {
                        throw fail("FilterPolicy: " + op.getKey() + " match pattern must be a string");
                    }
                }
                case "exists" -> {
                    if (!v.isBoolean()) {
                        throw fail("FilterPolicy: exists match pattern must be either true or false.");
                    }
                }
                case "anything-but" -> checkAnythingBut(v);
                case "numeric" -> checkNumeric(v);
                case "cidr" -> checkCidr(v);
                default -> throw fail("FilterPolicy: Unrecognized match type " + op.getKey());
            }
        }

        private void checkAnythingBut(JsonNode v) {
            if (v.isArray()) {
                for (JsonNode item : v) {
                    if (!(item.isTextual() || item.isNumber())) {
                        throw fail("FilterPolicy: Inside anything but list, start|null|boolean is not supported.");
                    }
                }
            } else if (v.isObject()) {
                if (v.size() != 1) {
                    throw fail("FilterPolicy: Only one key allowed in match expression");
                }
                Map.Entry<String, JsonNode> inner = v.fields().next();
                if (!java.util.Set.of("prefix", "suffix", "equals-ignore-case").contains(inner.getKey())) {
                    throw fail("FilterPolicy: Unsupported anything-but pattern: " + inner.getKey());
                }
                if (!inner.getValue().isTextual()) {
                    throw fail("FilterPolicy: " + inner.getKey() + " match pattern must be a string");
                }
            } else if (!(v.isTextual() || v.isNumber())) {
                throw fail("FilterPolicy: Match value must be String, number, true, false, or null");
            }
        }

        private void checkNumeric(JsonNode v) {
            if (!v.isArray() || v.isEmpty()) {
                throw fail("FilterPolicy: Invalid member in numeric match: ]");
            }
            String op = operator(v.get(0), "Invalid member in numeric match: ", "Unrecognized numeric range operator: ",
                    java.util.Set.of("<", "<=", "=", ">", ">="));
            BigDecimal low = number(v, 1, op);
            if (v.size() == 2) {
                return;
            }
            if (!op.equals(">") && !op.equals(">=")) {
                throw fail("FilterPolicy: Too many elements in numeric expression");
            }
            String op2 = operator(v.get(2), "Bad value in numeric range: ", "Bad numeric range operator: ",
                    java.util.Set.of("<", "<="));
            BigDecimal high = number(v, 3, op2);
            if (high.compareTo(low) <= 0) {
                throw fail("FilterPolicy: Bottom must be less than top");
            }
            if (v.size() > 4) {
                throw fail("FilterPolicy: Too many terms in numeric range expression");
            }
        }

        private String operator(JsonNode n, String notString, String unknown, java.util.Set<String> allowed) {
            if (!n.isTextual()) {
                throw fail("FilterPolicy: " + notString + n);
            }
            if (!allowed.contains(n.asText())) {
                throw fail("FilterPolicy: " + unknown + n.asText());
            }
            return n.asText();
        }

        private BigDecimal number(JsonNode terms, int index, String op) {
            JsonNode n = index < terms.size() ? terms.get(index) : null;
            if (n == null || !n.isNumber()) {
                throw fail("FilterPolicy: Value of " + ("=".equals(op) ? "equals" : op) + " must be numeric");
            }
            return n.decimalValue();
        }

        private void checkCidr(JsonNode v) {
            if (!v.isTextual()) {
                throw fail("FilterPolicy: prefix match pattern must be a string");
            }
            String[] parts = v.asText().split("/", -1);
            if (parts.length != 2) {
                throw fail("FilterPolicy: Malformed CIDR, one '/' required");
            }
            int bits;
            try {
                bits = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw fail("FilterPolicy: Malformed CIDR, mask bits must be an integer");
            }
            byte[] address = literalAddress(parts[0]);
            if (address == null || bits < 0 || bits > address.length * 8) {
                throw fail("FilterPolicy: Nonstandard IP address: " + parts[0]);
            }
        }

        private sandbox.core.AwsException fail(String reason) {
            return SnsErrors.invalidParameter(prefix + reason);
        }
    }
}
