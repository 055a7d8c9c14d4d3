package sandbox.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import sandbox.core.Json;
import sandbox.dynamodb.AttributeValues;
import sandbox.dynamodb.DynamoException;

/**
 * Applies an UpdateExpression to a copy of an item. Every operand is read from the item as it was before
 * the update (as DynamoDB does), then SET, REMOVE, ADD and DELETE are applied in that order.
 */
public final class UpdateApplier {

    private UpdateApplier() {
    }

    /**
     * @param original the stored item
     * @return the updated item (a new object; {@code original} is untouched)
     */
    public static ObjectNode apply(UpdateExpression u, ObjectNode original) {
        return apply(u, original, true);
    }

    /**
     * @param original the stored item, or the key attributes alone for an item that does not exist yet
     * @param exists   whether the item exists: AWS ignores a REMOVE of any path on an item that does not
     * @return the updated item (a new object; {@code original} is untouched)
     */
    public static ObjectNode apply(UpdateExpression u, ObjectNode original, boolean exists) {
        List<JsonNode> setValues = new ArrayList<>();
        for (UpdateExpression.Set s : u.sets()) {
            setValues.add(value(s.value(), original));
        }
        ObjectNode item = original.deepCopy();
        for (int i = 0; i < u.sets().size(); i++) {
            put(item, u.sets().get(i).path(), setValues.get(i));
        }
        List<DocPath> removes = new ArrayList<>(u.removes());
        // later list elements first, so removing [1] and [3] of one list removes the elements the paths named
        removes.sort(Comparator.comparing((DocPath p) -> parentKey(p)).thenComparing(
                p -> p.elements().get(p.elements().size() - 1) instanceof Integer idx ? -idx : 0));
        for (DocPath p : removes) {
            if (exists) {
                remove(item, p);
            }
        }
        for (UpdateExpression.AddOrDelete a : u.adds()) {
            JsonNode current = Paths.get(item, a.path());
            put(item, a.path(), add(current, a.value().value()));
        }
        for (UpdateExpression.AddOrDelete d : u.deletes()) {
            JsonNode current = Paths.get(item, d.path());
            if (current == null) {
                continue;
            }
            JsonNode rest = difference(current, d.value().value());
            if (rest == null) {
                remove(item, d.path());
            } else {
                put(item, d.path(), rest);
            }
        }
        return item;
    }

    private static String parentKey(DocPath p) {
        return new DocPath(p.elements().subList(0, Math.max(1, p.elements().size() - 1))).toString()
                + "/" + p.elements().size();
    }

    private static JsonNode value(Operand o, ObjectNode item) {
        if (o instanceof Operand.ValueRef v) {
            return v.value();
        }
        if (o instanceof Operand.PathRef p) {
            JsonNode v = Paths.get(item, p.path());
            if (v == null) {
                throw DynamoException.validation(
                        "The provided expression refers to an attribute that does not exist in the item");
            }
            return v;
        }
        if (o instanceof Operand.IfNotExists f) {
            JsonNode v = Paths.get(item, f.path());
            return v != null ? v : value(f.fallback(), item);
        }
        if (o instanceof Operand.ListAppend la) {
            JsonNode a = value(la.first(), item);
            JsonNode b = value(la.second(), item);
            if (!a.has("L") || !b.has("L")) {
                throw incorrectType();
            }
            ObjectNode out = Json.object();
            ArrayNode list = out.putArray("L");
            list.addAll((ArrayNode) a.get("L"));
            list.addAll((ArrayNode) b.get("L"));
            return out;
        }
        if (o instanceof Operand.Arithmetic ar) {
            JsonNode a = value(ar.left(), item);
            JsonNode b = value(ar.right(), item);
            if (!a.has("N") || !b.has("N")) {
                throw incorrectType();
            }
            return Json.object().put("N", AttributeValues.add(a.get("N").textValue(), b.get("N").textValue(), ar.minus()));
        }
        throw DynamoException.validation("Invalid UpdateExpression: The function is not allowed in an update expression");
    }

    private static DynamoException incorrectType() {
        return DynamoException.validation("An operand in the update expression has an incorrect data type");
    }

    private static DynamoException invalidPath() {
        return DynamoException.validation("The document path provided in the update expression is invalid for update");
    }

    private static JsonNode add(JsonNode current, JsonNode v) {
        if (current == null) {
            return v;
        }
        String ct = AttributeValues.type(current);
        String vt = AttributeValues.type(v);
        if (!ct.equals(vt)) {
            throw incorrectType();
        }
        if (ct.equals("N")) {
            return Json.object().put("N", AttributeValues.add(current.get("N").textValue(), v.get("N").textValue(), false));
        }
        if (!ct.equals("SS") && !ct.equals("NS") && !ct.equals("BS")) {
            throw incorrectType();
        }
        TreeSet<String> members = new TreeSet<>(AttributeValues.memberOrder(ct));
        current.get(ct).forEach(m -> members.add(m.textValue()));
        v.get(ct).forEach(m -> members.add(m.textValue()));
        return set(ct, members);
    }

    private static JsonNode difference(JsonNode current, JsonNode v) {
        String ct = AttributeValues.type(current);
        if (!ct.equals(AttributeValues.type(v))) {
            throw incorrectType();
        }
        TreeSet<String> members = new TreeSet<>(AttributeValues.memberOrder(ct));
        current.get(ct).forEach(m -> members.add(m.textValue()));
        v.get(ct).forEach(m -> members.remove(m.textValue()));
        return members.isEmpty() ? null : set(ct, members);
    }

    private static JsonNode set(String type, TreeSet<String> members) {
        ObjectNode out = Json.object();
        ArrayNode a = out.putArray(type);
        members.forEach(a::add);
        return out;
    }

    /** Writes {@code v} at {@code path}; the parent must exist. A list index past the end appends. */
    static void put(ObjectNode item, DocPath path, JsonNode value) {
        JsonNode v = value.deepCopy();
        List<Object> el = path.elements();
        if (el.size() == 1) {
            item.set((String) el.get(0), v);
            return;
        }
        JsonNode parent = Paths.get(item, new DocPath(el.subList(0, el.size() - 1)));
        Object last = el.get(el.size() - 1);
        if (parent == null) {
            throw invalidPath();
        }
        if (last instanceof Integer i) {
            if (!(parent.get("L") instanceof ArrayNode list)) {
                throw invalidPath();
            }
            if (i < list.size()) {
                list.set(i, v);
            } else {
                list.add(v);
            }
        } else {
            if (!(parent.get("M") instanceof ObjectNode map)) {
                throw invalidPath();
            }
            map.set((String) last, v);
        }
    }

    /**
     * Removes the value at {@code path}. A missing map key or a list index past the end is nothing to remove; a
     * missing parent, or a parent of the other kind (an index into a map or a scalar, a name into a list), is a
     * path that cannot be updated, as AWS answers it.
     */
    static void remove(ObjectNode item, DocPath path) {
        List<Object> el = path.elements();
        if (el.size() == 1) {
            item.remove((String) el.get(0));
            return;
        }
        JsonNode parent = Paths.get(item, new DocPath(el.subList(0, el.size() - 1)));
        if (parent == null) {
            throw invalidPath();
        }
        Object last = el.get(el.size() - 1);
        if (last instanceof Integer i) {
            if (!(parent.get("L") instanceof ArrayNode list)) {
                throw invalidPath();
            }
            if (i < list.size()) {
                list.remove(i);
            }
        } else if (parent.get("M") instanceof ObjectNode map) {
            map.remove((String) last);
        } else {
            throw invalidPath();
        }
    }
}
