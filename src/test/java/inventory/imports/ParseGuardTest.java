package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParseGuardTest {

    /** Rows, then a failure from hasNext() as camel-csv's lazy iterator throws it. */
    private static Iterator<CsvRow> failingAfter(CsvRow row, RuntimeException failure) {
        return new Iterator<>() {
            private boolean given;

            @Override
            public boolean hasNext() {
                if (!given) {
                    return true;
                }
                throw failure;
            }

            @Override
            public CsvRow next() {
                given = true;
                return row;
            }
        };
    }

    @Test
    void brokenCsvBecomesALastRowCarryingTheReason() {
        CsvRow good = new CsvRow(2, List.of("s", "i", "1"));
        ParseGuard guard = new ParseGuard(failingAfter(good, new IllegalStateException("EOF reached before encapsulated token finished")));
        assertThat(guard.next()).isEqualTo(good);
        assertThat(guard.next().parseError()).isEqualTo("EOF reached before encapsulated token finished");
        assertThat(guard.hasNext()).isFalse();
    }

    @Test
    void failingToReadTheObjectIsThrownNotMistakenForBrokenCsv() {
        // a download cut off mid-file must be retried, not sent to failed/ as "not valid CSV"
        RuntimeException cut = new UncheckedIOException(new SourceReadException(new IOException("Premature end of body")));
        ParseGuard guard = new ParseGuard(failingAfter(new CsvRow(2, List.of("a")), cut));
        guard.next();
        assertThatThrownBy(guard::hasNext).isSameAs(cut);
    }

    @Test
    void aRecordOverALimitEndsTheFileInOrderNamingTheLimit() {
        CsvRow good = new CsvRow(2, List.of("s", "i", "1"));
        RefusedInputException refused = new RefusedInputException(
                "the record starting on line 3 has a field longer than 20 bytes (inventory.csv.max-field-bytes)");
        ParseGuard guard = new ParseGuard(failingAfter(good, new UncheckedIOException(refused)));
        assertThat(guard.next()).isEqualTo(good);
        CsvRow end = guard.next();
        assertThat(end.parseError()).isEqualTo(refused.getMessage());
        assertThat(end.cause()).isSameAs(refused);
        assertThat(guard.hasNext()).isFalse();
    }

    @Test
    void anErrorWhileParsingEndsTheFileInOrderInsteadOfEscapingCamel() {
        CsvRow good = new CsvRow(2, List.of("s", "i", "1"));
        ParseGuard guard = new ParseGuard(new Iterator<>() {
            private boolean given;

            @Override
            public boolean hasNext() {
                if (given) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return true;
            }

            @Override
            public CsvRow next() {
                given = true;
                return good;
            }
        });
        assertThat(guard.next()).isEqualTo(good);
        assertThat(guard.hasNext()).isTrue();
        assertThat(guard.next().cause()).isInstanceOf(OutOfMemoryError.class);
        assertThat(guard.hasNext()).isFalse();
    }
}
