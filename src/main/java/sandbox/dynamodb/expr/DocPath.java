package sandbox.dynamodb.expr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A document path such as {@code a.b[0].c}: attribute names (String) and list indexes (Integer),
 * placeholders already replaced by the names they stand for.
 */
public record DocPath(List<Object> elements) {

    public DocPath {
        elements = List.copyOf(elements);
    }

    public static DocPath of(String topLevelName) {
        return new DocPath(List.of(topLevelName));
    }

    public String topName() {
        return (String) elements.get(0);
    }

    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** True if one path is a prefix of (or equal to) the other. */
    boolean overlaps(DocPath o) {
        int n = Math.min(elements.size(), o.elements.size());
        return elements.subList(0, n).equals(o.elements.subList(0, n));
    }

    /** As AWS prints paths in overlap errors: {@code [a, b, [0]]}. */
    String listForm() {
        return elements.stream().map(e -> e instanceof Integer i ? "[" + i + "]" : (String) e)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Object e : elements) {
            if (e instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(e);
            }
        }
        return sb.toString();
    }
}
