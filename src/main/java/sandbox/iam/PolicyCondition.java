package sandbox.iam;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * One test of a statement's {@code Condition}: an operator, a context key and the policy's values (any of which
 * may match). The sandbox evaluates the string, ARN, Bool and Null operators (each also with {@code IfExists}) on
 * the keys it puts into request contexts; any other operator or key cannot be evaluated, and the statement then
 * fails closed (see {@link IdentityPolicy}).
 */
record PolicyCondition(String operatorName, Operator operator, boolean ifExists, String key, List<String> values) {

    /** The keys the sandbox sets where they apply (global ones on every request, s3:* on ListObjects). */
    static final Set<String> KNOWN_KEYS = Set.of("aws:securetransport", "aws:requestedregion", "aws:principalaccount",
            "aws:principalarn", "aws:principaltype", "aws:username", "aws:sourcearn", "aws:sourceaccount",
            "s3:prefix", "s3:delimiter", "s3:max-keys");

    static PolicyCondition of(String operatorName, String key, List<String> values) {
        String base = operatorName;
        boolean ifExists = false;
        if (base.endsWith("IfExists") && !base.equals("NullIfExists")) {
            base = base.substring(0, base.length() - "IfExists".length());
            ifExists = true;
        }
        return new PolicyCondition(operatorName, Operator.named(base).orElse(null), ifExists, key, List.copyOf(values));
    }

    /** Why the sandbox cannot evaluate this test, or empty when it can. */
    Optional<String> unevaluable() {
        if (operator == null) {
            return Optional.of("condition operator " + operatorName + " is not evaluated by the sandbox");
        }
        if (!KNOWN_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
            return Optional.of("condition key " + key + " is not evaluated by the sandbox");
        }
        return Optional.empty();
    }

    /** Whether the request satisfies this test; call only when {@link #unevaluable()} is empty. */
    boolean test(AccessRequest request) {
        String actual = request.key(key);
        if (operator == Operator.NULL) {
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == (actual == null));
        }
        if (actual == null) {
            // AWS: an absent key fails a matching operator and satisfies a negated one; IfExists lets it pass
            return ifExists || operator.negated;
        }
        boolean any = values.stream().anyMatch(v -> operator.match.test(v, actual));
        return operator.negated != any;
    }

    /** The operators the sandbox evaluates; {@code match} compares a policy value with the request's. */
    enum Operator {
        STRING_EQUALS("StringEquals", false, String::equals),
        STRING_NOT_EQUALS("StringNotEquals", true, String::equals),
        STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, String::equalsIgnoreCase),
        STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, String::equalsIgnoreCase),
        STRING_LIKE("StringLike", false, (p, v) -> Wildcard.matches(p, v, false)),
        STRING_NOT_LIKE("StringNotLike", true, (p, v) -> Wildcard.matches(p, v, false)),
        ARN_EQUALS("ArnEquals", false, Operator::arnMatches),
        ARN_LIKE("ArnLike", false, Operator::arnMatches),
        ARN_NOT_EQUALS("ArnNotEquals", true, Operator::arnMatches),
        ARN_NOT_LIKE("ArnNotLike", true, Operator::arnMatches),
        BOOL("Bool", false, String::equalsIgnoreCase),
        NULL("Null", false, String::equals);

        final String policyName;
        final boolean negated;
        final BiPredicate<String, String> match;

        Operator(String policyName, boolean negated, BiPredicate<String, String> match) {
            this.policyName = policyName;
            this.negated = negated;
            this.match = match;
        }

        static Optional<Operator> named(String name) {
            for (Operator o : values()) {
                if (o.policyName.equals(name)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }

        /** AWS's ARN operators (Equals and Like alike) match each of the six colon-separated parts on its own. */
        private static boolean arnMatches(String pattern, String arn) {
            String[] p = pattern.split(":", 6);
            String[] a = arn.split(":", 6);
            if (p.length != 6 || a.length != 6) {
                return false;
            }
            for (int i = 0; i < 6; i++) {
                if (!Wildcard.matches(p[i], a[i], false)) {
                    return false;
                }
            }
            return true;
        }
    }
}
