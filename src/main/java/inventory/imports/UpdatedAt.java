package inventory.imports;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code updatedAt} timestamp: parsed from a row's {@code updated_at} and written in ONE fixed-width
 * UTC form, {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, so that comparing the strings (as DynamoDB's condition
 * does) compares the instants. {@link Instant#toString()} would not do: it drops zero fractions, and
 * "…:00Z" sorts after "…:00.500Z".
 */
public final class UpdatedAt {

    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SPACE_SEPARATED = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d.*");
    private static final Pattern HAS_OFFSET = Pattern.compile(".*(Z|z|[+-]\\d{2}(:?\\d{2})?)$");
    private static final Instant MIN = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");
    /** Rows dated further ahead than this are refused: they would block every later update of the item. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    private final ZoneId localZone;
    private final Clock clock;

    /**
     * @param localZone the zone of timestamps written without an offset
     * @param clock     "now", to refuse timestamps far in the future
     */
    public UpdatedAt(ZoneId localZone, Clock clock) {
        this.localZone = localZone;
        this.clock = clock;
    }

    /** The fixed-width form of an instant, truncated to milliseconds. */
    public static String format(Instant instant) {
        return FIXED.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Reads a row's {@code updated_at}: an ISO-8601 instant ({@code 2026-11-24T10:15:30Z}), an offset
     * date-time ({@code 2026-11-24T11:15:30+01:00}) or a local date-time ({@code 2026-11-24T10:15:30},
     * read in the configured zone); 'T' or a space between date and time; any fraction, truncated to
     * milliseconds.
     *
     * @return the instant, or empty for a blank value (the caller applies the fallback)
     * @throws IllegalArgumentException with a reason a user can act on
     */
    public Optional<Instant> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (!text.equals(raw)) {
            throw new IllegalArgumentException("updated_at '" + Printable.of(raw) + "' has spaces around it");
        }
        if (DATE_ONLY.matcher(text).matches()) {
            throw new IllegalArgumentException("updated_at '" + Printable.of(raw)
                    + "' is a date without a time; write e.g. " + text + "T00:00:00Z");
        }
        if (SPACE_SEPARATED.matcher(text).matches()) {
            text = text.replaceFirst(" ", "T");
        }
        Instant instant;
        try {
            if (HAS_OFFSET.matcher(text).matches()) {
                instant = OffsetDateTime.parse(text.replace('z', 'Z'), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant();
            } else {
                instant = LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(localZone).toInstant();
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("updated_at '" + Printable.of(raw)
                    + "' is not an ISO-8601 date-time (e.g. 2026-11-24T10:15:30Z, 2026-11-24T11:15:30+01:00 or "
                    + "2026-11-24T10:15:30 in " + localZone + ")");
        }
        instant = instant.truncatedTo(ChronoUnit.MILLIS);
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new IllegalArgumentException("updated_at '" + Printable.of(raw) + "' is outside the years 1000-9999");
        }
        if (instant.isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
            throw new IllegalArgumentException("updated_at '" + Printable.of(raw)
                    + "' is more than a day in the future; it would block every later update of this item");
        }
        return Optional.of(instant);
    }
}
