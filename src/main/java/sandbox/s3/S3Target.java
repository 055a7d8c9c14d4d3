package sandbox.s3;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a path-style request addresses: the service ({@code /}), a bucket ({@code /b}) or an object
 * ({@code /b/key}). The key is everything after the bucket, percent-decoded; it is data, never a path
 * ({@code ../}, {@code //} and {@code +} stay as they are).
 */
public record S3Target(String bucket, String key) {

    public static S3Target parse(String rawPath) {
        String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (p.isEmpty()) {
            return new S3Target(null, null);
        }
        int slash = p.indexOf('/');
        if (slash < 0) {
            return new S3Target(percentDecode(p), null);
        }
        String key = p.substring(slash + 1);
        return new S3Target(percentDecode(p.substring(0, slash)), key.isEmpty() ? null : percentDecode(key));
    }

    boolean isService() {
        return bucket == null;
    }

    boolean isBucket() {
        return bucket != null && key == null;
    }

    boolean isObject() {
        return key != null;
    }

    /** Decodes {@code %XX} escapes as UTF-8; {@code +} is a plus sign in a path. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw invalidUri(s);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw invalidUri(s);
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalidUri(s);
        }
    }

    /** For messages: the decoded text, or the raw text when it does not decode. */
    static String safeDecode(String s) {
        try {
            return percentDecode(s);
        } catch (S3Error e) {
            return s;
        }
    }

    private static S3Error invalidUri(String s) {
        return new S3Error(400, "InvalidURI", "Couldn't parse the specified URI.").with("URI", s);
    }
}
