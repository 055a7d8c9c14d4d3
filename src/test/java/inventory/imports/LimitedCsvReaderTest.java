package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.InventorySettings.InputLimits;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The limits hold under the parser: checked on the characters, before commons-csv has buffered the offending field. */
class LimitedCsvReaderTest {

    private static final InputLimits SMALL = new InputLimits(100, 20, 5, 100);

    private static Reader limited(String text, InputLimits limits) {
        return new LimitedCsvReader(new StringReader(text), ',', limits);
    }

    /** Parses like the import does and returns the records read before the failure, then the failure. */
    private static List<List<String>> recordsBefore(String text, List<Throwable> failure) throws Exception {
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(limited(text, SMALL)).setFormat(CsvDialect.format(',')).get()) {
            for (CSVRecord r : parser) {
                records.add(List.of(r.values()));
            }
        } catch (UncheckedIOException e) {
            failure.add(e.getCause());
        }
        return records;
    }

    @Test
    void aFieldOverTheLimitStopsTheFileNamingTheLineItsRecordStartsOn() throws Exception {
        List<Throwable> failure = new ArrayList<>();
        List<List<String>> before = recordsBefore("store,item,quantity\ns1,a,1\ns1,\"" + "x".repeat(21) + "\",2\ns1,c,3\n", failure);
        assertThat(before).containsExactly(List.of("store", "item", "quantity"), List.of("s1", "a", "1"));
        assertThat(failure).singleElement().isInstanceOf(RefusedInputException.class).extracting(Throwable::getMessage)
                .isEqualTo("the record starting on line 3 has a field longer than 20 bytes (inventory.csv.max-field-bytes)");
    }

    @Test
    void aQuotedFieldSpanningLinesCountsAsOneFieldAndNamesWhereItStartedAndWhereTheLimitWasReached() throws Exception {
        List<Throwable> failure = new ArrayList<>();
        recordsBefore("store,item\ns1,\"" + "ab\n".repeat(10) + "\"\n", failure);
        assertThat(failure.get(0)).hasMessage("the record starting on line 2 has a field longer than 20 bytes "
                + "(inventory.csv.max-field-bytes), reached on line 8");
    }

    @Test
    void delimitersQuotesAndLineBreaksInsideQuotesAreData() throws Exception {
        // 6 fields' worth of commas and an escaped quote, all inside one quoted field of 18 bytes: no limit passed
        String text = "a,b\n\"1,2,3,4,5,6\"\"\n\",x\n";
        List<Throwable> failure = new ArrayList<>();
        assertThat(recordsBefore(text, failure)).containsExactly(List.of("a", "b"), List.of("1,2,3,4,5,6\"\n", "x"));
        assertThat(failure).isEmpty();
    }

    @Test
    void tooManyColumnsAndTooLongARecordAreRefused() throws Exception {
        List<Throwable> failure = new ArrayList<>();
        recordsBefore("a,b\n1,2,3,4,5,6\n", failure);
        assertThat(failure.get(0)).hasMessage("the record starting on line 2 has more than 5 fields (inventory.csv.max-columns)");
        failure.clear();
        recordsBefore("a,b\n" + "1234567890,".repeat(4) + "1234567890" + "\n", failure); // 54 bytes: fine
        assertThat(failure).isEmpty();
        InputLimits shortRecords = new InputLimits(50, 20, 100, 100);
        // the text before the limit is handed over first, then the refusal
        Reader r = limited("1234567890,".repeat(5) + "1\n", shortRecords);
        char[] buffer = new char[100];
        assertThat(r.read(buffer, 0, 100)).isEqualTo(50);
        assertThatThrownBy(() -> r.read(buffer, 0, 100)).isInstanceOf(RefusedInputException.class)
                .hasMessage("the header row (line 1) has more than 50 bytes (inventory.csv.max-record-bytes)");
    }

    @Test
    void bytesAreUtf8BytesOfTheText() throws Exception {
        // 7 euro signs are 21 UTF-8 bytes although 7 characters
        List<Throwable> failure = new ArrayList<>();
        recordsBefore("a,b\n1,\"" + "€".repeat(6) + "\"\n2," + "€".repeat(7) + "\n", failure);
        assertThat(failure.get(0)).hasMessageStartingWith("the record starting on line 3 has a field longer than 20 bytes");
    }

    @Test
    void crLfAndLoneCrEndLinesAsEditorsCountThem() throws Exception {
        List<Throwable> failure = new ArrayList<>();
        recordsBefore("a,b\r\n1,2\r3,4\n5," + "y".repeat(30) + "\n", failure);
        assertThat(failure.get(0)).hasMessageStartingWith("the record starting on line 4 ");
    }
}
