package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sandbox.core.Json;
import sandbox.dynamodb.expr.Projection;

/**
 * BatchWriteItem (at most 25 puts/deletes, no key twice, every request validated before any is applied,
 * each applied as its own write) and BatchGetItem (at most 100 keys). Nothing is ever left unprocessed.
 */
final class BatchOperations {

    static final int MAX_WRITES = 25;
    static final int MAX_GETS = 100;

    private final TableCatalog catalog;
    private final ItemOperations items;

    BatchOperations(TableCatalog catalog, ItemOperations items) {
        this.catalog = catalog;
        this.items = items;
    }

    ObjectNode batchWriteItem(Params p) {
        JsonNode requestItems = p.required("RequestItems");
        if (requestItems.isEmpty()) {
            throw Params.constraint("{}", "requestItems", "Member must have length greater than or equal to 1");
        }
        String capacity = Capacity.mode(p);
        List<ItemWrite> writes = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, JsonNode> e : requestItems.properties()) {
            String name = Params.tableName(e.getKey(), "requestItems.key");
            JsonNode requests = e.getValue();
            if (!requests.isArray() || requests.isEmpty() || requests.size() > MAX_WRITES) {
                throw DynamoException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy "
                        + "constraint: Map value must satisfy constraint: [Member must have length less than or equal "
                        + "to 25, Member must have length greater than or equal to 1]");
            }
            total += requests.size();
            if (total > MAX_WRITES) {
                throw DynamoException.validation("Too many items requested for the BatchWriteItem call");
            }
            Table table = catalog.table(name);
            Set<ItemKey> seen = new HashSet<>();
            for (JsonNode r : requests) {
                JsonNode put = r.get("PutRequest");
                JsonNode delete = r.get("DeleteRequest");
                if ((put == null) == (delete == null)) {
                    throw DynamoException.validation("Supplied AttributeValue has more than one datatypes set, must "
                            + "contain exactly one of the supported datatypes");
                }
                ItemWrite w;
                if (put != null) {
                    ObjectNode item = AttributeValues.item(put.get("Item"));
                    ItemOperations.checkItemSize(item);
                    w = new ItemWrite(ItemWrite.Kind.PUT, table, table.schema().keyOfItem(item), item, null, null, false);
                } else {
                    w = new ItemWrite(ItemWrite.Kind.DELETE, table, table.schema().keyOf(delete.get("Key")), null, null,
                            null, false);
                }
                if (!seen.add(w.key())) {
                    throw DynamoException.validation("Provided list of item keys contains duplicates");
                }
                writes.add(w);
            }
        }
        Map<String, Double> units = new LinkedHashMap<>();
        for (ItemWrite w : writes) {
            ItemWrite.Outcome o = items.execute(w);
            units.merge(w.table().name(), Capacity.writeUnits(ItemOperations.size(o.before()),
                    ItemOperations.size(o.after())), Double::sum);
        }
        ObjectNode out = Json.object();
        out.putObject("UnprocessedItems");
        putCapacities(out, capacity, units);
        return out;
    }

    private static void putCapacities(ObjectNode out, String mode, Map<String, Double> units) {
        if (!mode.equals("NONE")) {
            ArrayNode a = out.putArray("ConsumedCapacity");
            units.forEach((t, u) -> a.add(Capacity.of(mode, t, u)));
        }
    }

    ObjectNode batchGetItem(Params p) {
        JsonNode requestItems = p.required("RequestItems");
        if (requestItems.isEmpty()) {
            throw Params.constraint("{}", "requestItems", "Member must have length greater than or equal to 1");
        }
        String capacity = Capacity.mode(p);
        int total = 0;
        ObjectNode out = Json.object();
        ObjectNode responses = out.putObject("Responses");
        Map<String, Double> units = new LinkedHashMap<>();
        List<Runnable> reads = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : requestItems.properties()) {
            String name = Params.tableName(e.getKey(), "requestItems.key");
            Params tp = new Params(e.getValue());
            JsonNode keys = tp.required("Keys");
            total += keys.size();
            if (total > MAX_GETS) {
                throw DynamoException.validation("Too many items requested for the BatchGetItem call");
            }
            LegacyParameters.refuseMix(tp, List.of("AttributesToGet"), List.of("ProjectionExpression"));
            Projection projection = ItemOperations.projection(tp);
            boolean consistent = tp.bool("ConsistentRead");
            Table table = catalog.table(name);
            List<ItemKey> wanted = new ArrayList<>();
            Set<ItemKey> seen = new HashSet<>();
            for (JsonNode k : keys) {
                ItemKey key = table.schema().keyOf(k);
                if (!seen.add(key)) {
                    throw DynamoException.validation("Provided list of item keys contains duplicates");
                }
                wanted.add(key);
            }
            reads.add(() -> {
                ArrayNode found = responses.putArray(name);
                long bytes = 0;
                for (ItemKey key : wanted) {
                    StoredItem item = table.get(key);
                    if (item != null) {
                        found.add(projection == null ? item.item() : projection.apply(item.item()));
                        bytes += item.size();
                    }
                }
                units.put(name, Capacity.readUnits(bytes, consistent));
            });
        }
        reads.forEach(Runnable::run);
        out.putObject("UnprocessedKeys");
        putCapacities(out, capacity, units);
        return out;
    }
}
