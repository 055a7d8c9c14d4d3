package inventory.imports;

import java.util.List;

/**
 * One CSV record as parsed, or what ended the reading of the file.
 *
 * @param endLine    the physical line the record ends on (a quoted field may span lines)
 * @param parseError why the rest of the file could not be read, or null for a record
 * @param cause      the failure behind {@code parseError}: broken CSV, a {@link RefusedInputException} (over an
 *                   input limit, bad gzip) or an {@link Error}; null for a record
 */
public record CsvRow(long endLine, List<String> values, String parseError, Throwable cause) {

    public CsvRow(long endLine, List<String> values) {
        this(endLine, values, null, null);
    }

    /** The end of a file that could not be read further. */
    static CsvRow failure(String reason, Throwable cause) {
        return new CsvRow(-1, List.of(), reason, cause);
    }

    /** A blank line: one empty field. */
    public boolean isBlank() {
        return values.size() == 1 && values.get(0).isEmpty();
    }
}
