package inventory.imports;

import java.util.List;

/**
 * One CSV record as parsed, or the parse failure that ended the file.
 *
 * @param endLine    the physical line the record ends on (a quoted field may span lines)
 * @param parseError why the rest of the file could not be parsed, or null for a record
 */
public record CsvRow(long endLine, List<String> values, String parseError) {

    public CsvRow(long endLine, List<String> values) {
        this(endLine, values, null);
    }

    /** A blank line: one empty field. */
    public boolean isBlank() {
        return values.size() == 1 && values.get(0).isEmpty();
    }
}
