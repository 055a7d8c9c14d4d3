package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import sandbox.core.Json;
import sandbox.dynamodb.expr.Condition;
import sandbox.dynamodb.expr.ExpressionAttributes;
import sandbox.dynamodb.expr.ExpressionParser;
import sandbox.dynamodb.expr.Projection;
import sandbox.dynamodb.expr.UpdateExpression;

/**
 * TransactWriteItems (all or nothing: every item locked, every condition checked, then all committed, or
 * TransactionCanceledException with one CancellationReason per item) and TransactGetItems. A repeated
 * ClientRequestToken within 10 minutes returns success without writing again.
 */
final class TransactionOperations {

    static final int MAX_ITEMS = 100;
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    private final TableCatalog catalog;
    private final ItemLocks locks;
    private final Clock clock;
    /** The SDK sends a token with every transaction: remembered ones expire oldest first, and at most this many. */
    private static final int MAX_TOKENS = 100_000;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Queue<String> tokenOrder = new ConcurrentLinkedQueue<>();

    private record Token(int requestHash, Instant expires) {
    }

    TransactionOperations(TableCatalog catalog, ItemLocks locks, Clock clock) {
        this.catalog = catalog;
        this.locks = locks;
        this.clock = clock;
    }

    ObjectNode transactWriteItems(Params p, JsonNode body) {
        JsonNode list = p.required("TransactItems");
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_ITEMS) {
            throw Params.constraint(list.isEmpty() ? "'[]'" : "'[...]'", "transactItems", list.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to " + MAX_ITEMS);
        }
        String token = p.string("ClientRequestToken");
        int requestHash = body.hashCode();
        if (token != null) {
            forgetExpiredTokens(clock.instant());
            Token seen = tokens.get(token);
            if (seen != null) {
                if (seen.requestHash() != requestHash) {
                    throw new DynamoException("IdempotentParameterMismatchException",
                            "Request contains parameters that do not match the original request with the same "
                                    + "ClientRequestToken");
                }
                return Json.object();
            }
        }
        String capacity = Capacity.mode(p);
        List<ItemWrite> writes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode entry : list) {
            ItemWrite w = plan(entry);
            if (!seen.add(w.table().id() + "|" + w.key())) {
                throw DynamoException.validation("Transaction request cannot include multiple operations on one item");
            }
            writes.add(w);
        }
        List<Integer> stripes = writes.stream().map(w -> locks.stripe(w.table(), w.key())).toList();
        int[] held = locks.lockAll(stripes);
        try {
            List<StoredItem> before = new ArrayList<>();
            List<ObjectNode> beforeItems = new ArrayList<>();
            List<ObjectNode> after = new ArrayList<>();
            ArrayNode reasons = Json.array();
            boolean failed = false;
            for (ItemWrite w : writes) {
                StoredItem current = w.table().get(w.key());
                ObjectNode currentItem = current == null ? null : current.item();
                before.add(current);
                beforeItems.add(currentItem);
                ObjectNode reason = Json.object();
                try {
                    after.add(w.apply(currentItem));
                    reason.put("Code", "None");
                } catch (DynamoException e) {
                    failed = true;
                    after.add(null);
                    String code = e.code().equals("ConditionalCheckFailedException") ? "ConditionalCheckFailed"
                            : "ValidationError";
                    reason.put("Code", code).put("Message", e.getMessage());
                    if (e.extra() != null && e.extra().has("Item")) {
                        reason.set("Item", e.extra().get("Item"));
                    }
                }
                reasons.add(reason);
            }
            if (failed) {
                List<String> codes = new ArrayList<>();
                reasons.forEach(r -> codes.add(r.get("Code").asText()));
                ObjectNode extra = Json.object();
                extra.set("CancellationReasons", reasons);
                throw new DynamoException("TransactionCanceledException", "Transaction cancelled, please refer "
                        + "cancellation reasons for specific reasons [" + String.join(", ", codes) + "]", extra);
            }
            for (int i = 0; i < writes.size(); i++) {
                ItemWrite w = writes.get(i);
                if (w.kind() != ItemWrite.Kind.CHECK && !ItemWrite.unchanged(beforeItems.get(i), after.get(i))) {
                    w.table().commit(w.key(), before.get(i), after.get(i) == null ? null : StoredItem.of(after.get(i)),
                            catalog);
                }
            }
        } finally {
            locks.unlockAll(held);
        }
        if (token != null && tokens.put(token, new Token(requestHash, clock.instant().plus(TOKEN_LIFETIME))) == null) {
            tokenOrder.add(token);
        }
        ObjectNode out = Json.object();
        if (!capacity.equals("NONE")) {
            ArrayNode a = out.putArray("ConsumedCapacity");
            writes.stream().map(w -> w.table().name()).distinct()
                    .forEach(t -> a.add(Capacity.of(capacity, t, 2.0 * writes.stream()
                            .filter(w -> w.table().name().equals(t)).count())));
        }
        return out;
    }

    private void forgetExpiredTokens(Instant now) {
        String oldest;
        while ((oldest = tokenOrder.peek()) != null) {
            Token t = tokens.get(oldest);
            if (t != null && !t.expires().isBefore(now) && tokens.size() <= MAX_TOKENS) {
                return;
            }
            if (tokenOrder.remove(oldest)) {
                tokens.remove(oldest);
            }
        }
    }

    /** One TransactItems entry: exactly one of ConditionCheck, Put, Delete, Update. */
    private ItemWrite plan(JsonNode entry) {
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("ConditionCheck", "Put", "Delete", "Update")) {
            if (entry.hasNonNull(k)) {
                kinds.add(k);
            }
        }
        if (kinds.size() != 1) {
            throw DynamoException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        String kind = kinds.get(0);
        Params p = new Params(entry.get(kind));
        String name = p.tableName();
        boolean returnOld = p.oneOf("ReturnValuesOnConditionCheckFailure", "NONE", ItemOperations.RETURN_ON_FAILURE)
                .equals("ALL_OLD");
        ExpressionAttributes attrs = ExpressionAttributes.of(p.get("ExpressionAttributeNames"),
                p.get("ExpressionAttributeValues"), p.has("ConditionExpression") || p.has("UpdateExpression"));
        if (kind.equals("ConditionCheck") && !p.has("ConditionExpression")) {
            throw Params.constraint("null", "transactItems.1.member.conditionCheck.conditionExpression",
                    "Member must not be null");
        }
        UpdateExpression update = kind.equals("Update")
                ? ExpressionParser.update(p.required("UpdateExpression").asText(), attrs) : null;
        Condition condition = p.has("ConditionExpression")
                ? ExpressionParser.condition(p.string("ConditionExpression"), "ConditionExpression", attrs) : null;
        attrs.checkAllUsed();
        Table table = catalog.table(name);
        switch (kind) {
            case "Put" -> {
                ObjectNode item = AttributeValues.item(p.required("Item"));
                ItemOperations.checkItemSize(item);
                return new ItemWrite(ItemWrite.Kind.PUT, table, table.schema().keyOfItem(item), item, null, condition,
                        returnOld);
            }
            case "Update" -> {
                ItemOperations.refuseKeyUpdates(update, table.schema());
                return new ItemWrite(ItemWrite.Kind.UPDATE, table, table.schema().keyOf(p.required("Key")), null, update,
                        condition, returnOld);
            }
            case "Delete" -> {
                return new ItemWrite(ItemWrite.Kind.DELETE, table, table.schema().keyOf(p.required("Key")), null, null,
                        condition, returnOld);
            }
            default -> {
                return new ItemWrite(ItemWrite.Kind.CHECK, table, table.schema().keyOf(p.required("Key")), null, null,
                        condition, returnOld);
            }
        }
    }

    ObjectNode transactGetItems(Params p) {
        JsonNode list = p.required("TransactItems");
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_ITEMS) {
            throw Params.constraint("'[...]'", "transactItems", list.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to " + MAX_ITEMS);
        }
        List<Table> tables = new ArrayList<>();
        List<ItemKey> keys = new ArrayList<>();
        List<Projection> projections = new ArrayList<>();
        for (JsonNode entry : list) {
            Params g = new Params(entry.get("Get"));
            String name = g.tableName();
            Projection projection = ItemOperations.projection(g);
            Table table = catalog.table(name);
            tables.add(table);
            keys.add(table.schema().keyOf(g.required("Key")));
            projections.add(projection);
        }
        List<Integer> stripes = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            stripes.add(locks.stripe(tables.get(i), keys.get(i)));
        }
        ObjectNode out = Json.object();
        ArrayNode responses = out.putArray("Responses");
        int[] held = locks.lockAll(stripes);
        try {
            for (int i = 0; i < tables.size(); i++) {
                StoredItem item = tables.get(i).get(keys.get(i));
                ObjectNode r = responses.addObject();
                if (item != null) {
                    r.set("Item", projections.get(i) == null ? item.item() : projections.get(i).apply(item.item()));
                }
            }
        } finally {
            locks.unlockAll(held);
        }
        return out;
    }
}
