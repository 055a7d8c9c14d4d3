package inventory.imports;

import inventory.InventorySettings.InputLimits;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Sits between the decoded upload and the CSV parser and enforces the input limits before the parser buffers
 * anything: commons-csv keeps a whole field in memory until it ends (it has no limit of its own), so one 120 MB
 * quoted field would exhaust the heap before any check on parsed records could run.
 *
 * <p>It follows RFC 4180 as the parser reads it: a quote at the start of a field opens a quoted field, {@code ""}
 * inside one is an escaped quote, and a line break ends a record only outside quotes; the delimiter outside quotes
 * ends a field. Bytes are UTF-8 bytes of the decoded text. When a limit is passed it hands over the text before the
 * offending character first (so the parser finishes every record before it), then throws a
 * {@link RefusedInputException} naming the line the record starts on and the limit.
 */
public final class LimitedCsvReader extends FilterReader {

    private final InputLimits limits;
    private final char delimiter;
    /** The physical line the next character is on (CR, LF and CRLF each end one). */
    private long line = 1;
    private boolean afterCr;
    private long recordStartLine = 1;
    private long recordBytes;
    private long fieldBytes;
    private int columns = 1;
    private boolean fieldStart = true;
    private boolean quoted;
    /** A quote inside a quoted field: the next character says whether it was escaped ({@code ""}) or closing. */
    private boolean quoteSeen;
    private RefusedInputException refused;

    public LimitedCsvReader(Reader in, char delimiter, InputLimits limits) {
        super(in);
        this.delimiter = delimiter;
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (refused != null) {
            throw refused;
        }
        int n = in.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            refused = accept(buffer[offset + i]);
            if (refused != null) {
                if (i > 0) {
                    return i; // the text before it first: the parser finishes the records before the offending one
                }
                throw refused;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        char[] sink = new char[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Counts one character; returns why the file is refused, or null. */
    private RefusedInputException accept(char c) {
        boolean lineBreak = c == '\n' || c == '\r';
        if (lineBreak && !(c == '\n' && afterCr)) {
            line++;
        }
        afterCr = c == '\r';
        if (quoted) {
            if (!quoteSeen) {
                quoteSeen = c == '"';
                return count(c);
            }
            quoteSeen = false;
            if (c == '"') {
                return count(c); // "" inside quotes: one escaped quote
            }
            quoted = false; // that quote closed the field; c is read as outside quotes
        }
        if (lineBreak) {
            recordStartLine = line;
            recordBytes = 0;
            fieldBytes = 0;
            columns = 1;
            fieldStart = true;
            return null;
        }
        if (c == delimiter) {
            fieldBytes = 0;
            fieldStart = true;
            if (++columns > limits.maxColumns()) {
                return refuse("more than " + limits.maxColumns() + " fields (inventory.csv.max-columns)");
            }
            return countRecord(c);
        }
        if (c == '"' && fieldStart) {
            quoted = true;
        }
        fieldStart = false;
        return count(c);
    }

    private RefusedInputException count(char c) {
        fieldBytes += utf8(c);
        if (fieldBytes > limits.maxFieldBytes()) {
            return refuse("a field longer than " + limits.maxFieldBytes() + " bytes (inventory.csv.max-field-bytes)");
        }
        return countRecord(c);
    }

    private RefusedInputException countRecord(char c) {
        recordBytes += utf8(c);
        if (recordBytes > limits.maxRecordBytes()) {
            return refuse("more than " + limits.maxRecordBytes() + " bytes (inventory.csv.max-record-bytes)");
        }
        return null;
    }

    private RefusedInputException refuse(String what) {
        String record = recordStartLine == 1 ? "the header row (line 1)" : "the record starting on line " + recordStartLine;
        String reached = line == recordStartLine ? "" : ", reached on line " + line;
        return new RefusedInputException(record + " has " + what + reached);
    }

    /** UTF-8 bytes of one UTF-16 char: each half of a surrogate pair counts 2 (4 for the pair). */
    private static int utf8(char c) {
        return c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
}
