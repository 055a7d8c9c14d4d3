package sandbox.dynamodb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import sandbox.core.Json;
import sandbox.dynamodb.expr.Condition;
import sandbox.dynamodb.expr.DocPath;
import sandbox.dynamodb.expr.Evaluator;
import sandbox.dynamodb.expr.ExpressionAttributes;
import sandbox.dynamodb.expr.ExpressionParser;
import sandbox.dynamodb.expr.Projection;

/**
 * Query (a range of one partition of the sorted item map) and Scan (the whole map, optionally one of
 * TotalSegments segments). Both stop at Limit evaluated items or 1 MB, return LastEvaluatedKey when
 * they stopped early, filter after reading (Count vs ScannedCount), then project.
 */
final class QueryScan {

    static final int PAGE_BYTES = 1024 * 1024;
    private static final List<String> SELECT =
            List.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT");

    private final TableCatalog catalog;

    QueryScan(TableCatalog catalog) {
        this.catalog = catalog;
    }

    /** What Query and Scan read besides their own parameters. */
    private record Reading(Condition filter, Projection projection, String select, Integer limit, boolean consistent,
                           String capacity) {
    }

    private Reading reading(Params p, String legacyFilter, ExpressionAttributes attrs) {
        String select = p.oneOf("Select", null, SELECT);
        Integer limit = p.integer("Limit", 1, Integer.MAX_VALUE);
        String capacity = Capacity.mode(p);
        Condition filter = p.has("FilterExpression")
                ? ExpressionParser.condition(p.string("FilterExpression"), "FilterExpression", attrs)
                : LegacyParameters.filter(p.get(legacyFilter), p.string("ConditionalOperator"));
        Projection projection = null;
        if (p.has("ProjectionExpression")) {
            projection = Projection.of(ExpressionParser.projection(p.string("ProjectionExpression"), attrs));
        } else if (p.has("AttributesToGet")) {
            projection = ItemOperations.attributesToGet(p.get("AttributesToGet"));
        }
        attrs.checkAllUsed();
        if (p.has("IndexName")) {
            throw DynamoException.validation("The table does not have the specified index: " + p.string("IndexName"));
        }
        if ("ALL_PROJECTED_ATTRIBUTES".equals(select)) {
            throw DynamoException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        if ("SPECIFIC_ATTRIBUTES".equals(select) && projection == null) {
            throw DynamoException.validation("Must specify the AttributesToGet or ProjectionExpression when choosing "
                    + "to get SPECIFIC_ATTRIBUTES");
        }
        if (select != null && !select.equals("SPECIFIC_ATTRIBUTES") && projection != null) {
            throw DynamoException.validation("Cannot specify the " + (p.has("ProjectionExpression")
                    ? "ProjectionExpression" : "AttributesToGet") + " when choosing to get " + select);
        }
        return new Reading(filter, projection, select, limit, p.bool("ConsistentRead"), capacity);
    }

    ObjectNode query(Params p) {
        String name = p.tableName();
        // KeyConditions mixes with a FilterExpression or ProjectionExpression (AWS allows it), not a KeyConditionExpression
        LegacyParameters.refuseMix(p, p.has("KeyConditionExpression")
                        ? List.of("AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions")
                        : List.of("AttributesToGet", "QueryFilter", "ConditionalOperator"),
                List.of("ProjectionExpression", "FilterExpression", "KeyConditionExpression"));
        refuseUnusableValues(p, List.of("FilterExpression", "KeyConditionExpression"));
        ExpressionAttributes attrs = ExpressionAttributes.of(p.get("ExpressionAttributeNames"),
                p.get("ExpressionAttributeValues"), p.has("KeyConditionExpression") || p.has("FilterExpression")
                        || p.has("ProjectionExpression"));
        Condition keyExpression = null;
        if (p.has("KeyConditionExpression")) {
            keyExpression = ExpressionParser.condition(p.string("KeyConditionExpression"), "KeyConditionExpression", attrs);
        } else if (!p.has("KeyConditions")) {
            throw DynamoException.validation(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        Reading r = reading(p, "QueryFilter", attrs);
        boolean forward = !p.has("ScanIndexForward") || p.get("ScanIndexForward").asBoolean();
        Table table = catalog.table(name);
        KeyCondition key = keyExpression != null ? KeyCondition.fromExpression(keyExpression, table.schema())
                : KeyCondition.fromLegacy(p.get("KeyConditions"), table.schema());
        if (r.filter() != null) {
            refuseKeyAttributes(r.filter(), table.schema(), p.has("FilterExpression") ? "Filter Expression" : "QueryFilter");
        }
        NavigableMap<ItemKey, StoredItem> range = key.select(table.items());
        if (p.has("ExclusiveStartKey")) {
            ItemKey start = table.schema().startKeyOf(p.get("ExclusiveStartKey"));
            key.checkStart(start);
            range = after(range, start, forward);
        }
        Iterable<Map.Entry<ItemKey, StoredItem>> entries = (forward ? range : range.descendingMap()).entrySet();
        return page(table, entries, r, key, forward, -1, 0);
    }

    /** Values only a filter or key condition can use (a ProjectionExpression, with KeyConditions say, uses none). */
    private static void refuseUnusableValues(Params p, List<String> users) {
        if (p.has("ExpressionAttributeValues") && users.stream().noneMatch(p::has)) {
            throw DynamoException.validation("ExpressionAttributeValues can only be specified when using expressions: "
                    + String.join(" and ", users) + (users.size() > 1 ? " are null" : " is null"));
        }
    }

    /** A query's key attributes belong in its key condition: AWS refuses them in the filter. */
    private static void refuseKeyAttributes(Condition filter, TableSchema schema, String parameter) {
        for (DocPath path : Condition.pathsOf(filter)) {
            if (schema.isKeyAttribute(path.topName())) {
                throw DynamoException.validation(parameter + " can only contain non-primary key attributes: Primary key "
                        + "attribute: " + path.topName());
            }
        }
    }

    /** The part of {@code range} strictly after {@code start} in the reading direction. */
    private static NavigableMap<ItemKey, StoredItem> after(NavigableMap<ItemKey, StoredItem> range, ItemKey start,
                                                          boolean forward) {
        if (range.isEmpty()) {
            return range;
        }
        ItemKey first = range.firstKey();
        ItemKey last = range.lastKey();
        if (forward) {
            if (start.compareTo(last) >= 0) {
                return Collections.emptyNavigableMap();
            }
            return start.compareTo(first) < 0 ? range : range.tailMap(start, false);
        }
        if (start.compareTo(first) <= 0) {
            return Collections.emptyNavigableMap();
        }
        return start.compareTo(last) > 0 ? range : range.headMap(start, false);
    }

    ObjectNode scan(Params p) {
        String name = p.tableName();
        LegacyParameters.refuseMix(p, List.of("AttributesToGet", "ScanFilter", "ConditionalOperator"),
                List.of("ProjectionExpression", "FilterExpression"));
        refuseUnusableValues(p, List.of("FilterExpression"));
        Integer segment = p.integer("Segment", 0, 999999);
        Integer total = p.integer("TotalSegments", 1, 1000000);
        if (segment != null && total == null) {
            throw DynamoException.validation("The TotalSegments parameter is required but was not present in the "
                    + "request when Segment parameter is present");
        }
        if (total != null && segment == null) {
            throw DynamoException.validation("The Segment parameter is required but was not present in the request "
                    + "when parameter TotalSegments is present");
        }
        if (segment != null && segment >= total) {
            throw DynamoException.validation("The Segment parameter is zero-based and must be less than parameter "
                    + "TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + total);
        }
        ExpressionAttributes attrs = ExpressionAttributes.of(p.get("ExpressionAttributeNames"),
                p.get("ExpressionAttributeValues"), p.has("FilterExpression") || p.has("ProjectionExpression"));
        Reading r = reading(p, "ScanFilter", attrs);
        Table table = catalog.table(name);
        NavigableMap<ItemKey, StoredItem> all = table.items();
        if (p.has("ExclusiveStartKey")) {
            all = all.tailMap(table.schema().startKeyOf(p.get("ExclusiveStartKey")), false);
        }
        return page(table, all.entrySet(), r, null, true, segment == null ? -1 : segment, total == null ? 1 : total);
    }

    /** Which scan segment an item belongs to: a stable hash of its partition key. */
    static int segmentOf(ItemKey key, int totalSegments) {
        return Math.floorMod(key.hash().hashCode() * 0x9E3779B9, totalSegments);
    }

    private ObjectNode page(Table table, Iterable<Map.Entry<ItemKey, StoredItem>> entries, Reading r,
                            KeyCondition key, boolean forward, int segment, int totalSegments) {
        ObjectNode out = Json.object();
        ArrayNode items = Json.array();
        int scanned = 0;
        int count = 0;
        long bytes = 0;
        ItemKey lastEvaluated = null;
        boolean countOnly = "COUNT".equals(r.select());
        boolean seenMatch = false;
        for (Map.Entry<ItemKey, StoredItem> e : entries) {
            if (key != null && !key.accepts(e.getKey())) {
                // ascending, the prefix range starts at the first key; descending, it ends at the first match
                if (forward || seenMatch) {
                    break;
                }
                continue;
            }
            seenMatch = true;
            if (segment >= 0 && segmentOf(e.getKey(), totalSegments) != segment) {
                continue;
            }
            StoredItem item = e.getValue();
            scanned++;
            bytes += item.size();
            // decoded once per item, and not at all when only counted without a filter
            ObjectNode tree = r.filter() != null || !countOnly ? item.item() : null;
            if (r.filter() == null || Evaluator.matches(r.filter(), tree)) {
                count++;
                if (!countOnly) {
                    items.add(r.projection() == null ? tree : r.projection().apply(tree));
                }
            }
            if ((r.limit() != null && scanned >= r.limit()) || bytes >= PAGE_BYTES) {
                lastEvaluated = e.getKey();
                break;
            }
        }
        if (!countOnly) {
            out.set("Items", items);
        }
        out.put("Count", count);
        out.put("ScannedCount", scanned);
        if (lastEvaluated != null) {
            out.set("LastEvaluatedKey", table.schema().keyNode(lastEvaluated));
        }
        Capacity.put(out, r.capacity(), table.name(), Capacity.readUnits(bytes, r.consistent()));
        return out;
    }
}
