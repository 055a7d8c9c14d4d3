package inventory.imports;

import java.time.Instant;

/**
 * The S3 object being imported, and the keys derived from it. The part of the key below the incoming
 * prefix is reused under the processed/failed/reports/rejected prefixes; path-like segments ({@code .},
 * {@code ..}, empty) are escaped so that a derived key never climbs out of its prefix, even for tools
 * that treat keys as paths.
 */
public record UploadedFile(String bucket, String key, String relativeKey, String etag, Instant lastModified,
                           long size) {

    public static UploadedFile of(String bucket, String key, String incomingPrefix, String etag,
                                  Instant lastModified, long size) {
        String rel = key.startsWith(incomingPrefix) ? key.substring(incomingPrefix.length()) : key;
        return new UploadedFile(bucket, key, safe(rel), etag, lastModified, size);
    }

    /** {@code s3://bucket/key}, as stored in each item's {@code source}. */
    public String source() {
        return "s3://" + bucket + "/" + key;
    }

    /** Identifies this upload: a re-upload of the same key is a new file. */
    public String uploadId() {
        return key + "#" + etag + "#" + lastModified;
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
