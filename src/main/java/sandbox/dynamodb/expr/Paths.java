package sandbox.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads document paths in items: {@code a.b[0]} walks maps by name and lists by index. */
final class Paths {

    private Paths() {
    }

    /** The value at {@code path}, or null when any step is missing or of the wrong type. */
    static JsonNode get(ObjectNode item, DocPath path) {
        JsonNode current = null;
        boolean first = true;
        for (Object e : path.elements()) {
            JsonNode container;
            if (first) {
                container = item;
                first = false;
                current = container.get((String) e);
            } else {
                if (e instanceof Integer i) {
                    container = current.get("L");
                    current = container == null ? null : container.get(i);
                } else {
                    container = current.get("M");
                    current = container == null ? null : container.get((String) e);
                }
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
