package drills;

import inventory.imports.UpdatedAt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the table must hold, from what was written to it and the conditional put's rule: per item the row with
 * the newest updatedAt wins; of equal ones the first written stays.
 */
final class TableModel {

    /** One item's expected state. */
    record Expected(long quantity, String updatedAt) {
    }

    private final Map<String, Expected> items = new TreeMap<>();
    private long writes;

    /** A row offered to the table (by a file or a direct change), in the order it was offered. */
    synchronized void offer(String store, String item, long quantity, Instant updatedAt) {
        writes++;
        String stamp = UpdatedAt.format(updatedAt);
        items.merge(key(store, item), new Expected(quantity, stamp),
                (old, row) -> row.updatedAt().compareTo(old.updatedAt()) > 0 ? row : old);
    }

    synchronized Expected get(String store, String item) {
        return items.get(key(store, item));
    }

    synchronized int size() {
        return items.size();
    }

    synchronized long writes() {
        return writes;
    }

    /** Items whose table state differs from the model (missing, extra, other quantity or timestamp). */
    synchronized List<String> differences(DynamoDbClient dynamoDb, String table) {
        return differences(dynamoDb, table, store -> false);
    }

    /** The same, leaving out the items of stores another tool writes (not rows of the files). */
    synchronized List<String> differences(DynamoDbClient dynamoDb, String table, java.util.function.Predicate<String> foreign) {
        Map<String, Expected> actual = new TreeMap<>();
        for (Map<String, AttributeValue> i : dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()) {
            if (foreign.test(i.get("store").s())) {
                continue;
            }
            actual.put(key(i.get("store").s(), i.get("item").s()),
                    new Expected(Long.parseLong(i.get("quantity").n()), i.get("updatedAt").s()));
        }
        List<String> out = new ArrayList<>();
        items.forEach((k, want) -> {
            Expected got = actual.get(k);
            if (!want.equals(got)) {
                out.add(k + ": expected " + want + ", table has " + got);
            }
        });
        actual.keySet().stream().filter(k -> !items.containsKey(k)).forEach(k -> out.add(k + ": not expected"));
        return out;
    }

    private static String key(String store, String item) {
        return store + "/" + item;
    }
}
