package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void lineBreaksAndControlCharactersAreEscapedSoNoValueCanStartALogLine() {
        assertThat(Printable.of("incoming/a\nINFO forged.csv")).isEqualTo("incoming/a\\nINFO forged.csv");
        assertThat(Printable.of("a\r\nb\tc")).isEqualTo("a\\r\\nb\\tc");
        assertThat(Printable.of("nul\u0000bell\u0007esc\u001b[31m del\u007f c1\u0085"))
                .isEqualTo("nul\\u0000bell\\u0007esc\\u001B[31m del\\u007F c1\\u0085");
        // Unicode line separators and bidirectional overrides (which reorder what a terminal shows)
        assertThat(Printable.of("a\u2028b\u202Ec\u2066")).isEqualTo("a\\u2028b\\u202Ec\\u2066");
        assertThat(Printable.of("a\nb")).doesNotContain("\n");
    }

    @Test
    void printableTextPassesUnchangedAndEscapingTwiceChangesNothing() {
        String text = "Filiale Zürich/日本語 'quoted' \\ back";
        assertThat(Printable.of(text)).isEqualTo(text);
        String escaped = Printable.of("a\nb");
        assertThat(Printable.of(escaped)).isEqualTo(escaped);
        assertThat(Printable.of(null)).isEqualTo("null");
    }

    @Test
    void aLongValueIsClippedWithItsLengthShown() {
        String big = "x".repeat(3 * 1024 * 1024);
        assertThat(Printable.of(big)).isEqualTo("x".repeat(Printable.MAX_CHARS) + "...(3145728 chars)");
        assertThat(Printable.of("abcdef", 3)).isEqualTo("abc...(6 chars)");
        assertThat(Printable.of("a".repeat(Printable.MAX_CHARS))).hasSize(Printable.MAX_CHARS);
    }

    @Test
    void clippingNeverCutsAnEscapeOrACharacterInHalf() {
        assertThat(Printable.of("ab\ncd", 3)).isEqualTo("ab...(5 chars)");
        assertThat(Printable.of("a\uD83D\uDE00b", 2)).isEqualTo("a...(4 chars)");
        assertThat(Printable.of("\n".repeat(1000), 10)).isEqualTo("\\n".repeat(5) + "...(1000 chars)");
    }
}
