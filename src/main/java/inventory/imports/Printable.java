package inventory.imports;

/**
 * A value from outside (an S3 key, a CSV field, a header name, a queue message, an exception message that quotes
 * one) made safe to put in a log line or a report: line breaks and other control characters are escaped, so a value
 * can never start a forged log line or move a terminal's cursor, and a long value is clipped, its length shown, so
 * a 3 MB field never becomes a 3 MB log line.
 *
 * <p>{@code \n}, {@code \r}, {@code \t} become {@code \\n}, {@code \\r}, {@code \\t}; every other control character
 * (C0, DEL, C1), the Unicode line and paragraph separators and the bidirectional overrides become {@code \\uXXXX}.
 * Printable text passes unchanged, so escaping twice changes nothing. Clipped: the first {@link #MAX_CHARS}
 * characters of the escaped text, then {@code ...(3145728 chars)}, the original length.
 */
public final class Printable {

    /** How much of a value a log line or a reason shows. */
    public static final int MAX_CHARS = 120;
    /** How much of a reason (a report's failure, a rejected row's error, an exception's message) is kept. */
    public static final int MAX_REASON_CHARS = 300;

    private Printable() {
    }

    /** The value escaped and clipped to {@link #MAX_CHARS}; {@code null} stays {@code "null"}. */
    public static String of(String value) {
        return of(value, MAX_CHARS);
    }

    /** The value escaped and clipped to {@code maxChars} characters (plus the length marker). */
    public static String of(String value, int maxChars) {
        if (value == null) {
            return "null";
        }
        int n = value.length();
        StringBuilder out = new StringBuilder(Math.min(n, maxChars) + 24);
        int i = 0;
        for (; i < n; i++) {
            char c = value.charAt(i);
            String escape = escape(c);
            if (out.length() + (escape == null ? 1 : escape.length()) > maxChars) {
                break;
            }
            if (escape == null) {
                out.append(c);
            } else {
                out.append(escape);
            }
        }
        if (i == n) {
            return out.toString();
        }
        if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1); // never half a character
        }
        return out.append("...(").append(n).append(" chars)").toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                    ? String.format("\\u%04X", (int) c) : null;
        };
    }
}
