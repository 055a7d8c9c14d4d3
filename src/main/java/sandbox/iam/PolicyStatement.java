package sandbox.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One statement of an identity policy. {@code actions} and {@code resources} are the patterns of {@code Action} or
 * {@code NotAction} ({@code notAction} says which) and of {@code Resource} or {@code NotResource}.
 */
record PolicyStatement(String sid, boolean allow, List<String> actions, boolean notAction, List<String> resources,
                       boolean notResource, List<PolicyCondition> conditions) {

    /** Whether the statement speaks to this request: empty when a condition cannot be evaluated. */
    Optional<Boolean> covers(AccessRequest request) {
        if (!coversAction(request.action()) || !coversResource(request.resource())) {
            return Optional.of(false);
        }
        if (!unevaluated().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(conditions.stream().allMatch(c -> c.test(request)));
    }

    /** Why conditions of this statement cannot be evaluated (empty: all can). */
    List<String> unevaluated() {
        List<String> out = new ArrayList<>();
        conditions.forEach(c -> c.unevaluable().ifPresent(out::add));
        return out;
    }

    /** The name logs use: the Sid, or the statement's position. */
    String name(int index) {
        return sid == null ? "statement " + (index + 1) : "statement " + sid;
    }

    private boolean coversAction(String action) {
        // action names and service prefixes are case-insensitive
        boolean listed = actions.stream().anyMatch(a -> Wildcard.matches(a, action, true));
        return listed != notAction;
    }

    private boolean coversResource(String resource) {
        boolean listed = resources.stream().anyMatch(r -> Wildcard.matches(r, resource, false));
        return listed != notResource;
    }
}
