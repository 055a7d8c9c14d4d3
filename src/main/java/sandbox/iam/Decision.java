package sandbox.iam;

import java.util.List;

/**
 * What the identity policy says about one {@link AccessRequest}: AWS's order is an explicit Deny first, then an
 * Allow, else the implicit deny. {@code unevaluated} names the conditions the sandbox could not evaluate (each
 * made its statement fail closed), for the log line.
 */
record Decision(Outcome outcome, List<String> unevaluated) {

    enum Outcome { ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY }

    boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
