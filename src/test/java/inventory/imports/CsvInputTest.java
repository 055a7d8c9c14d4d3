package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.InventorySettings.CsvColumns;
import inventory.InventorySettings.InputLimits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The reader handed to camel-csv, parsed here the way camel-csv parses it (skipHeaderRecord, our converter). */
class CsvInputTest {

    private static final CsvColumns COLUMNS = new CsvColumns("store", "item", "quantity", "updated_at");
    private static final CSVFormat FORMAT = CsvDialect.format(',');
    private static final InputLimits LIMITS = new InputLimits(8 << 20, 4 << 20, 1024, 100);

    private static List<CsvRow> rows(CsvInput.Prepared p) throws Exception {
        CSVFormat camelLike = FORMAT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<CsvRow> out = new ArrayList<>();
        CsvRowConverter converter = new CsvRowConverter();
        try (CSVParser parser = CSVParser.builder().setReader(p.reader()).setFormat(camelLike).get()) {
            for (CSVRecord r : parser) {
                out.add(converter.convertRecord(r));
            }
        }
        return out;
    }

    private static CsvInput.Prepared prepare(byte[] bytes) {
        return CsvInput.prepare(new ByteArrayInputStream(bytes), FORMAT, COLUMNS, LIMITS);
    }

    private static CsvInput.Prepared prepare(String text) {
        return prepare(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bomIsSkippedAndHeaderReadAhead() throws Exception {
        byte[] body = ("\uFEFFstore,item,quantity\r\ns1,a,1\r\n").getBytes(StandardCharsets.UTF_8);
        CsvInput.Prepared p = prepare(body);
        assertThat(p.header().names()).containsExactly("store", "item", "quantity");
        assertThat(p.headerEndLine()).isEqualTo(1);
        assertThat(rows(p)).extracting(CsvRow::values).containsExactly(List.of("s1", "a", "1"));
    }

    @Test
    void recordsKnowWhereTheyEndSoStartLinesCanBeDerived() throws Exception {
        CsvInput.Prepared p = prepare("store,item,quantity\ns1,a,1\n\ns1,\"multi\nline\",2\ns1,c,3\n");
        List<CsvRow> rows = rows(p);
        assertThat(rows).extracting(CsvRow::endLine).containsExactly(2L, 3L, 5L, 6L);
        assertThat(rows.get(1).isBlank()).isTrue();
        assertThat(rows.get(2).values()).containsExactly("s1", "multi\nline", "2");
    }

    @Test
    void quotedDelimitersCrlfAndMixedLineEndsParse() throws Exception {
        CsvInput.Prepared p = prepare("store,item,quantity,name\r\ns1,a,1,\"Hat, red\"\ns1,b,2,\"say \"\"hi\"\"\"\r\n");
        assertThat(rows(p)).extracting(CsvRow::values).containsExactly(List.of("s1", "a", "1", "Hat, red"),
                List.of("s1", "b", "2", "say \"hi\""));
    }

    @Test
    void invalidUtf8BecomesReplacementCharactersInsteadOfFailingTheFile() throws Exception {
        byte[] head = "store,item,quantity\ns1,".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28};
        byte[] tail = ",1\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        assertThat(rows(prepare(all)).get(0).values().get(1)).contains("\uFFFD");
    }

    @Test
    void emptyFileAndHeaderProblemsFailBeforeAnyRow() {
        assertThatThrownBy(() -> prepare(new byte[0])).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("no header row");
        assertThatThrownBy(() -> prepare("a,b,c\n1,2,3\n")).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("lacks required columns");
        assertThatThrownBy(() -> prepare(new byte[] {(byte) 0xFF, (byte) 0xFE, 's', 0})).hasMessageContaining("UTF-16");
    }

    @Test
    void headerOnlyFileHasNoRows() throws Exception {
        assertThat(rows(prepare("store,item,quantity\n"))).isEmpty();
    }

    @Test
    void theHeaderRowIsHeldToTheLimitsToo() {
        InputLimits small = new InputLimits(1000, 100, 10, 100);
        String manyColumns = "store,item,quantity," + "c,".repeat(20) + "d\ns1,a,1\n";
        assertThatThrownBy(() -> CsvInput.prepare(new ByteArrayInputStream(manyColumns.getBytes(StandardCharsets.UTF_8)),
                FORMAT, COLUMNS, small)).isInstanceOf(UnreadableFileException.class)
                .hasMessage("the header row (line 1) has more than 10 fields (inventory.csv.max-columns)");
        String longName = "store,item,quantity," + "n".repeat(200) + "\n";
        assertThatThrownBy(() -> CsvInput.prepare(new ByteArrayInputStream(longName.getBytes(StandardCharsets.UTF_8)),
                FORMAT, COLUMNS, small)).isInstanceOf(UnreadableFileException.class)
                .hasMessage("the header row (line 1) has a field longer than 100 bytes (inventory.csv.max-field-bytes)");
    }

    @Test
    void aRecordOverTheLimitsAfterAGoodHeaderIsLeftForTheRowsBeforeItToBeRead() throws Exception {
        InputLimits small = new InputLimits(1000, 100, 10, 100);
        CsvInput.Prepared p = CsvInput.prepare(new ByteArrayInputStream(("store,item,quantity\ns1,a,1\ns1,"
                + "b".repeat(500) + ",2\n").getBytes(StandardCharsets.UTF_8)), FORMAT, COLUMNS, small);
        assertThat(p.header().names()).containsExactly("store", "item", "quantity");
        assertThatThrownBy(() -> rows(p)).hasRootCauseInstanceOf(RefusedInputException.class)
                .rootCause().hasMessage("the record starting on line 3 has a field longer than 100 bytes (inventory.csv.max-field-bytes)");
    }
}
