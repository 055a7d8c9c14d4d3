package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import sandbox.core.Json;

/**
 * DynamoDB attribute values in their wire form ({@code {"S":"x"}}, {@code {"N":"5"}}, ...): validation with
 * AWS's messages and a canonical form (numbers normalised, sets sorted, base64 re-encoded) so that two
 * values DynamoDB considers equal are equal as JSON trees.
 */
public final class AttributeValues {

    public static final int MAX_ITEM_SIZE = 400 * 1024;
    /** Levels a document may have, an attribute's own value being level 1 (AWS: 32). */
    public static final int MAX_NESTING_LEVELS = 32;

    private AttributeValues() {
    }

    /** The validated, canonical copy of an item (a map of attribute name to value). */
    public static ObjectNode item(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw DynamoException.validation("Start of list found where not expected");
        }
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> e : item.properties()) {
            if (e.getKey().isEmpty()) {
                throw DynamoException.validation(
                        "One or more parameter values were invalid: An attribute name cannot be empty");
            }
            out.set(e.getKey(), value(e.getValue()));
        }
        return out;
    }

    /** The validated, canonical copy of one attribute value. */
    public static ObjectNode value(JsonNode av) {
        return value(av, 1);
    }

    /** AWS's answer to a document nested deeper than {@link #MAX_NESTING_LEVELS}. */
    public static DynamoException tooDeep() {
        return DynamoException.validation("Nesting Levels have exceeded supported limits: Attributes in the item have "
                + "nested levels beyond supported limit");
    }

    /** Refuses an item (one computed by an update, say) with a value nested deeper than AWS allows. */
    public static void checkNesting(ObjectNode item) {
        for (JsonNode v : item) {
            if (levels(v) > MAX_NESTING_LEVELS) {
                throw tooDeep();
            }
        }
    }

    /** How many levels a value has: 1 for a scalar or an empty list or map. */
    private static int levels(JsonNode av) {
        int deepest = 0;
        JsonNode inner = av.isObject() && av.size() == 1 ? av.elements().next() : null;
        if (inner != null && (av.has("L") || av.has("M"))) {
            for (JsonNode member : inner) {
                deepest = Math.max(deepest, levels(member));
            }
        }
        return 1 + deepest;
    }

    private static ObjectNode value(JsonNode av, int level) {
        if (level > MAX_NESTING_LEVELS) {
            throw tooDeep();
        }
        if (av == null || !av.isObject() || av.size() == 0) {
            throw DynamoException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (av.size() > 1) {
            throw DynamoException.validation("Supplied AttributeValue has more than one datatypes set, "
                    + "must contain exactly one of the supported datatypes");
        }
        Map.Entry<String, JsonNode> e = av.properties().iterator().next();
        String type = e.getKey();
        JsonNode v = e.getValue();
        ObjectNode out = Json.object();
        switch (type) {
            case "S" -> out.put("S", text(v));
            case "N" -> out.put("N", canonicalNumber(text(v)));
            case "B" -> out.put("B", canonicalBinary(text(v)));
            case "BOOL" -> {
                if (!v.isBoolean()) {
                    throw new DynamoException("SerializationException", "Unexpected value type in payload");
                }
                out.put("BOOL", v.booleanValue());
            }
            case "NULL" -> {
                if (!v.isBoolean() || !v.booleanValue()) {
                    throw DynamoException.validation(
                            "One or more parameter values were invalid: Null attribute value types must have the value of true");
                }
                out.put("NULL", true);
            }
            case "SS", "NS", "BS" -> out.set(type, set(type, v));
            case "L" -> {
                if (!v.isArray()) {
                    throw new DynamoException("SerializationException", "Expected list or null");
                }
                ArrayNode list = out.putArray("L");
                for (JsonNode m : v) {
                    list.add(value(m, level + 1));
                }
            }
            case "M" -> {
                if (!v.isObject()) {
                    throw new DynamoException("SerializationException", "Expected map or null");
                }
                ObjectNode map = out.putObject("M");
                for (Map.Entry<String, JsonNode> m : v.properties()) {
                    map.set(m.getKey(), value(m.getValue(), level + 1));
                }
            }
            default -> throw DynamoException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        return out;
    }

    private static String text(JsonNode v) {
        if (v == null || !v.isTextual()) {
            throw new DynamoException("SerializationException",
                    "NUMBER_VALUE cannot be converted to String");
        }
        return v.textValue();
    }

    private static ArrayNode set(String type, JsonNode v) {
        if (!v.isArray()) {
            throw new DynamoException("SerializationException", "Expected list or null");
        }
        if (v.isEmpty()) {
            String word = switch (type) {
                case "SS" -> "string";
                case "NS" -> "number";
                default -> "binary";
            };
            throw DynamoException.validation(
                    "One or more parameter values were invalid: An " + word + " set  may not be empty");
        }
        List<String> members = new ArrayList<>(v.size());
        for (JsonNode m : v) {
            String s = text(m);
            members.add(switch (type) {
                case "NS" -> canonicalNumber(s);
                case "BS" -> canonicalBinary(s);
                default -> s;
            });
        }
        Comparator<String> order = memberOrder(type);
        members.sort(order);
        for (int i = 1; i < members.size(); i++) {
            if (order.compare(members.get(i - 1), members.get(i)) == 0) {
                List<String> raw = new ArrayList<>();
                v.forEach(m -> raw.add(m.asText()));
                throw DynamoException.validation(switch (type) {
                    case "SS" -> "One or more parameter values were invalid: Input collection " + raw
                            + " contains duplicates.";
                    case "NS" -> "Input collection contains duplicates";
                    default -> "One or more parameter values were invalid: Input collection " + raw
                            + "of type BS contains duplicates.";
                });
            }
        }
        ArrayNode out = Json.array();
        members.forEach(out::add);
        return out;
    }

    /** The order set members are kept in: numbers numerically, strings and binaries by unsigned bytes. */
    public static Comparator<String> memberOrder(String setType) {
        return switch (setType) {
            case "NS" -> Comparator.comparing(BigDecimal::new);
            case "BS" -> (a, b) -> Arrays.compareUnsigned(Base64.getDecoder().decode(a), Base64.getDecoder().decode(b));
            default -> (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** DynamoDB's number rules: 38 significant digits, magnitude 1E-130 .. 9.99..E+125; plain canonical text. */
    public static String canonicalNumber(String text) {
        BigDecimal n = parseNumber(text);
        return canonical(n);
    }

    /** Validates a computed number (arithmetic results) and gives its canonical text. */
    public static String canonical(BigDecimal n) {
        if (n.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = n.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (exponent > 125) {
            throw DynamoException.validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (exponent < -130) {
            throw DynamoException.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        if (stripped.precision() > 38) {
            throw DynamoException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        return stripped.toPlainString();
    }

    private static BigDecimal parseNumber(String text) {
        if (text.isEmpty() || text.length() > 1000 || !text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw DynamoException.validation("A value provided cannot be converted into a number");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw DynamoException.validation("A value provided cannot be converted into a number");
        }
    }

    /** Exact sum or difference of two canonical numbers, validated (38 digits, range). */
    public static String add(String a, String b, boolean subtract) {
        BigDecimal x = new BigDecimal(a);
        BigDecimal y = new BigDecimal(b);
        BigDecimal r = subtract ? x.subtract(y) : x.add(y);
        return canonical(r);
    }

    private static String canonicalBinary(String base64) {
        try {
            return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new DynamoException("SerializationException", "Base64 encoded value could not be decoded");
        }
    }

    /** The type tag of a value: S, N, B, BOOL, NULL, SS, NS, BS, L or M. */
    public static String type(JsonNode av) {
        return av.fieldNames().next();
    }

    /** The inner value of a canonical attribute value. */
    public static JsonNode inner(JsonNode av) {
        return av.elements().next();
    }

    public static byte[] binary(JsonNode av) {
        return Base64.getDecoder().decode(inner(av).textValue());
    }

    public static BigDecimal number(JsonNode av) {
        return new BigDecimal(inner(av).textValue());
    }

    /** Orders two values of the same scalar type (S, N or B) as DynamoDB does; other types are not ordered. */
    public static int compare(JsonNode a, JsonNode b) {
        String t = type(a);
        return switch (t) {
            case "N" -> number(a).compareTo(number(b));
            case "S" -> Arrays.compareUnsigned(inner(a).textValue().getBytes(StandardCharsets.UTF_8),
                    inner(b).textValue().getBytes(StandardCharsets.UTF_8));
            case "B" -> Arrays.compareUnsigned(binary(a), binary(b));
            default -> throw new IllegalArgumentException("not an ordered type: " + t);
        };
    }

    public static boolean isOrdered(JsonNode av) {
        String t = type(av);
        return t.equals("S") || t.equals("N") || t.equals("B");
    }

    /** The type's name in UpdateExpression errors: STRING, NUMBER, ... */
    public static String typeWord(JsonNode av) {
        return switch (type(av)) {
            case "S" -> "STRING";
            case "N" -> "NUMBER";
            case "B" -> "BINARY";
            case "BOOL" -> "BOOLEAN";
            case "NULL" -> "NULL";
            case "SS" -> "STRING_SET";
            case "NS" -> "NUMBER_SET";
            case "BS" -> "BINARY_SET";
            case "L" -> "LIST";
            default -> "MAP";
        };
    }

    /** Item size as DynamoDB counts it: attribute name bytes plus value sizes. */
    public static int itemSize(ObjectNode item) {
        int size = 0;
        for (Map.Entry<String, JsonNode> e : item.properties()) {
            size += utf8Length(e.getKey()) + valueSize(e.getValue());
        }
        return size;
    }

    public static int valueSize(JsonNode av) {
        JsonNode v = inner(av);
        switch (type(av)) {
            case "S":
                return utf8Length(v.textValue());
            case "N":
                return numberSize(v.textValue());
            case "B":
                return binaryLength(v.textValue());
            case "BOOL":
            case "NULL":
                return 1;
            case "SS": {
                int s = 0;
                for (JsonNode m : v) {
                    s += utf8Length(m.textValue());
                }
                return s;
            }
            case "NS": {
                int s = 0;
                for (JsonNode m : v) {
                    s += numberSize(m.textValue());
                }
                return s;
            }
            case "BS": {
                int s = 0;
                for (JsonNode m : v) {
                    s += binaryLength(m.textValue());
                }
                return s;
            }
            case "L": {
                int s = 3;
                for (JsonNode m : v) {
                    s += 1 + valueSize(m);
                }
                return s;
            }
            default: {
                int s = 3;
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    s += 1 + utf8Length(e.getKey()) + valueSize(e.getValue());
                }
                return s;
            }
        }
    }

    static int numberSize(String canonical) {
        String digits = canonical.replace("-", "").replace(".", "");
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        int end = digits.length();
        while (end > start + 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return (end - start + 1) / 2 + 1;
    }

    private static int binaryLength(String base64) {
        int len = base64.length();
        int pad = len > 0 && base64.charAt(len - 1) == '=' ? (len > 1 && base64.charAt(len - 2) == '=' ? 2 : 1) : 0;
        return len / 4 * 3 - pad;
    }

    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
