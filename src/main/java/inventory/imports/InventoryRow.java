package inventory.imports;

import inventory.table.ItemAttributes;
import java.time.Instant;
import java.util.Map;

/**
 * One valid row, ready to write.
 *
 * @param line      where the row starts in the file (the header is line 1)
 * @param updatedAt the row's own timestamp; null when it had none, until {@link #stamped} gives it the fallback
 * @param extras    pass-through columns, in file order
 */
public record InventoryRow(long line, String store, String item, long quantity, Instant updatedAt,
                           Map<String, String> extras) {

    /** Fixed allowance for quantity, updatedAt and source with their names. */
    private static final int OWN_ATTRIBUTES_BYTES = 64;

    /** This row with a timestamp: its own if it has one, else {@code fallback} (the object's or the import's time). */
    public InventoryRow stamped(Instant fallback) {
        return updatedAt != null ? this : new InventoryRow(line, store, item, quantity, fallback, extras);
    }

    /** The item's size as DynamoDB counts it (UTF-8 names and values), near enough for its 400 KB limit and batch budgets. */
    public long bytes() {
        long size = RowCheck.utf8(ItemAttributes.STORE) + RowCheck.utf8(store) + RowCheck.utf8(ItemAttributes.ITEM)
                + RowCheck.utf8(item) + OWN_ATTRIBUTES_BYTES;
        for (Map.Entry<String, String> e : extras.entrySet()) {
            size += RowCheck.utf8(e.getKey()) + RowCheck.utf8(e.getValue());
        }
        return size;
    }
}
