package sandbox.dynamodb.expr;

import java.util.List;

/** A parsed ConditionExpression / FilterExpression / KeyConditionExpression, or a translated legacy condition. */
public sealed interface Condition {

    /** {@code = <> < <= > >=}. */
    record Compare(String op, Operand left, Operand right) implements Condition {
    }

    record Between(Operand value, Operand low, Operand high) implements Condition {
    }

    record In(Operand value, List<Operand> candidates) implements Condition {
    }

    record And(Condition left, Condition right) implements Condition {
    }

    record Or(Condition left, Condition right) implements Condition {
    }

    record Not(Condition inner) implements Condition {
    }

    /** {@code attribute_exists(path)} when {@code exists}, else {@code attribute_not_exists(path)}. */
    record Exists(DocPath path, boolean exists) implements Condition {
    }

    record AttributeType(DocPath path, Operand type) implements Condition {
    }

    record BeginsWith(Operand value, Operand prefix) implements Condition {
    }

    record Contains(Operand container, Operand member) implements Condition {
    }

    /** Always true: the empty legacy condition. */
    record True() implements Condition {
    }
}
