package sandbox.dynamodb.partiql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import sandbox.core.Json;
import sandbox.dynamodb.DynamoException;
import sandbox.dynamodb.ItemKey;
import sandbox.dynamodb.TableSchema;
import sandbox.dynamodb.expr.Condition;
import sandbox.dynamodb.expr.Operand;

/**
 * A WHERE clause split into the item it names (one {@code key = value} per key attribute among the
 * top-level AND terms) and the rest of the condition, which is evaluated against that item.
 *
 * @param rest the other terms ANDed together, or null when there are none
 */
public record KeyedWhere(ItemKey key, Condition rest) {

    static final String INCOMPLETE_KEY = "Where clause does not contain a mandatory equality on all key attributes";

    /** The item a WHERE clause names, or a ValidationException (AWS's wording) when it does not name one. */
    public static KeyedWhere of(Condition where, TableSchema schema) {
        KeyedWhere k = find(where, schema);
        if (k == null) {
            throw DynamoException.validation(INCOMPLETE_KEY);
        }
        return k;
    }

    /** Like {@link #of}, or null when the clause does not pin the whole key (a SELECT that would scan). */
    public static KeyedWhere find(Condition where, TableSchema schema) {
        List<Condition> terms = new ArrayList<>();
        flatten(where, terms);
        ObjectNode key = Json.object();
        List<Condition> rest = new ArrayList<>();
        for (Condition term : terms) {
            String name = keyEquality(term, schema);
            if (name != null && !key.has(name)) {
                key.set(name, keyValue((Condition.Compare) term));
            } else {
                rest.add(term);
            }
        }
        if (key.size() != (schema.hasRange() ? 2 : 1)) {
            return null;
        }
        Condition others = rest.stream().reduce(Condition.And::new).orElse(null);
        return new KeyedWhere(schema.keyOf(key), others);
    }

    private static void flatten(Condition c, List<Condition> out) {
        if (c instanceof Condition.And a) {
            flatten(a.left(), out);
            flatten(a.right(), out);
        } else if (c != null) {
            out.add(c);
        }
    }

    /** The key attribute a {@code key = value} term pins, or null. */
    private static String keyEquality(Condition c, TableSchema schema) {
        if (!(c instanceof Condition.Compare cmp) || !cmp.op().equals("=")) {
            return null;
        }
        Operand.PathRef path = cmp.left() instanceof Operand.PathRef p ? p
                : cmp.right() instanceof Operand.PathRef p2 ? p2 : null;
        boolean hasValue = cmp.left() instanceof Operand.ValueRef || cmp.right() instanceof Operand.ValueRef;
        if (path == null || !hasValue || !path.path().isTopLevel() || !schema.isKeyAttribute(path.path().topName())) {
            return null;
        }
        return path.path().topName();
    }

    private static ObjectNode keyValue(Condition.Compare cmp) {
        return cmp.left() instanceof Operand.ValueRef v ? v.value() : ((Operand.ValueRef) cmp.right()).value();
    }
}
