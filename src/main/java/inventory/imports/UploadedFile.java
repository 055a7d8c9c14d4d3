package inventory.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The S3 object being imported, and the keys derived from it. The part of the key below the incoming
 * prefix is reused under the processed/failed/reports/rejected prefixes; path-like segments ({@code .},
 * {@code ..}, empty) are escaped so that a derived key never climbs out of its prefix, even for tools
 * that treat keys as paths. A relative key too long for the longest derived key (S3 keys are at most 1024
 * UTF-8 bytes) keeps its start and ends in {@code ~} and a hash of the whole, so it still fits and stays unique.
 */
public record UploadedFile(String bucket, String key, String relativeKey, String etag, Instant lastModified,
                           long size) {

    /**
     * @param maxRelativeBytes room for the relative key in the longest derived key
     *                         ({@link ImportArchive#maxRelativeKeyBytes()})
     */
    public static UploadedFile of(String bucket, String key, String incomingPrefix, String etag,
                                  Instant lastModified, long size, int maxRelativeBytes) {
        String rel = key.startsWith(incomingPrefix) ? key.substring(incomingPrefix.length()) : key;
        return new UploadedFile(bucket, key, fit(safe(rel), maxRelativeBytes), etag, lastModified, size);
    }

    /** {@code s3://bucket/key}, as stored in each item's {@code source}. */
    public String source() {
        return "s3://" + bucket + "/" + key;
    }

    /** Shortens {@code rel} to {@code maxBytes} UTF-8 bytes: its start (cut between characters), '~', 16 hex of its SHA-256. */
    static String fit(String rel, int maxBytes) {
        byte[] bytes = rel.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return rel;
        }
        String tag = "~" + sha256(bytes).substring(0, 16);
        int room = Math.max(0, maxBytes - tag.length());
        int end = 0;
        int used = 0;
        while (end < rel.length()) {
            int cp = rel.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + size > room) {
                break;
            }
            used += size;
            end += Character.charCount(cp);
        }
        return rel.substring(0, end) + tag;
    }

    /** SHA-256 of the bytes, in hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Escapes '%' and whole segments '.', '..' and '' so the mapping stays one-to-one and path-safe. */
    static String safe(String rel) {
        String escaped = rel.replace("%", "%25");
        String[] segments = escaped.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals(".") || s.equals("..") || s.isEmpty() && i < segments.length - 1) {
                s = s.isEmpty() ? "%2F" : s.replace(".", "%2E");
            }
            out.append(i == 0 ? "" : "/").append(s);
        }
        return out.length() == 0 ? "%00" : out.toString();
    }
}
