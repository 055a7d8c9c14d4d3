package inventory.tracing;

/**
 * Text that comes from outside (an S3 key, an item's attributes, an error message) as a span attribute: a trace
 * backend shows it on one line and stores a bounded amount, whatever a store uploaded.
 */
final class SpanText {

    /** An S3 key is at most 1024 bytes: a key is clipped only when escaping made it longer. */
    static final int MAX_LENGTH = 1024;

    private SpanText() {
    }

    /** Control characters (line breaks too) as {@code \\uXXXX}, cut to {@link #MAX_LENGTH} characters ending in '…'. */
    static String of(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_LENGTH) + 8);
        for (int i = 0; i < s.length() && out.length() <= MAX_LENGTH; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() > MAX_LENGTH) {
            out.setLength(MAX_LENGTH - 1);
            if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1); // never half a character
            }
            out.append('…');
        }
        return out.toString();
    }
}
