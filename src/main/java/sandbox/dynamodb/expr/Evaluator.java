package sandbox.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import sandbox.core.Json;
import sandbox.dynamodb.AttributeValues;

/**
 * Evaluates conditions against an item with DynamoDB's semantics: a missing attribute or a type
 * mismatch makes a comparison false (never an error), {@code <>} is the negation of {@code =}, strings
 * and binaries order by unsigned bytes, numbers numerically.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /** Whether {@code item} (null for a missing item) satisfies the condition. */
    public static boolean matches(Condition c, ObjectNode item) {
        ObjectNode it = item == null ? Json.object() : item;
        return eval(c, it);
    }

    private static boolean eval(Condition c, ObjectNode item) {
        if (c instanceof Condition.And a) {
            return eval(a.left(), item) && eval(a.right(), item);
        }
        if (c instanceof Condition.Or o) {
            return eval(o.left(), item) || eval(o.right(), item);
        }
        if (c instanceof Condition.Not n) {
            return !eval(n.inner(), item);
        }
        if (c instanceof Condition.Compare cmp) {
            return compare(cmp.op(), resolve(cmp.left(), item), resolve(cmp.right(), item));
        }
        if (c instanceof Condition.Between b) {
            JsonNode v = resolve(b.value(), item);
            JsonNode lo = resolve(b.low(), item);
            JsonNode hi = resolve(b.high(), item);
            return sameOrdered(v, lo) && sameOrdered(v, hi)
                    && AttributeValues.compare(lo, v) <= 0 && AttributeValues.compare(v, hi) <= 0;
        }
        if (c instanceof Condition.In in) {
            JsonNode v = resolve(in.value(), item);
            if (v == null) {
                return false;
            }
            for (Operand o : in.candidates()) {
                if (v.equals(resolve(o, item))) {
                    return true;
                }
            }
            return false;
        }
        if (c instanceof Condition.Exists e) {
            return (Paths.get(item, e.path()) != null) == e.exists();
        }
        if (c instanceof Condition.AttributeType t) {
            JsonNode v = Paths.get(item, t.path());
            JsonNode type = resolve(t.type(), item);
            return v != null && type != null && type.has("S") && AttributeValues.type(v).equals(type.get("S").textValue());
        }
        if (c instanceof Condition.BeginsWith bw) {
            return beginsWith(resolve(bw.value(), item), resolve(bw.prefix(), item));
        }
        if (c instanceof Condition.Contains ct) {
            return contains(resolve(ct.container(), item), resolve(ct.member(), item));
        }
        return c instanceof Condition.True;
    }

    /** The value an operand stands for in {@code item}, or null when it names a missing attribute. */
    public static JsonNode resolve(Operand o, ObjectNode item) {
        if (o instanceof Operand.ValueRef v) {
            return v.value();
        }
        if (o instanceof Operand.PathRef p) {
            return Paths.get(item, p.path());
        }
        if (o instanceof Operand.Size s) {
            return size(Paths.get(item, s.path()));
        }
        throw new IllegalArgumentException("operand not allowed in a condition: " + o);
    }

    private static JsonNode size(JsonNode v) {
        if (v == null) {
            return null;
        }
        JsonNode inner = AttributeValues.inner(v);
        long n = switch (AttributeValues.type(v)) {
            case "S" -> inner.textValue().getBytes(StandardCharsets.UTF_8).length;
            case "B" -> AttributeValues.binary(v).length;
            case "SS", "NS", "BS", "L", "M" -> inner.size();
            default -> -1;
        };
        return n < 0 ? null : Json.object().put("N", Long.toString(n));
    }

    private static boolean compare(String op, JsonNode a, JsonNode b) {
        switch (op) {
            case "=":
                return a != null && a.equals(b);
            case "<>":
                return a == null || !a.equals(b);
            default:
                if (!sameOrdered(a, b)) {
                    return false;
                }
                int c = AttributeValues.compare(a, b);
                return switch (op) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                };
        }
    }

    private static boolean sameOrdered(JsonNode a, JsonNode b) {
        return a != null && b != null && AttributeValues.isOrdered(a)
                && AttributeValues.type(a).equals(AttributeValues.type(b));
    }

    private static boolean beginsWith(JsonNode v, JsonNode prefix) {
        if (v == null || prefix == null || !AttributeValues.type(v).equals(AttributeValues.type(prefix))) {
            return false;
        }
        return switch (AttributeValues.type(v)) {
            case "S" -> startsWith(AttributeValues.inner(v).textValue().getBytes(StandardCharsets.UTF_8),
                    AttributeValues.inner(prefix).textValue().getBytes(StandardCharsets.UTF_8));
            case "B" -> startsWith(AttributeValues.binary(v), AttributeValues.binary(prefix));
            default -> false;
        };
    }

    private static boolean startsWith(byte[] v, byte[] p) {
        return p.length <= v.length && Arrays.equals(v, 0, p.length, p, 0, p.length);
    }

    private static boolean contains(JsonNode container, JsonNode member) {
        if (container == null || member == null) {
            return false;
        }
        String ct = AttributeValues.type(container);
        String mt = AttributeValues.type(member);
        JsonNode inner = AttributeValues.inner(container);
        switch (ct) {
            case "S":
                return mt.equals("S") && inner.textValue().contains(AttributeValues.inner(member).textValue());
            case "B":
                return mt.equals("B") && indexOf(AttributeValues.binary(container), AttributeValues.binary(member)) >= 0;
            case "SS":
            case "NS":
            case "BS":
                if (!mt.equals(ct.substring(0, 1))) {
                    return false;
                }
                for (JsonNode m : inner) {
                    if (m.equals(AttributeValues.inner(member))) {
                        return true;
                    }
                }
                return false;
            case "L":
                for (JsonNode m : inner) {
                    if (m.equals(member)) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
