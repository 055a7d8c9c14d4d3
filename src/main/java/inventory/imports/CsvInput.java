package inventory.imports;

import inventory.InventorySettings.CsvColumns;
import inventory.InventorySettings.InputLimits;
import inventory.RootCause;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.util.ObjectHelper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Prepares an uploaded object for camel-csv: skips a UTF-8 BOM, decodes UTF-8 without failing on bad
 * bytes (they become U+FFFD and only their row is rejected), holds every record to the input limits
 * ({@link LimitedCsvReader}, the header row included), and reads the header row ahead so that a
 * file without a usable header fails before any row is written. The returned reader starts again at
 * the header, which camel-csv then skips.
 */
public final class CsvInput {

    /** How far ahead the header may reach. */
    static final int MAX_HEADER_CHARS = 1 << 20;

    /** The prepared text and what the header said. */
    public record Prepared(Reader reader, CsvHeader header, long headerEndLine) {
    }

    private CsvInput() {
    }

    public static Prepared prepare(InputStream raw, CSVFormat format, CsvColumns columns, InputLimits limits) {
        try {
            PushbackInputStream in = new PushbackInputStream(raw, 3);
            skipBom(in);
            Reader decoded = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
            BufferedReader reader = new BufferedReader(
                    new LimitedCsvReader(decoded, format.getDelimiterString().charAt(0), limits), 64 * 1024);
            reader.mark(MAX_HEADER_CHARS);
            List<String> names;
            long headerEndLine;
            // a throwaway parser on the marked reader: same dialect as camel-csv, header only
            CSVParser headerParser = CSVParser.builder().setReader(reader).setFormat(format).get();
            try {
                Iterator<CSVRecord> records = headerParser.iterator();
                CSVRecord first = records.hasNext() ? records.next() : null;
                names = first == null ? List.of() : List.of(first.values());
                headerEndLine = Math.max(1, headerParser.getCurrentLineNumber());
            } catch (UncheckedIOException | IllegalStateException e) {
                RefusedInputException refused = ObjectHelper.getException(RefusedInputException.class, e);
                if (refused != null) {
                    throw new UnreadableFileException(refused.getMessage(), e);
                }
                throw new UnreadableFileException("the header row is not valid CSV: "
                        + Printable.of(RootCause.message(e), Printable.MAX_REASON_CHARS), e);
            }
            CsvHeader header = CsvHeader.of(names, columns);
            try {
                reader.reset();
            } catch (IOException e) {
                throw new UnreadableFileException("the header row is longer than " + MAX_HEADER_CHARS + " characters");
            }
            return new Prepared(reader, header, headerEndLine);
        } catch (RefusedInputException e) {
            throw new UnreadableFileException(e.getMessage(), e); // corrupt gzip, found at its first bytes
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded object", e);
        }
    }

    private static void skipBom(PushbackInputStream in) throws IOException {
        byte[] head = new byte[3];
        int n = in.readNBytes(head, 0, 3);
        if (n >= 2 && (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE || head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)) {
            throw new UnreadableFileException("the file is UTF-16 text; save it as UTF-8 CSV");
        }
        boolean bom = n == 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
        if (!bom && n > 0) {
            in.unread(head, 0, n);
        }
    }
}
