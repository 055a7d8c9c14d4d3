package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sandbox.dynamodb.expr.Condition;
import sandbox.dynamodb.expr.DocPath;
import sandbox.dynamodb.expr.Operand;
import sandbox.dynamodb.expr.UpdateExpression;

/**
 * The pre-expression API (Expected, QueryFilter, ScanFilter, KeyConditions' operators, AttributeUpdates),
 * translated into the same conditions and update actions the expressions parse into. Camel's aws2-ddb
 * PutItem sends {@code Expected}.
 */
final class LegacyParameters {

    private LegacyParameters() {
    }

    /** Refuses a request that mixes legacy and expression parameters, with AWS's message. */
    static void refuseMix(Params p, List<String> legacy, List<String> expressions) {
        List<String> l = legacy.stream().filter(p::has).toList();
        List<String> e = expressions.stream().filter(p::has).toList();
        if (!l.isEmpty() && !e.isEmpty()) {
            throw DynamoException.validation("Can not use both expression and non-expression parameters in the same "
                    + "request: Non-expression parameters: {" + String.join(", ", l) + "} Expression parameters: {"
                    + String.join(", ", e) + "}");
        }
    }

    /** {@code Expected} with {@code ConditionalOperator}; null when there is no condition. */
    static Condition expected(JsonNode expected, String conditionalOperator) {
        if (expected == null || expected.isEmpty()) {
            if (conditionalOperator != null) {
                throw DynamoException.validation("ConditionalOperator can only be used when Filter or Expected "
                        + "conditions have been specified");
            }
            return null;
        }
        List<Condition> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : expected.properties()) {
            parts.add(expectedOne(e.getKey(), e.getValue()));
        }
        return combine(parts, conditionalOperator);
    }

    private static Condition expectedOne(String attr, JsonNode c) {
        boolean hasOp = c.hasNonNull("ComparisonOperator");
        boolean hasList = c.hasNonNull("AttributeValueList");
        boolean hasValue = c.hasNonNull("Value");
        if (hasOp) {
            if (c.hasNonNull("Exists")) {
                throw invalid("Exists and ComparisonOperator cannot be used together for Attribute: " + attr);
            }
            if (hasList && hasValue) {
                throw invalid("Value and AttributeValueList cannot be used together for Attribute: " + attr);
            }
            List<ObjectNode> values = new ArrayList<>();
            if (hasList) {
                c.get("AttributeValueList").forEach(v -> values.add(AttributeValues.value(v)));
            } else if (hasValue) {
                values.add(AttributeValues.value(c.get("Value")));
            }
            return comparison(attr, c.get("ComparisonOperator").asText(), values);
        }
        if (hasList) {
            throw invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: " + attr);
        }
        Boolean exists = c.hasNonNull("Exists") ? c.get("Exists").asBoolean() : null;
        if (exists == null || exists) {
            if (!hasValue) {
                throw invalid("Value must be provided when Exists is " + (exists == null ? "null" : "true")
                        + " for Attribute: " + attr);
            }
            return new Condition.Compare("=", path(attr), value(AttributeValues.value(c.get("Value"))));
        }
        if (hasValue) {
            throw invalid("Value cannot be used when Exists is false for Attribute: " + attr);
        }
        return new Condition.Exists(DocPath.of(attr), false);
    }

    /** QueryFilter / ScanFilter: attribute name to {ComparisonOperator, AttributeValueList}. */
    static Condition filter(JsonNode filter, String conditionalOperator) {
        if (filter == null || filter.isEmpty()) {
            return null;
        }
        List<Condition> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : filter.properties()) {
            parts.add(comparison(e.getKey(), e.getValue().path("ComparisonOperator").asText(),
                    values(e.getValue().get("AttributeValueList"))));
        }
        return combine(parts, conditionalOperator);
    }

    static List<ObjectNode> values(JsonNode list) {
        List<ObjectNode> values = new ArrayList<>();
        if (list != null) {
            list.forEach(v -> values.add(AttributeValues.value(v)));
        }
        return values;
    }

    private static Condition combine(List<Condition> parts, String conditionalOperator) {
        boolean or = "OR".equals(conditionalOperator);
        if (conditionalOperator != null && !or && !"AND".equals(conditionalOperator)) {
            throw Params.constraint("'" + conditionalOperator + "'", "conditionalOperator",
                    "Member must satisfy enum value set: [AND, OR]");
        }
        return balanced(parts, 0, parts.size(), or);
    }

    /** Conditions joined as a balanced tree: thousands of Expected entries must not nest thousands deep. */
    private static Condition balanced(List<Condition> parts, int from, int to, boolean or) {
        if (to - from == 1) {
            return parts.get(from);
        }
        int mid = (from + to) >>> 1;
        Condition left = balanced(parts, from, mid, or);
        Condition right = balanced(parts, mid, to, or);
        return or ? new Condition.Or(left, right) : new Condition.And(left, right);
    }

    /** One legacy ComparisonOperator on a top-level attribute, checked as AWS checks it. */
    static Condition comparison(String attr, String op, List<ObjectNode> values) {
        int n = values.size();
        boolean countOk = switch (op) {
            case "EQ", "NE", "LE", "LT", "GE", "GT", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH" -> n == 1;
            case "NULL", "NOT_NULL" -> n == 0;
            case "IN" -> n > 0;
            case "BETWEEN" -> n == 2;
            default -> throw Params.constraint("'" + op + "'", "comparisonOperator", "Member must satisfy enum value set: "
                    + "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
        };
        if (!countOk) {
            throw invalid("Invalid number of argument(s) for the " + op + " ComparisonOperator");
        }
        for (ObjectNode v : values) {
            String type = AttributeValues.type(v);
            boolean typeOk = switch (op) {
                case "LE", "LT", "GE", "GT", "BETWEEN", "IN" -> AttributeValues.isOrdered(v);
                case "BEGINS_WITH" -> type.equals("S") || type.equals("B");
                case "CONTAINS", "NOT_CONTAINS" -> AttributeValues.isOrdered(v);
                default -> true;
            };
            if (!typeOk) {
                throw invalid("ComparisonOperator " + op + " is not valid for " + type + " AttributeValue type");
            }
        }
        if (op.equals("BETWEEN") && AttributeValues.type(values.get(0)).equals(AttributeValues.type(values.get(1)))
                && AttributeValues.compare(values.get(0), values.get(1)) > 0) {
            throw DynamoException.validation("The BETWEEN condition was provided a range where the lower bound is "
                    + "greater than the upper bound");
        }
        Operand path = path(attr);
        return switch (op) {
            case "EQ" -> new Condition.Compare("=", path, value(values.get(0)));
            case "NE" -> new Condition.Compare("<>", path, value(values.get(0)));
            case "LE" -> new Condition.Compare("<=", path, value(values.get(0)));
            case "LT" -> new Condition.Compare("<", path, value(values.get(0)));
            case "GE" -> new Condition.Compare(">=", path, value(values.get(0)));
            case "GT" -> new Condition.Compare(">", path, value(values.get(0)));
            case "NOT_NULL" -> new Condition.Exists(DocPath.of(attr), true);
            case "NULL" -> new Condition.Exists(DocPath.of(attr), false);
            case "CONTAINS" -> new Condition.Contains(path, value(values.get(0)));
            case "NOT_CONTAINS" -> new Condition.And(new Condition.Exists(DocPath.of(attr), true),
                    new Condition.Not(new Condition.Contains(path, value(values.get(0)))));
            case "BEGINS_WITH" -> new Condition.BeginsWith(path, value(values.get(0)));
            case "IN" -> new Condition.In(path, values.stream().map(LegacyParameters::value).map(v -> (Operand) v).toList());
            default -> new Condition.Between(path, value(values.get(0)), value(values.get(1)));
        };
    }

    /** AttributeUpdates: attribute name to {Action: PUT|ADD|DELETE, Value}. */
    static UpdateExpression attributeUpdates(JsonNode updates, TableSchema schema) {
        List<UpdateExpression.Set> sets = new ArrayList<>();
        List<DocPath> removes = new ArrayList<>();
        List<UpdateExpression.AddOrDelete> adds = new ArrayList<>();
        List<UpdateExpression.AddOrDelete> deletes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : updates.properties()) {
            String attr = e.getKey();
            if (schema.isKeyAttribute(attr)) {
                throw invalid("Cannot update attribute " + attr + ". This attribute is part of the key");
            }
            String action = e.getValue().hasNonNull("Action") ? e.getValue().get("Action").asText() : "PUT";
            ObjectNode v = e.getValue().hasNonNull("Value") ? AttributeValues.value(e.getValue().get("Value")) : null;
            switch (action) {
                case "PUT" -> {
                    if (v == null) {
                        throw invalid("Only DELETE action is allowed when no attribute value is specified");
                    }
                    sets.add(new UpdateExpression.Set(DocPath.of(attr), value(v)));
                }
                case "DELETE" -> {
                    if (v == null) {
                        removes.add(DocPath.of(attr));
                    } else if (List.of("SS", "NS", "BS").contains(AttributeValues.type(v))) {
                        deletes.add(new UpdateExpression.AddOrDelete(DocPath.of(attr), value(v)));
                    } else {
                        throw invalid("DELETE action with value is not supported for the type " + AttributeValues.type(v));
                    }
                }
                case "ADD" -> {
                    if (v == null) {
                        throw invalid("Only DELETE action is allowed when no attribute value is specified");
                    }
                    if (!List.of("N", "SS", "NS", "BS").contains(AttributeValues.type(v))) {
                        throw invalid("ADD action is not supported for the type " + AttributeValues.type(v));
                    }
                    adds.add(new UpdateExpression.AddOrDelete(DocPath.of(attr), value(v)));
                }
                default -> throw Params.constraint("'" + action + "'", "attributeUpdates." + attr + ".member.action",
                        "Member must satisfy enum value set: [ADD, PUT, DELETE]");
            }
        }
        return new UpdateExpression(sets, removes, adds, deletes);
    }

    private static Operand path(String attr) {
        return new Operand.PathRef(DocPath.of(attr));
    }

    private static Operand.ValueRef value(ObjectNode v) {
        return new Operand.ValueRef(":legacy", v);
    }

    private static DynamoException invalid(String detail) {
        return DynamoException.validation("One or more parameter values were invalid: " + detail);
    }
}
