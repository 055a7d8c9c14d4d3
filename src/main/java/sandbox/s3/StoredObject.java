package sandbox.s3;

import java.time.Instant;

/**
 * One object: its key, bytes, ETag (unquoted: MD5 hex, or {@code md5-of-md5s-N} for multipart),
 * whole-second modification time, properties, and the checksum S3 keeps (null if none was sent).
 *
 * @param partsCount the number of parts for a multipart object, 0 for a single PUT or copy
 */
record StoredObject(String key, Content content, String etag, Instant lastModified, ObjectProperties properties,
                    StoredChecksum checksum, int partsCount) {

    long size() {
        return content.size();
    }

    String quotedEtag() {
        return '"' + etag + '"';
    }
}
