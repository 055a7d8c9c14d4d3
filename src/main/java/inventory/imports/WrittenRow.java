package inventory.imports;

import java.util.List;

/**
 * A row whose write ended, as the {@code write-rows} step hands it back to the route: the row, its values as the file
 * had them (a row DynamoDB refused is reported as it was), and what came of it.
 */
public record WrittenRow(InventoryRow row, List<String> values, RowOutcome outcome) {
}
