package sandbox.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import sandbox.dynamodb.AttributeValues;
import sandbox.dynamodb.DynamoException;

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, validated, with a record of which
 * ones the request's expressions used (AWS refuses unused ones).
 */
public final class ExpressionAttributes {

    private final Map<String, String> names;
    private final Map<String, ObjectNode> values;
    private final Set<String> usedNames = Collections.synchronizedSet(new HashSet<>());
    private final Set<String> usedValues = Collections.synchronizedSet(new HashSet<>());

    private ExpressionAttributes(Map<String, String> names, Map<String, ObjectNode> values) {
        this.names = names;
        this.values = values;
    }

    public static ExpressionAttributes none() {
        return new ExpressionAttributes(Map.of(), Map.of());
    }

    /**
     * Validates the two maps of a request ({@code null} when absent).
     *
     * @param anyExpression whether the request has any expression parameter that could use them
     */
    public static ExpressionAttributes of(JsonNode namesJson, JsonNode valuesJson, boolean anyExpression) {
        boolean hasNames = namesJson != null && !namesJson.isNull();
        boolean hasValues = valuesJson != null && !valuesJson.isNull();
        if (hasValues && !anyExpression) {
            throw DynamoException.validation("ExpressionAttributeValues can only be specified when using expressions");
        }
        if (hasNames && !anyExpression) {
            throw DynamoException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        Map<String, String> names = new LinkedHashMap<>();
        if (hasNames) {
            if (namesJson.isEmpty()) {
                throw DynamoException.validation("ExpressionAttributeNames must not be empty");
            }
            for (Map.Entry<String, JsonNode> e : namesJson.properties()) {
                if (!e.getKey().matches("#[A-Za-z0-9_]+")) {
                    throw DynamoException.validation(
                            "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + e.getKey() + "\"");
                }
                if (!e.getValue().isTextual() || e.getValue().textValue().isEmpty()) {
                    throw DynamoException.validation("ExpressionAttributeNames contains invalid value: "
                            + "Empty attribute name for key " + e.getKey());
                }
                names.put(e.getKey(), e.getValue().textValue());
            }
        }
        Map<String, ObjectNode> values = new LinkedHashMap<>();
        if (hasValues) {
            if (valuesJson.isEmpty()) {
                throw DynamoException.validation("ExpressionAttributeValues must not be empty");
            }
            for (Map.Entry<String, JsonNode> e : valuesJson.properties()) {
                if (!e.getKey().matches(":[A-Za-z0-9_]+")) {
                    throw DynamoException.validation(
                            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + e.getKey() + "\"");
                }
                try {
                    values.put(e.getKey(), AttributeValues.value(e.getValue()));
                } catch (DynamoException bad) {
                    throw DynamoException.validation("ExpressionAttributeValues contains invalid value: "
                            + bad.getMessage() + " for key " + e.getKey());
                }
            }
        }
        return new ExpressionAttributes(names, values);
    }

    /** The attribute name a {@code #name} stands for, or null when undefined. */
    String name(String ref) {
        String n = names.get(ref);
        if (n != null) {
            usedNames.add(ref);
        }
        return n;
    }

    /** The value a {@code :value} stands for, or null when undefined. */
    ObjectNode value(String ref) {
        ObjectNode v = values.get(ref);
        if (v != null) {
            usedValues.add(ref);
        }
        return v;
    }

    /** Fails as AWS does when a name or value was provided but no expression used it. */
    public void checkAllUsed() {
        String unusedNames = names.keySet().stream().filter(k -> !usedNames.contains(k))
                .collect(Collectors.joining(", "));
        if (!unusedNames.isEmpty()) {
            throw DynamoException.validation(
                    "Value provided in ExpressionAttributeNames unused in expressions: keys: {" + unusedNames + "}");
        }
        String unusedValues = values.keySet().stream().filter(k -> !usedValues.contains(k))
                .collect(Collectors.joining(", "));
        if (!unusedValues.isEmpty()) {
            throw DynamoException.validation(
                    "Value provided in ExpressionAttributeValues unused in expressions: keys: {" + unusedValues + "}");
        }
    }
}
