package sandbox.s3;

import java.nio.charset.StandardCharsets;

/** Writes the small XML documents S3 answers with, escaping text as S3 does. */
final class Xml {

    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final StringBuilder out = new StringBuilder(256);

    private Xml() {
    }

    /** A document whose root element carries the S3 namespace. */
    static Xml document(String root) {
        Xml x = new Xml();
        x.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root)
                .append(" xmlns=\"").append(NAMESPACE).append("\">");
        return x;
    }

    /** A document whose root element has no namespace ({@code <Error>}). */
    static Xml plainDocument(String root) {
        Xml x = new Xml();
        x.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root).append('>');
        return x;
    }

    Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>text</name>}; nothing when {@code value} is null. */
    Xml element(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>');
            escape(String.valueOf(value));
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** Escaped text directly inside the current element. */
    Xml text(String value) {
        escape(value);
        return this;
    }

    byte[] finish(String root) {
        close(root);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                // a raw CR would be read back as LF; control characters only survive as references
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n') {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
