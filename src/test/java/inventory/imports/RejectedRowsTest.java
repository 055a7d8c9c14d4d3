package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class RejectedRowsTest {

    @Test
    void rowsKeepTheirFieldsAfterLineAndErrorAndFormulasAreDefused() throws Exception {
        try (RejectedRows rows = new RejectedRows(CsvDialect.format(','), List.of("store", "item", "quantity"))) {
            rows.add(3, "quantity '-1' is not a whole number", List.of("s1", "=HYPERLINK(\"x\")", "-1"));
            rows.add(4, "has 2 fields, the header has 3", List.of("@SUM(A1)", "+5"));
            Path file = rows.finish();
            List<CSVRecord> records;
            try (CSVParser p = CSVParser.builder().setPath(file).setFormat(CsvDialect.format(',')).get()) {
                records = p.getRecords();
            }
            assertThat(records.get(0).values()).containsExactly("line", "error", "store", "item", "quantity");
            assertThat(records.get(1).values()).containsExactly("3", "quantity '-1' is not a whole number", "s1",
                    "'=HYPERLINK(\"x\")", "'-1");
            assertThat(records.get(2).values()).containsExactly("4", "has 2 fields, the header has 3", "'@SUM(A1)", "'+5");
            assertThat(rows.count()).isEqualTo(2);
        }
    }

    @Test
    void finishingAgainGivesTheSameFile() throws Exception {
        // a file that fails after its rejected rows were finished (e.g. archiving) finishes them again
        try (RejectedRows rows = new RejectedRows(CsvDialect.format(','), List.of("a"))) {
            rows.add(2, "bad", List.of("x"));
            Path first = rows.finish();
            assertThat(rows.finish()).isEqualTo(first);
            assertThat(Files.readString(first)).isEqualTo("line,error,a\r\n2,bad,x\r\n");
        }
    }

    @Test
    void nothingRejectedMeansNoFile() {
        try (RejectedRows rows = new RejectedRows(CsvDialect.format(','), List.of("a"))) {
            assertThat(rows.finish()).isNull();
        }
    }

    @Test
    void temporaryFileIsRemovedOnClose() throws Exception {
        Path file;
        try (RejectedRows rows = new RejectedRows(CsvDialect.format(','), List.of("a"))) {
            rows.add(2, "bad", List.of("x"));
            file = rows.finish();
            assertThat(file).exists();
        }
        assertThat(Files.exists(file)).isFalse();
    }
}
