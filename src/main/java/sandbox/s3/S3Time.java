package sandbox.s3;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** S3's two time formats: ISO 8601 with milliseconds in XML, RFC 1123 in HTTP headers. */
final class S3Time {

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private S3Time() {
    }

    static String iso(Instant t) {
        return ISO.format(t);
    }

    static String http(Instant t) {
        return HTTP.format(t);
    }

    /** S3 keeps modification times in whole seconds. */
    static Instant truncate(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    /** An HTTP date header, or null when absent or unparseable (S3 then ignores the condition). */
    static Instant parseHttp(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
