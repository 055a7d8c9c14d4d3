package inventory.imports;

import java.util.Arrays;
import org.apache.camel.dataformat.csv.CsvRecordConverter;
import org.apache.commons.csv.CSVRecord;

/**
 * camel-csv record converter that keeps what the import needs and camel-csv's list/map converters drop:
 * where in the file the record is, so reports can name the line.
 */
public final class CsvRowConverter implements CsvRecordConverter<CsvRow> {

    @Override
    public CsvRow convertRecord(CSVRecord record) {
        // camel-csv converts each record right after parsing it, so the parser's line is the record's end
        return new CsvRow(record.getParser().getCurrentLineNumber(), Arrays.asList(record.values()));
    }
}
