package sandbox.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed UpdateExpression: its SET, REMOVE, ADD and DELETE actions (each section at most once).
 * {@link UpdateApplier} applies it to an item.
 */
public record UpdateExpression(List<Set> sets, List<DocPath> removes, List<AddOrDelete> adds,
                               List<AddOrDelete> deletes) {

    /** {@code SET path = value}. */
    public record Set(DocPath path, Operand value) {
    }

    /** {@code ADD path :value} or {@code DELETE path :value}. */
    public record AddOrDelete(DocPath path, Operand.ValueRef value) {
    }

    /** Every path the expression writes, in the order written. */
    public List<DocPath> targets() {
        List<DocPath> out = new ArrayList<>();
        sets.forEach(s -> out.add(s.path()));
        out.addAll(removes);
        adds.forEach(a -> out.add(a.path()));
        deletes.forEach(d -> out.add(d.path()));
        return out;
    }
}
