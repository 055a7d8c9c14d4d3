package inventory.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpanTextTest {

    @Test
    void plainTextIsKept() {
        assertThat(SpanText.of("incoming/stores/s1 ünïcode.csv")).isEqualTo("incoming/stores/s1 ünïcode.csv");
        assertThat(SpanText.of(null)).isNull();
    }

    @Test
    void controlCharactersAreEscapedSoAKeyStaysOneLine() {
        assertThat(SpanText.of("incoming/a\nb\r\u0000.csv")).isEqualTo("incoming/a\\u000Ab\\u000D\\u0000.csv");
    }

    @Test
    void longTextIsClippedWithAMark() {
        String key = "k".repeat(SpanText.MAX_LENGTH);
        assertThat(SpanText.of(key)).isEqualTo(key); // the longest S3 key fits
        String clipped = SpanText.of("\n".repeat(SpanText.MAX_LENGTH)); // each escape is 6 characters
        assertThat(clipped).hasSize(SpanText.MAX_LENGTH).endsWith("…").startsWith("\\u000A");
    }

    @Test
    void aClipNeverSplitsACharacter() {
        String clipped = SpanText.of("a" + "😀".repeat(SpanText.MAX_LENGTH));
        assertThat(clipped).endsWith("😀…");
        assertThat(Character.isHighSurrogate(clipped.charAt(clipped.length() - 2))).isFalse();
    }
}
