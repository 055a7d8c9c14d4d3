package sandbox.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import sandbox.core.SandboxRequest;
import sandbox.dynamodb.AttributeValues;
import sandbox.dynamodb.partiql.PartiqlParser;
import sandbox.dynamodb.partiql.Statement;

/**
 * DynamoDB's actions, each on {@code arn:aws:dynamodb:<region>:<account>:table/<name>} (an index's ARN for a Query
 * or Scan of one): one action per operation; ListTables on {@code *}; BatchWriteItem and BatchGetItem their own
 * action on each table they touch; a transaction each member's own action (ConditionCheckItem, PutItem, UpdateItem,
 * DeleteItem; GetItem); PartiQL each statement's type ({@code dynamodb:PartiQLInsert|Update|Delete|Select}) on its
 * table.
 */
final class DynamoDbActions implements ServiceActions {

    /** DynamoDB requests are at most 16 MB. */
    private static final int BODY_LIMIT = 16 * 1024 * 1024;
    private static final Map<String, String> TRANSACT_WRITE_ACTIONS = Map.of("ConditionCheck",
            "dynamodb:ConditionCheckItem", "Put", "dynamodb:PutItem", "Update", "dynamodb:UpdateItem", "Delete",
            "dynamodb:DeleteItem");

    private final Arns arns;

    DynamoDbActions(Arns arns) {
        this.arns = arns;
    }

    @Override
    public List<AccessRequest> of(String operation, SandboxRequest request) {
        JsonNode body = ServiceActions.jsonBody(request, BODY_LIMIT);
        if (body == null) {
            return List.of(); // SerializationException from the service
        }
        List<AccessRequest> out = new ArrayList<>();
        switch (operation) {
            case "ListTables" -> out.add(AccessRequest.of("dynamodb:ListTables", "*"));
            case "BatchWriteItem", "BatchGetItem" -> body.path("RequestItems").fieldNames().forEachRemaining(table ->
                    out.add(AccessRequest.of("dynamodb:" + operation, arns.table(table))));
            case "TransactWriteItems" -> body.path("TransactItems").forEach(member -> member.fields()
                    .forEachRemaining(e -> {
                        String action = TRANSACT_WRITE_ACTIONS.get(e.getKey());
                        String table = e.getValue().path("TableName").asText("");
                        if (action != null && !table.isEmpty()) {
                            out.add(AccessRequest.of(action, arns.table(table)));
                        }
                    }));
            case "TransactGetItems" -> body.path("TransactItems").forEach(member -> {
                String table = member.path("Get").path("TableName").asText("");
                if (!table.isEmpty()) {
                    out.add(AccessRequest.of("dynamodb:GetItem", arns.table(table)));
                }
            });
            case "ExecuteStatement" -> statement(body).ifPresent(out::add);
            case "BatchExecuteStatement" -> body.path("Statements").forEach(s -> statement(s).ifPresent(out::add));
            case "ExecuteTransaction" -> body.path("TransactStatements").forEach(s -> statement(s).ifPresent(out::add));
            default -> {
                String table = body.path("TableName").asText("");
                if (!table.isEmpty()) {
                    String index = body.path("IndexName").asText("");
                    out.add(AccessRequest.of("dynamodb:" + operation,
                            arns.table(table) + (index.isEmpty() ? "" : "/index/" + index)));
                } else if (body.hasNonNull("ResourceArn")) {
                    out.add(AccessRequest.of("dynamodb:" + operation, body.get("ResourceArn").asText()));
                }
            }
        }
        return out;
    }

    /**
     * A PartiQL statement's action on its table, parsed as the service parses it; empty for a statement the
     * service will refuse as malformed (it then runs nothing).
     */
    private Optional<AccessRequest> statement(JsonNode member) {
        try {
            List<ObjectNode> parameters = new ArrayList<>();
            member.path("Parameters").forEach(v -> parameters.add(AttributeValues.value(v)));
            Statement s = PartiqlParser.parse(member.path("Statement").asText(""), parameters);
            String type = s instanceof Statement.Insert ? "Insert" : s instanceof Statement.Update ? "Update"
                    : s instanceof Statement.Delete ? "Delete" : "Select";
            return Optional.of(AccessRequest.of("dynamodb:PartiQL" + type, arns.table(s.table())));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
