package sandbox.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sandbox.core.Json;

/**
 * The parts of an item named by a ProjectionExpression (or AttributesToGet): maps keep the named members,
 * lists keep the named elements in their order (compacted), as DynamoDB returns them.
 */
public final class Projection {

    private final Node root = new Node();

    private Projection(List<DocPath> paths) {
        for (DocPath p : paths) {
            Node n = root;
            for (Object e : p.elements()) {
                n = n.children.computeIfAbsent(e, k -> new Node());
            }
            n.whole = true;
        }
    }

    public static Projection of(List<DocPath> paths) {
        return new Projection(paths);
    }

    public ObjectNode apply(ObjectNode item) {
        ObjectNode out = Json.object();
        for (Map.Entry<Object, Node> e : root.children.entrySet()) {
            JsonNode v = item.get((String) e.getKey());
            JsonNode projected = v == null ? null : e.getValue().project(v);
            if (projected != null) {
                out.set((String) e.getKey(), projected);
            }
        }
        return out;
    }

    /** One step of the projected paths: either the whole value, or some of its members. */
    private static final class Node {
        // names sort before indexes; within a list, ascending index keeps element order
        private final Map<Object, Node> children = new TreeMap<>((a, b) -> {
            if (a instanceof Integer x && b instanceof Integer y) {
                return Integer.compare(x, y);
            }
            if (a instanceof String x && b instanceof String y) {
                return x.compareTo(y);
            }
            return a instanceof String ? -1 : 1;
        });
        private boolean whole;

        JsonNode project(JsonNode v) {
            if (whole) {
                return v;
            }
            if (v.get("M") instanceof ObjectNode map) {
                ObjectNode out = Json.object();
                ObjectNode members = out.putObject("M");
                for (Map.Entry<Object, Node> e : children.entrySet()) {
                    if (e.getKey() instanceof String name && map.get(name) != null) {
                        JsonNode p = e.getValue().project(map.get(name));
                        if (p != null) {
                            members.set(name, p);
                        }
                    }
                }
                return members.isEmpty() ? null : out;
            }
            if (v.get("L") instanceof ArrayNode list) {
                ObjectNode out = Json.object();
                ArrayNode elements = out.putArray("L");
                for (Map.Entry<Object, Node> e : children.entrySet()) {
                    if (e.getKey() instanceof Integer i && i < list.size()) {
                        JsonNode p = e.getValue().project(list.get(i));
                        if (p != null) {
                            elements.add(p);
                        }
                    }
                }
                return elements.isEmpty() ? null : out;
            }
            return null;
        }
    }
}
