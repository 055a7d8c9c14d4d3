package sandbox.s3;

import java.time.Instant;

/** One uploaded part of a multipart upload. {@code etag} is the unquoted MD5 hex of its bytes. */
record Part(int number, Blob blob, String etag, Instant lastModified, StoredChecksum checksum) {

    long size() {
        return blob.size();
    }
}
