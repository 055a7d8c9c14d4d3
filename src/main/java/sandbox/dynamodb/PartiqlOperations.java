package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import sandbox.core.Faults;
import sandbox.core.Json;
import sandbox.dynamodb.partiql.PartiqlParser;
import sandbox.dynamodb.partiql.Statement;

/**
 * ExecuteStatement and BatchExecuteStatement. A batch holds 1..25 statements, all reads or all writes, no
 * item twice; each statement then runs on its own and answers its own result or {@code Error} (HTTP 200).
 */
final class PartiqlOperations {

    static final int MAX_BATCH = 25;
    static final int MAX_STATEMENT_CHARS = 8192;
    /** The fault-rule operation that fails single statements of a batch (see {@link Faults#pickPart}). */
    static final String STATEMENT_FAULT = "BatchExecuteStatement.Statement";

    private final StatementExecutor executor;
    private final Faults faults;

    PartiqlOperations(StatementExecutor executor, Faults faults) {
        this.executor = executor;
        this.faults = faults;
    }

    ObjectNode executeStatement(Params p) {
        String text = statementText(p, "statement");
        List<ObjectNode> parameters = parameters(p.get("Parameters"));
        boolean returnOld = returnOldOnFailure(p);
        String capacity = Capacity.mode(p);
        p.integer("Limit", 1, Integer.MAX_VALUE);
        Statement statement = PartiqlParser.parse(text, parameters);
        StatementExecutor.Result r = executor.run(statement, p.bool("ConsistentRead"), returnOld, false);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("Items");
        if (r.item() != null) {
            items.add(r.item());
        }
        Capacity.put(out, capacity, r.table(), r.units());
        return out;
    }

    /** One member of a batch, parsed (or refused) before any member runs. */
    private record Member(Params params, Statement statement, DynamoException refused) {
    }

    ObjectNode batchExecuteStatement(Params p) {
        JsonNode statements = p.required("Statements");
        if (!statements.isArray() || statements.isEmpty()) {
            throw Params.constraint("[]", "statements", "Member must have length greater than or equal to 1");
        }
        if (statements.size() > MAX_BATCH) {
            throw Params.constraint("[" + statements.size() + " statements]", "statements",
                    "Member must have length less than or equal to " + MAX_BATCH);
        }
        String capacity = Capacity.mode(p);
        List<Member> members = new ArrayList<>();
        for (JsonNode s : statements) {
            Params sp = new Params(s);
            String text = statementText(sp, "statements.member.statement");
            returnOldOnFailure(sp);
            try {
                members.add(new Member(sp, PartiqlParser.parse(text, parameters(sp.get("Parameters"))), null));
            } catch (DynamoException refused) {
                members.add(new Member(sp, null, refused));
            }
        }
        refuseMixedOrRepeated(members);
        ObjectNode out = Json.object();
        ArrayNode responses = out.putArray("Responses");
        Map<String, Double> units = new LinkedHashMap<>();
        for (Member m : members) {
            ObjectNode response = responses.addObject();
            if (m.refused() != null) {
                putError(response, m.refused());
                continue;
            }
            Optional<Faults.Action> fault = faults.pickPart("dynamodb", STATEMENT_FAULT);
            if (fault.isPresent() && fault.get().status() > 0) {
                putError(response, new DynamoException(fault.get().code(), fault.get().message()));
                response.put("TableName", m.statement().table());
                continue;
            }
            try {
                StatementExecutor.Result r = executor.run(m.statement(), m.params().bool("ConsistentRead"),
                        returnOldOnFailure(m.params()), true);
                response.put("TableName", r.table());
                if (r.item() != null) {
                    response.set("Item", r.item());
                }
                units.merge(r.table(), r.units(), Double::sum);
            } catch (DynamoException e) {
                putError(response, e);
                if (ranOnItsTable(e)) {
                    response.put("TableName", m.statement().table());
                }
            }
        }
        if (!capacity.equals("NONE") && !units.isEmpty()) {
            ArrayNode a = out.putArray("ConsumedCapacity");
            units.forEach((t, u) -> a.add(Capacity.of(capacity, t, u)));
        }
        return out;
    }

    /** AWS refuses the whole batch, before any statement runs, for a read/write mix or an item named twice. */
    private void refuseMixedOrRepeated(List<Member> members) {
        List<Statement> parsed = members.stream().map(Member::statement).filter(s -> s != null).toList();
        if (parsed.stream().anyMatch(Statement::isRead) && parsed.stream().anyMatch(s -> !s.isRead())) {
            throw DynamoException.validation("Read and write requests together in the same batch is not supported.");
        }
        Set<StatementExecutor.Target> seen = new HashSet<>();
        for (Statement s : parsed) {
            StatementExecutor.Target t = executor.target(s);
            if (t != null && !seen.add(t)) {
                throw DynamoException.validation("Provided list of item keys contains duplicates");
            }
        }
    }

    /** Whether a statement got as far as its table (AWS then echoes TableName beside the error). */
    private static boolean ranOnItsTable(DynamoException e) {
        return !e.code().equals("ValidationException") && !e.code().equals("ResourceNotFoundException");
    }

    private static void putError(ObjectNode response, DynamoException e) {
        ObjectNode error = response.putObject("Error");
        error.put("Code", batchCode(e.code())).put("Message", e.getMessage());
        if (e.extra() != null && e.extra().has("Item")) {
            error.set("Item", e.extra().get("Item"));
        }
    }

    /** A batch statement's error code (BatchStatementErrorCodeEnum): the exception name without "Exception". */
    static String batchCode(String exceptionCode) {
        return switch (exceptionCode) {
            case "ValidationException" -> "ValidationError";
            case "ThrottlingException" -> "ThrottlingError";
            case "InternalError", "InternalServerError" -> "InternalServerError";
            case "AccessDeniedException" -> "AccessDenied";
            default -> exceptionCode.endsWith("Exception")
                    ? exceptionCode.substring(0, exceptionCode.length() - "Exception".length()) : exceptionCode;
        };
    }

    private static String statementText(Params p, String where) {
        JsonNode v = p.get("Statement");
        if (v == null) {
            throw Params.constraint("null", where, "Member must not be null");
        }
        String text = v.asText();
        if (text.isEmpty()) {
            throw Params.constraint("''", where, "Member must have length greater than or equal to 1");
        }
        if (text.length() > MAX_STATEMENT_CHARS) {
            throw Params.constraint("'" + text.substring(0, 40) + "...'", where,
                    "Member must have length less than or equal to " + MAX_STATEMENT_CHARS);
        }
        return text;
    }

    /** Parameters: 1 or more attribute values, validated and canonical (an empty list is refused, as AWS does). */
    private static List<ObjectNode> parameters(JsonNode raw) {
        if (raw == null) {
            return List.of();
        }
        if (!raw.isArray() || raw.isEmpty()) {
            throw Params.constraint("[]", "parameters", "Member must have length greater than or equal to 1");
        }
        List<ObjectNode> out = new ArrayList<>();
        raw.forEach(v -> out.add(AttributeValues.value(v)));
        return out;
    }

    private static boolean returnOldOnFailure(Params p) {
        return p.oneOf("ReturnValuesOnConditionCheckFailure", "NONE", ItemOperations.RETURN_ON_FAILURE).equals("ALL_OLD");
    }
}
