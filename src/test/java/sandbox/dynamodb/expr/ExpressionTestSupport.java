package sandbox.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sandbox.core.Json;
import sandbox.dynamodb.AttributeValues;

/** Shortcuts for expression tests: items and placeholder maps written as JSON text. */
final class ExpressionTestSupport {

    private ExpressionTestSupport() {
    }

    static ObjectNode item(String json) {
        return AttributeValues.item(Json.parse(json.replace('\'', '"')));
    }

    static JsonNode json(String json) {
        return json == null ? null : Json.parse(json.replace('\'', '"'));
    }

    static ExpressionAttributes attrs(String names, String values) {
        return ExpressionAttributes.of(json(names), json(values), true);
    }

    static boolean matches(String expression, String names, String values, String item) {
        ExpressionAttributes a = attrs(names, values);
        Condition c = ExpressionParser.condition(expression, "ConditionExpression", a);
        a.checkAllUsed();
        return Evaluator.matches(c, item == null ? null : item(item));
    }

    static boolean matches(String expression, String values, String item) {
        return matches(expression, null, values, item);
    }

    static ObjectNode update(String expression, String names, String values, String item) {
        ExpressionAttributes a = attrs(names, values);
        UpdateExpression u = ExpressionParser.update(expression, a);
        a.checkAllUsed();
        return UpdateApplier.apply(u, item(item));
    }
}
