package inventory.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rejected rows of one file, as CSV: {@code line,error,<the row's own fields>} (line and error first,
 * so they line up whatever the row's width). Spooled to a temporary file, never held in memory. Fields
 * that a spreadsheet would run as a formula ({@code = + - @}, tab, CR) get a leading apostrophe.
 */
public final class RejectedRows implements AutoCloseable {

    private final CSVFormat format;
    private final List<String> header;
    private Path file;
    private CSVPrinter printer;
    private boolean finished;
    private long count;

    public RejectedRows(CSVFormat format, List<String> header) {
        this.format = format;
        this.header = header;
    }

    public synchronized void add(long line, String reason, List<String> values) {
        try {
            if (printer == null) {
                file = Files.createTempFile("rejected-", ".csv");
                BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                printer = new CSVPrinter(out, format);
                List<String> head = new ArrayList<>(List.of("line", "error"));
                header.forEach(h -> head.add(defuse(h)));
                printer.printRecord(head);
            }
            List<String> record = new ArrayList<>(values.size() + 2);
            record.add(Long.toString(line));
            record.add(defuse(reason));
            values.forEach(v -> record.add(defuse(v)));
            printer.printRecord(record);
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rejected rows", e);
        }
    }

    public synchronized long count() {
        return count;
    }

    /** The finished CSV file, or null when no row was rejected. May be called again (a file failing after completion). */
    public synchronized Path finish() {
        if (printer == null || finished) {
            return file;
        }
        try {
            printer.close(true);
            finished = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Neutralises spreadsheet formulas (OWASP CSV injection guidance). */
    static String defuse(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }

    @Override
    public synchronized void close() {
        try {
            if (printer != null) {
                printer.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover temp file is harmless
        }
    }
}
