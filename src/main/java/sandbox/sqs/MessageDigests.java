package sandbox.sqs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MD5 digests SQS returns and the AWS SDKs verify: of the body's UTF-8 bytes, and of the message
 * attributes in SQS's binary encoding (sorted by name; each name, data type and value prefixed by its
 * 4-byte big-endian length, a transport byte 1 for strings and numbers, 2 for binary, before the value).
 */
final class MessageDigests {

    private MessageDigests() {
    }

    static String ofBody(String body) {
        return hex(md5().digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The digest of these attributes, or null when there are none (SQS then sends no digest). */
    static String ofAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, MessageAttribute> e : new TreeMap<>(attributes).entrySet()) {
            MessageAttribute a = e.getValue();
            lengthPrefixed(out, e.getKey().getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(out, a.dataType().getBytes(StandardCharsets.UTF_8));
            out.write(a.isBinary() ? 2 : 1);
            lengthPrefixed(out, a.valueBytes());
        }
        return hex(md5().digest(out.toByteArray()));
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
