package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpdatedAtTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    private final UpdatedAt utc = new UpdatedAt(ZoneOffset.UTC, clock);

    @Test
    void formatIsFixedWidthEvenForWholeSeconds() {
        assertThat(UpdatedAt.format(Instant.parse("2026-11-24T10:00:00Z"))).isEqualTo("2026-11-24T10:00:00.000Z");
        assertThat(UpdatedAt.format(Instant.parse("2026-11-24T10:00:00.5Z"))).isEqualTo("2026-11-24T10:00:00.500Z");
    }

    @Test
    void stringOrderIsTimeOrder() {
        String whole = UpdatedAt.format(Instant.parse("2026-11-24T10:00:00Z"));
        String half = UpdatedAt.format(Instant.parse("2026-11-24T10:00:00.500Z"));
        assertThat(whole.compareTo(half)).isNegative();
        // the trap the fixed form avoids
        assertThat("2026-11-24T10:00:00Z".compareTo("2026-11-24T10:00:00.500Z")).isPositive();
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-24T10:15:30Z, 2026-11-24T10:15:30.000Z",
        "2026-11-24T10:15:30.1Z, 2026-11-24T10:15:30.100Z",
        "2026-11-24T10:15:30.123456789Z, 2026-11-24T10:15:30.123Z",
        "2026-11-24T11:15:30+01:00, 2026-11-24T10:15:30.000Z",
        "2026-11-24T05:15:30-05:00, 2026-11-24T10:15:30.000Z",
        "2026-11-24T10:15:30, 2026-11-24T10:15:30.000Z",
        "2026-11-24 10:15:30, 2026-11-24T10:15:30.000Z",
        "2026-11-24t10:15:30z, 2026-11-24T10:15:30.000Z",
        "2026-11-24T10:15, 2026-11-24T10:15:00.000Z",
    })
    void acceptsIsoInstantsOffsetsAndLocalTimes(String raw, String expected) {
        assertThat(utc.parse(raw)).map(UpdatedAt::format).contains(expected);
    }

    @Test
    void localTimesAreReadInTheConfiguredZone() {
        UpdatedAt paris = new UpdatedAt(ZoneId.of("Europe/Paris"), clock);
        assertThat(paris.parse("2026-07-01T12:00:00")).map(UpdatedAt::format).contains("2026-07-01T10:00:00.000Z");
        assertThat(paris.parse("2026-01-01T12:00:00")).map(UpdatedAt::format).contains("2026-01-01T11:00:00.000Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankMeansNoTimestamp(String raw) {
        assertThat(utc.parse(raw)).isEmpty();
        assertThat(utc.parse(null)).isEmpty();
    }

    @Test
    void dateWithoutTimeIsRejectedWithAHint() {
        assertThatThrownBy(() -> utc.parse("2026-11-24")).hasMessageContaining("date without a time")
                .hasMessageContaining("2026-11-24T00:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "24/11/2026 10:00", "2026-13-01T00:00:00Z", "2026-11-24T25:00:00Z",
        "1700000000", "2026-11-24T10:00:00+25:00"})
    void nonsenseIsRejected(String raw) {
        assertThatThrownBy(() -> utc.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an ISO-8601 date-time");
    }

    @Test
    void surroundingSpacesAreRejected() {
        assertThatThrownBy(() -> utc.parse(" 2026-11-24T10:00:00Z")).hasMessageContaining("spaces");
    }

    @Test
    void farFutureIsRejectedButTomorrowMorningIsFine() {
        assertThat(utc.parse("2026-11-25T06:00:00Z")).isPresent();
        assertThatThrownBy(() -> utc.parse("2027-01-01T00:00:00Z")).hasMessageContaining("in the future");
    }

    @Test
    void yearsOutsideFourDigitsAreRejected() {
        assertThatThrownBy(() -> utc.parse("0999-01-01T00:00:00Z")).hasMessageContaining("1000-9999");
    }
}
