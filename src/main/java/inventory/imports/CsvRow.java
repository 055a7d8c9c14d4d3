package inventory.imports;

import java.util.List;

/**
 * One CSV record as parsed.
 *
 * @param endLine the physical line the record ends on (a quoted field may span lines)
 */
public record CsvRow(long endLine, List<String> values) {

    /** A blank line: one empty field. */
    public boolean isBlank() {
        return values.size() == 1 && values.get(0).isEmpty();
    }
}
