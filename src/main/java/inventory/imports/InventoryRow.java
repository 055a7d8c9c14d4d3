package inventory.imports;

import java.time.Instant;
import java.util.Map;

/**
 * One valid row, ready to write.
 *
 * @param line      where the row starts in the file (the header is line 1)
 * @param updatedAt the row's own timestamp, or the fallback when it had none
 * @param extras    pass-through columns, in file order
 */
public record InventoryRow(long line, String store, String item, long quantity, Instant updatedAt,
                           Map<String, String> extras) {
}
