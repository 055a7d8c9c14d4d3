package sandbox.dynamodb.expr;

import java.util.ArrayList;
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

    /** The document paths a condition reads, in the order they are written. */
    static List<DocPath> pathsOf(Condition c) {
        List<DocPath> out = new ArrayList<>();
        collect(c, out);
        return out;
    }

    private static void collect(Condition c, List<DocPath> out) {
        if (c instanceof Compare x) {
            collect(List.of(x.left(), x.right()), out);
        } else if (c instanceof Between x) {
            collect(List.of(x.value(), x.low(), x.high()), out);
        } else if (c instanceof In x) {
            collect(List.of(x.value()), out);
            collect(x.candidates(), out);
        } else if (c instanceof And x) {
            collect(x.left(), out);
            collect(x.right(), out);
        } else if (c instanceof Or x) {
            collect(x.left(), out);
            collect(x.right(), out);
        } else if (c instanceof Not x) {
            collect(x.inner(), out);
        } else if (c instanceof Exists x) {
            out.add(x.path());
        } else if (c instanceof AttributeType x) {
            out.add(x.path());
            collect(List.of(x.type()), out);
        } else if (c instanceof BeginsWith x) {
            collect(List.of(x.value(), x.prefix()), out);
        } else if (c instanceof Contains x) {
            collect(List.of(x.container(), x.member()), out);
        }
    }

    private static void collect(List<Operand> operands, List<DocPath> out) {
        for (Operand o : operands) {
            if (o instanceof Operand.PathRef p) {
                out.add(p.path());
            } else if (o instanceof Operand.Size s) {
                out.add(s.path());
            }
        }
    }
}
