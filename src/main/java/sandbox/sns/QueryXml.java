package sandbox.sns;

/**
 * Writes awsQuery XML: {@code <XResponse><XResult>...</XResult><ResponseMetadata>} envelopes,
 * {@code <ErrorResponse>} errors, and everything in between escaped.
 */
final class QueryXml {

    static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    private final StringBuilder out = new StringBuilder(256);

    QueryXml open(String tag) {
        out.append('<').append(tag).append('>');
        return this;
    }

    QueryXml close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag>text</tag>}; nothing when {@code text} is null. */
    QueryXml element(String tag, String text) {
        if (text != null) {
            out.append('<').append(tag).append('>');
            escape(text, out);
            out.append("</").append(tag).append('>');
        }
        return this;
    }

    /** {@code <entry><key/><value/></entry>} for each map entry. */
    QueryXml entries(String tag, java.util.Map<String, String> map) {
        open(tag);
        map.forEach((k, v) -> open("entry").element("key", k).element("value", v).close("entry"));
        return close(tag);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** A successful response; {@code result} is null for actions without output. */
    static String response(String action, String requestId, QueryXml result) {
        StringBuilder sb = new StringBuilder(320);
        sb.append("<?xml version=\"1.0\"?>\n<").append(action).append("Response xmlns=\"").append(NAMESPACE)
                .append("\">");
        if (result != null) {
            sb.append('<').append(action).append("Result>").append(result.out).append("</").append(action)
                    .append("Result>");
        }
        sb.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata></")
                .append(action).append("Response>\n");
        return sb.toString();
    }

    static String error(int status, String code, String message, String requestId) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"").append(NAMESPACE).append("\"><Error><Type>")
                .append(status >= 500 ? "Receiver" : "Sender").append("</Type><Code>");
        escape(code, sb);
        sb.append("</Code><Message>");
        escape(message == null ? "" : message, sb);
        sb.append("</Message></Error><RequestId>").append(requestId).append("</RequestId></ErrorResponse>\n");
        return sb.toString();
    }

    /** XML-escapes text; characters XML 1.0 cannot carry become U+FFFD, CR survives as a reference. */
    static void escape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\r' -> sb.append("&#13;");
                case '\n', '\t' -> sb.append(c);
                default -> sb.append(c < 0x20 || c == 0xFFFE || c == 0xFFFF ? '\uFFFD' : c);
            }
        }
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        escape(s, sb);
        return sb.toString();
    }
}
