package sandbox.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sandbox.dynamodb.expr.ExpressionTestSupport.attrs;
import static sandbox.dynamodb.expr.ExpressionTestSupport.matches;

import org.junit.jupiter.api.Test;
import sandbox.dynamodb.DynamoException;

/**
 * Expressions that nest or chain far beyond any real one are refused with AWS's errors (at most 300 operators and
 * functions; redundant parentheses) before the recursive-descent parser could exhaust its thread's stack.
 */
class ExpressionLimitsTest {

    private static final String A = "{':a':{'N':'1'}}";

    private static void refused(String kind, String expression, String message) {
        assertThatThrownBy(() -> {
            if (kind.equals("UpdateExpression")) {
                ExpressionParser.update(expression, attrs(null, A));
            } else {
                ExpressionParser.condition(expression, kind, attrs(null, A));
            }
        }).isInstanceOf(DynamoException.class).hasMessage("Invalid " + kind + ": " + message);
    }

    @Test
    void twoThousandNestedParenthesesAreRedundantParenthesesNotAStackOverflow() {
        String around = "(".repeat(2000) + "a = :a" + ")".repeat(2000);
        for (String kind : new String[] {"ConditionExpression", "FilterExpression", "KeyConditionExpression"}) {
            refused(kind, around, "The expression has redundant parentheses;");
        }
        refused("ConditionExpression", "a = " + "(".repeat(2000) + ":a" + ")".repeat(2000),
                "The expression has redundant parentheses;");
        refused("ConditionExpression", "begins_with(" + "(".repeat(1000) + "a" + ")".repeat(1000) + ", :a)",
                "The expression has redundant parentheses;");
    }

    @Test
    void deepParenthesesThatAreNotRedundantNeedMoreThan300Operators() {
        // ((((a = :a) AND a = :a) AND a = :a) ...): every group holds an AND and a comparison
        String leftDeep = "(".repeat(330) + "a = :a" + ") AND a=:a".repeat(330);
        refused("FilterExpression", leftDeep, "The expression contains too many operators; operator count: 661");
        String rightDeep = "a=:a AND (".repeat(330) + "a=:a" + ")".repeat(330);
        refused("FilterExpression", rightDeep, "The expression contains too many operators; operator count: 661");
    }

    @Test
    void theSandboxStopsAtFiftyNestedGroupsWhereAwsWouldGoOnToThreeHundred() {
        String fifty = "(".repeat(50) + "a = :a" + ") AND a=:a".repeat(50);
        assertThat(matches(fifty, A, "{'a':{'N':'1'}}")).isTrue();
        refused("ConditionExpression", "(".repeat(51) + "a = :a" + ") AND a=:a".repeat(51),
                "The expression is nested too deeply for the sandbox; nesting: 51, at most 50");
        refused("UpdateExpression", "SET l = " + "list_append(".repeat(51) + "l, :a" + ")".repeat(51),
                "The expression is nested too deeply for the sandbox; nesting: 51, at most 50");
    }

    @Test
    void atMost300OperatorsAndFunctionsPerExpression() {
        String ors = String.join(" OR ", java.util.Collections.nCopies(150, "a = :a"));
        assertThat(matches(ors, A, "{'a':{'N':'1'}}")).isTrue();
        refused("ConditionExpression", ors + " OR a = :a", "The expression contains too many operators; "
                + "operator count: 301");
        refused("ConditionExpression", "NOT ".repeat(1000) + "a = :a", "The expression contains too many operators; "
                + "operator count: 301");
        refused("ConditionExpression", "size(a) > :a OR ".repeat(100) + "contains(a, :a)",
                "The expression contains too many operators; operator count: 301");
        StringBuilder sets = new StringBuilder("SET a0=:a+:a");
        for (int i = 1; i < 301; i++) {
            sets.append(",a").append(i).append("=:a+:a");
        }
        refused("UpdateExpression", sets.toString(), "The expression contains too many operators; operator count: 301");
    }
}
