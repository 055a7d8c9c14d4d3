package sandbox.s3;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * User metadata values ({@code x-amz-meta-*}) as S3 treats them (User Guide, "Working with object metadata"):
 * RFC 2047 encoded words a client sent are decoded before storing, and a stored value that is not plain printable
 * US-ASCII is returned RFC 2047 Q-encoded in UTF-8 ({@code =?UTF-8?Q?Zo=C3=AB?=}), as S3 returns it. Header bytes
 * arrive as ISO-8859-1 characters: raw UTF-8 (curl, most HTTP libraries) is read as UTF-8, anything else (the Java
 * SDK's ISO-8859-1) as it came. A client that encodes what it writes reads it back by decoding what it reads.
 */
final class UserMetadataText {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");

    private UserMetadataText() {
    }

    /** The value to store for a header value as the HTTP server read it. */
    static String decode(String header) {
        String text = asUtf8IfItIs(header);
        if (!text.contains("=?")) {
            return text;
        }
        // whitespace between two encoded words is not part of the text (RFC 2047, 6.2)
        Matcher m = ENCODED_WORD.matcher(BETWEEN_WORDS.matcher(text).replaceAll("$1$2"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = decodeWord(m.group(1), m.group(2), m.group(3));
            m.appendReplacement(out, Matcher.quoteReplacement(word == null ? m.group() : word));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The header value to return for a stored value. */
    static String encode(String stored) {
        if (stored.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\t')) {
            return stored;
        }
        StringBuilder out = new StringBuilder("=?UTF-8?Q?");
        for (byte b : stored.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == ' ') {
                out.append('_');
            } else if (c > 0x20 && c < 0x7f && c != '=' && c != '?' && c != '_') {
                out.append((char) c);
            } else {
                out.append('=').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.append("?=").toString();
    }

    private static String asUtf8IfItIs(String latin1) {
        if (latin1.chars().allMatch(c -> c < 0x80) || latin1.chars().anyMatch(c -> c > 0xff)) {
            return latin1;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }

    /** One encoded word's text, or null when its charset or encoding cannot be decoded (it is then kept). */
    private static String decodeWord(String charsetName, String encoding, String text) {
        try {
            Charset charset = Charset.forName(charsetName.replaceFirst("\\*.*$", ""));
            byte[] bytes;
            if (encoding.equalsIgnoreCase("B")) {
                bytes = Base64.getDecoder().decode(text);
            } else {
                ByteArrayOutputStream q = new ByteArrayOutputStream();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '_') {
                        q.write(' ');
                    } else if (c == '=') {
                        if (i + 2 >= text.length()) {
                            throw new IllegalArgumentException("'=' without two hex digits");
                        }
                        q.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else {
                        q.write(c);
                    }
                }
                bytes = q.toByteArray();
            }
            return new String(bytes, charset);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
