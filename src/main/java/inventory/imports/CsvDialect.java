package inventory.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.DuplicateHeaderMode;

/** The CSV dialect of inventory files: RFC 4180 with a configurable delimiter. */
public final class CsvDialect {

    private CsvDialect() {
    }

    /**
     * RFC 4180, quote '"', CR/LF/CRLF line ends, fields kept exactly as written (no trimming), blank
     * lines kept as records so that line numbers stay right (the import skips them).
     */
    public static CSVFormat format(char delimiter) {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setQuote('"')
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(false)
                .setTrim(false)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .setRecordSeparator("\r\n")
                .get();
    }
}
