package sandbox.dynamodb.expr;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Something that evaluates to an attribute value (or to nothing, for a missing attribute). */
public sealed interface Operand {

    /** A document path in the item. */
    record PathRef(DocPath path) implements Operand {
    }

    /** An {@code :value} placeholder, with the value it stands for. */
    record ValueRef(String name, ObjectNode value) implements Operand {
    }

    /** {@code size(path)}. */
    record Size(DocPath path) implements Operand {
    }

    /** {@code if_not_exists(path, operand)} (UpdateExpression SET only). */
    record IfNotExists(DocPath path, Operand fallback) implements Operand {
    }

    /** {@code list_append(a, b)} (UpdateExpression SET only). */
    record ListAppend(Operand first, Operand second) implements Operand {
    }

    /** {@code a + b} or {@code a - b} (UpdateExpression SET only). */
    record Arithmetic(Operand left, boolean minus, Operand right) implements Operand {
    }
}
