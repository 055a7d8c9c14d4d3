package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import sandbox.dynamodb.expr.Condition;
import sandbox.dynamodb.expr.Operand;

/**
 * A Query's key condition, reduced to what it selects: one partition, and optionally a sort key range
 * ({@code = < <= > >= BETWEEN begins_with}). Built from a KeyConditionExpression or legacy KeyConditions.
 *
 * @param rangeOp null when the whole partition is selected
 */
record KeyCondition(KeyPart hash, String rangeOp, KeyPart first, KeyPart second) {

    /** One condition on one key attribute. */
    private record Part(String attr, String op, List<JsonNode> values) {
    }

    static KeyCondition fromExpression(Condition c, TableSchema schema) {
        List<Condition> flat = new ArrayList<>();
        flatten(c, flat);
        if (flat.size() > 2) {
            throw DynamoException.validation("Conditions can be of length 1 or 2 only");
        }
        List<Part> parts = new ArrayList<>();
        for (Condition one : flat) {
            parts.add(part(one));
        }
        return build(parts, schema);
    }

    static KeyCondition fromLegacy(JsonNode keyConditions, TableSchema schema) {
        if (keyConditions.size() > 2) {
            throw DynamoException.validation("Conditions can be of length 1 or 2 only");
        }
        List<Part> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : keyConditions.properties()) {
            String op = e.getValue().path("ComparisonOperator").asText();
            List<ObjectNode> values = LegacyParameters.values(e.getValue().get("AttributeValueList"));
            LegacyParameters.comparison(e.getKey(), op, values);
            String mapped = switch (op) {
                case "EQ" -> "=";
                case "LT" -> "<";
                case "LE" -> "<=";
                case "GT" -> ">";
                case "GE" -> ">=";
                case "BETWEEN" -> "BETWEEN";
                case "BEGINS_WITH" -> "begins_with";
                default -> throw DynamoException.validation("One or more parameter values were invalid: Attempted "
                        + "conditional constraint is not an indexable operation");
            };
            parts.add(new Part(e.getKey(), mapped, new ArrayList<>(values)));
        }
        return build(parts, schema);
    }

    private static void flatten(Condition c, List<Condition> out) {
        if (c instanceof Condition.And a) {
            flatten(a.left(), out);
            flatten(a.right(), out);
        } else if (c instanceof Condition.Or) {
            throw invalidOperator("OR");
        } else if (c instanceof Condition.Not) {
            throw invalidOperator("NOT");
        } else {
            out.add(c);
        }
    }

    private static DynamoException invalidOperator(String op) {
        return DynamoException.validation("Invalid operator used in KeyConditionExpression: " + op);
    }

    private static Part part(Condition c) {
        if (c instanceof Condition.Compare cmp) {
            if (cmp.op().equals("<>")) {
                throw invalidOperator("<>");
            }
            Operand l = cmp.left();
            Operand r = cmp.right();
            if (l instanceof Operand.PathRef && r instanceof Operand.PathRef) {
                throw DynamoException.validation(
                        "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
            }
            if (r instanceof Operand.PathRef) {
                return new Part(attr(r), flip(cmp.op()), List.of(value(l)));
            }
            return new Part(attr(l), cmp.op(), List.of(value(r)));
        }
        if (c instanceof Condition.Between b) {
            requireKeyFirst(b.value(), "BETWEEN");
            return new Part(attr(b.value()), "BETWEEN", List.of(value(b.low()), value(b.high())));
        }
        if (c instanceof Condition.BeginsWith bw) {
            requireKeyFirst(bw.value(), "begins_with");
            return new Part(attr(bw.value()), "begins_with", List.of(value(bw.prefix())));
        }
        if (c instanceof Condition.In) {
            throw invalidOperator("IN");
        }
        if (c instanceof Condition.Exists e) {
            throw invalidOperator(e.exists() ? "attribute_exists" : "attribute_not_exists");
        }
        if (c instanceof Condition.AttributeType) {
            throw invalidOperator("attribute_type");
        }
        throw invalidOperator("contains");
    }

    private static void requireKeyFirst(Operand first, String operator) {
        if (first instanceof Operand.ValueRef) {
            throw DynamoException.validation("Invalid condition in KeyConditionExpression: " + operator
                    + " operator must have the key attribute as its first operand");
        }
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    private static String attr(Operand o) {
        if (o instanceof Operand.PathRef p) {
            if (!p.path().isTopLevel()) {
                throw DynamoException.validation("KeyConditionExpressions cannot have conditions on nested attributes");
            }
            return p.path().topName();
        }
        if (o instanceof Operand.Size) {
            throw DynamoException.validation("KeyConditionExpressions cannot contain nested operations");
        }
        throw DynamoException.validation("Invalid condition in KeyConditionExpression: No key attribute specified");
    }

    private static JsonNode value(Operand o) {
        if (o instanceof Operand.ValueRef v) {
            return v.value();
        }
        if (o instanceof Operand.Size) {
            throw DynamoException.validation("KeyConditionExpressions cannot contain nested operations");
        }
        throw DynamoException.validation(
                "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
    }

    private static KeyCondition build(List<Part> parts, TableSchema schema) {
        Map<String, Part> byAttr = new LinkedHashMap<>();
        for (Part p : parts) {
            if (byAttr.put(p.attr(), p) != null) {
                throw DynamoException.validation("KeyConditionExpressions must only contain one condition per key");
            }
        }
        Part hash = byAttr.get(schema.hashName());
        if (hash == null) {
            throw DynamoException.validation("Query condition missed key schema element: " + schema.hashName());
        }
        if (!hash.op().equals("=")) {
            throw DynamoException.validation("Query key condition not supported");
        }
        Part range = null;
        for (Part p : parts) {
            if (p != hash) {
                if (!p.attr().equals(schema.rangeName())) {
                    throw DynamoException.validation(schema.hasRange()
                            ? "Query condition missed key schema element: " + schema.rangeName()
                            : "Query key condition not supported");
                }
                range = p;
            }
        }
        KeyPart h = keyPart(hash.values().get(0), schema.hashType());
        if (range == null) {
            return new KeyCondition(h, null, null, null);
        }
        KeyPart first = keyPart(range.values().get(0), schema.rangeType());
        KeyPart second = range.values().size() > 1 ? keyPart(range.values().get(1), schema.rangeType()) : null;
        if (range.op().equals("begins_with") && schema.rangeType().equals("N")) {
            throw DynamoException.validation("Query key condition not supported");
        }
        return new KeyCondition(h, range.op(), first, second);
    }

    private static KeyPart keyPart(JsonNode v, String type) {
        if (!AttributeValues.type(v).equals(type)) {
            throw DynamoException.validation(
                    "One or more parameter values were invalid: Condition parameter type does not match schema type");
        }
        return new KeyPart(v);
    }

    /** The selected items, in ascending key order; {@code begins_with} needs {@link #accepts} as well. */
    NavigableMap<ItemKey, StoredItem> select(NavigableMap<ItemKey, StoredItem> items) {
        ItemKey low = new ItemKey(hash, null);
        ItemKey high = new ItemKey(hash, KeyPart.TOP);
        boolean lowIn = true;
        boolean highIn = true;
        if (rangeOp != null) {
            switch (rangeOp) {
                case "=" -> {
                    low = new ItemKey(hash, first);
                    high = low;
                }
                case "<" -> {
                    high = new ItemKey(hash, first);
                    highIn = false;
                }
                case "<=" -> high = new ItemKey(hash, first);
                case ">" -> {
                    low = new ItemKey(hash, first);
                    lowIn = false;
                }
                case ">=", "begins_with" -> low = new ItemKey(hash, first);
                default -> {
                    low = new ItemKey(hash, first);
                    high = new ItemKey(hash, second);
                }
            }
        }
        if (low.compareTo(high) > 0) {
            return Collections.emptyNavigableMap();
        }
        return items.subMap(low, lowIn, high, highIn);
    }

    /** Refuses an ExclusiveStartKey this query could never have returned as its LastEvaluatedKey, as AWS does. */
    void checkStart(ItemKey start) {
        if (!start.hash().equals(hash)) {
            throw DynamoException.validation(
                    "The provided starting key is outside query boundaries based on provided conditions");
        }
        if ("=".equals(rangeOp)) {
            throw DynamoException.validation("The query can return at most one row and cannot be restarted");
        }
        if (rangeOp != null && !rangeAccepts(start.range())) {
            throw DynamoException.validation("The provided starting key does not match the range key predicate");
        }
    }

    private boolean rangeAccepts(KeyPart r) {
        return switch (rangeOp) {
            case "<" -> r.compareTo(first) < 0;
            case "<=" -> r.compareTo(first) <= 0;
            case ">" -> r.compareTo(first) > 0;
            case ">=" -> r.compareTo(first) >= 0;
            case "begins_with" -> r.startsWith(first);
            default -> r.compareTo(first) >= 0 && r.compareTo(second) <= 0;
        };
    }

    boolean accepts(ItemKey key) {
        return !"begins_with".equals(rangeOp) || key.range().startsWith(first);
    }
}
