package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.Json;
import sandbox.dynamodb.expr.Condition;
import sandbox.dynamodb.expr.DocPath;
import sandbox.dynamodb.expr.ExpressionAttributes;
import sandbox.dynamodb.expr.ExpressionParser;
import sandbox.dynamodb.expr.Projection;
import sandbox.dynamodb.expr.UpdateExpression;

/**
 * PutItem, GetItem, UpdateItem and DeleteItem, and the single place where an item write is executed:
 * under the item's lock, check the condition, compute the new item, and commit it only if it changed.
 */
final class ItemOperations {

    private static final Logger LOG = LoggerFactory.getLogger(ItemOperations.class);
    static final List<String> RETURN_VALUES = List.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
    static final List<String> RETURN_ON_FAILURE = List.of("ALL_OLD", "NONE");

    private final TableCatalog catalog;
    private final ItemLocks locks;

    ItemOperations(TableCatalog catalog, ItemLocks locks) {
        this.catalog = catalog;
        this.locks = locks;
    }

    // ---- execution

    ItemWrite.Outcome execute(ItemWrite w) {
        int stripe = locks.lock(w.table(), w.key());
        try {
            StoredItem before = w.table().get(w.key());
            ObjectNode current = before == null ? null : before.item();
            ObjectNode after = w.apply(current);
            if (ItemWrite.unchanged(current, after)) {
                return new ItemWrite.Outcome(before, before, current, current);
            }
            StoredItem stored = after == null ? null : StoredItem.of(after);
            w.table().commit(w.key(), before, stored, catalog);
            return new ItemWrite.Outcome(before, stored, current, after);
        } finally {
            locks.unlock(stripe);
        }
    }

    // ---- operations

    ObjectNode putItem(Params p) {
        String name = p.tableName();
        LegacyParameters.refuseMix(p, List.of("Expected", "ConditionalOperator"), List.of("ConditionExpression"));
        JsonNode raw = p.required("Item");
        String returnValues = p.oneOf("ReturnValues", "NONE", RETURN_VALUES);
        if (!returnValues.equals("NONE") && !returnValues.equals("ALL_OLD")) {
            throw DynamoException.validation("Return values set to invalid value");
        }
        boolean returnOnFailure = p.oneOf("ReturnValuesOnConditionCheckFailure", "NONE", RETURN_ON_FAILURE).equals("ALL_OLD");
        String capacity = Capacity.mode(p);
        Condition condition = condition(p);
        Table table = catalog.table(name);
        ObjectNode item = AttributeValues.item(raw);
        ItemKey key = table.schema().keyOfItem(item);
        checkItemSize(item);
        ItemWrite.Outcome o = execute(new ItemWrite(ItemWrite.Kind.PUT, table, key, item, null, condition, returnOnFailure));
        ObjectNode out = Json.object();
        if (returnValues.equals("ALL_OLD") && o.before() != null) {
            out.set("Attributes", o.beforeItem());
        }
        Capacity.put(out, capacity, name, Capacity.writeUnits(size(o.before()), size(o.after())));
        return out;
    }

    static void checkItemSize(ObjectNode item) {
        if (AttributeValues.itemSize(item) > AttributeValues.MAX_ITEM_SIZE) {
            throw DynamoException.validation("Item size has exceeded the maximum allowed size");
        }
    }

    /** ConditionExpression or the legacy Expected, with ExpressionAttributeNames/Values checked for use. */
    private static Condition condition(Params p) {
        ExpressionAttributes attrs = ExpressionAttributes.of(p.get("ExpressionAttributeNames"),
                p.get("ExpressionAttributeValues"), p.has("ConditionExpression"));
        Condition c = p.has("ConditionExpression")
                ? ExpressionParser.condition(p.string("ConditionExpression"), "ConditionExpression", attrs)
                : LegacyParameters.expected(p.get("Expected"), p.string("ConditionalOperator"));
        attrs.checkAllUsed();
        return c;
    }

    ObjectNode getItem(Params p) {
        String name = p.tableName();
        LegacyParameters.refuseMix(p, List.of("AttributesToGet"), List.of("ProjectionExpression"));
        Projection projection = projection(p);
        String capacity = Capacity.mode(p);
        boolean consistent = p.bool("ConsistentRead");
        Table table = catalog.table(name);
        ItemKey key = table.schema().keyOf(p.required("Key"));
        StoredItem found = table.get(key);
        ObjectNode out = Json.object();
        if (found != null) {
            out.set("Item", projection == null ? found.item() : projection.apply(found.item()));
        }
        Capacity.put(out, capacity, name, Capacity.readUnits(size(found), consistent));
        return out;
    }

    /** ProjectionExpression or AttributesToGet, or null for whole items; names checked for use. */
    static Projection projection(Params p) {
        ExpressionAttributes attrs = ExpressionAttributes.of(p.get("ExpressionAttributeNames"),
                p.get("ExpressionAttributeValues"), p.has("ProjectionExpression"));
        Projection projection = null;
        if (p.has("ProjectionExpression")) {
            projection = Projection.of(ExpressionParser.projection(p.string("ProjectionExpression"), attrs));
        } else if (p.has("AttributesToGet")) {
            projection = attributesToGet(p.get("AttributesToGet"));
        }
        attrs.checkAllUsed();
        return projection;
    }

    static Projection attributesToGet(JsonNode names) {
        List<DocPath> paths = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode n : names) {
            if (!seen.add(n.asText())) {
                throw DynamoException.validation("One or more parameter values were invalid: Duplicate value in "
                        + "attribute name: " + n.asText());
            }
            paths.add(DocPath.of(n.asText()));
        }
        return Projection.of(paths);
    }

    ObjectNode updateItem(Params p) {
        String name = p.tableName();
        LegacyParameters.refuseMix(p, List.of("AttributeUpdates", "Expected", "ConditionalOperator"),
                List.of("UpdateExpression", "ConditionExpression"));
        String returnValues = p.oneOf("ReturnValues", "NONE", RETURN_VALUES);
        boolean returnOnFailure = p.oneOf("ReturnValuesOnConditionCheckFailure", "NONE", RETURN_ON_FAILURE).equals("ALL_OLD");
        String capacity = Capacity.mode(p);
        ExpressionAttributes attrs = ExpressionAttributes.of(p.get("ExpressionAttributeNames"),
                p.get("ExpressionAttributeValues"), p.has("UpdateExpression") || p.has("ConditionExpression"));
        UpdateExpression update = p.has("UpdateExpression")
                ? ExpressionParser.update(p.string("UpdateExpression"), attrs) : null;
        Condition condition = p.has("ConditionExpression")
                ? ExpressionParser.condition(p.string("ConditionExpression"), "ConditionExpression", attrs)
                : LegacyParameters.expected(p.get("Expected"), p.string("ConditionalOperator"));
        attrs.checkAllUsed();
        Table table = catalog.table(name);
        ItemKey key = table.schema().keyOf(p.required("Key"));
        if (update == null) {
            update = p.has("AttributeUpdates")
                    ? LegacyParameters.attributeUpdates(p.get("AttributeUpdates"), table.schema())
                    : new UpdateExpression(List.of(), List.of(), List.of(), List.of());
        }
        refuseKeyUpdates(update, table.schema());
        ItemWrite.Outcome o = execute(new ItemWrite(ItemWrite.Kind.UPDATE, table, key, null, update, condition, returnOnFailure));
        ObjectNode out = Json.object();
        ObjectNode attributes = switch (returnValues) {
            case "ALL_OLD" -> o.beforeItem();
            case "ALL_NEW" -> o.afterItem();
            case "UPDATED_OLD" -> o.beforeItem() == null ? null : Projection.of(update.targets()).apply(o.beforeItem());
            case "UPDATED_NEW" -> o.afterItem() == null ? null : Projection.of(update.targets()).apply(o.afterItem());
            default -> null;
        };
        if (attributes != null && !attributes.isEmpty()) {
            out.set("Attributes", attributes);
        }
        Capacity.put(out, capacity, name, Capacity.writeUnits(size(o.before()), size(o.after())));
        return out;
    }

    static void refuseKeyUpdates(UpdateExpression update, TableSchema schema) {
        for (DocPath path : update.targets()) {
            if (schema.isKeyAttribute(path.topName())) {
                throw DynamoException.validation("One or more parameter values were invalid: Cannot update attribute "
                        + path.topName() + ". This attribute is part of the key");
            }
        }
    }

    ObjectNode deleteItem(Params p) {
        String name = p.tableName();
        LegacyParameters.refuseMix(p, List.of("Expected", "ConditionalOperator"), List.of("ConditionExpression"));
        String returnValues = p.oneOf("ReturnValues", "NONE", RETURN_VALUES);
        if (!returnValues.equals("NONE") && !returnValues.equals("ALL_OLD")) {
            throw DynamoException.validation("Return values set to invalid value");
        }
        boolean returnOnFailure = p.oneOf("ReturnValuesOnConditionCheckFailure", "NONE", RETURN_ON_FAILURE).equals("ALL_OLD");
        String capacity = Capacity.mode(p);
        Condition condition = condition(p);
        Table table = catalog.table(name);
        ItemKey key = table.schema().keyOf(p.required("Key"));
        ItemWrite.Outcome o = execute(new ItemWrite(ItemWrite.Kind.DELETE, table, key, null, null, condition, returnOnFailure));
        ObjectNode out = Json.object();
        if (returnValues.equals("ALL_OLD") && o.before() != null) {
            out.set("Attributes", o.beforeItem());
        }
        Capacity.put(out, capacity, name, Capacity.writeUnits(size(o.before())));
        LOG.debug("DeleteItem {} {} existed={}", name, key, o.before() != null);
        return out;
    }

    static int size(StoredItem i) {
        return i == null ? 0 : i.size();
    }
}
