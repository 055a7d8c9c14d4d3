package sandbox.s3;

/**
 * A checksum S3 keeps with an object or part. {@code type} is {@code FULL_OBJECT} (of all the bytes)
 * or {@code COMPOSITE} (of the parts' checksums, value suffixed with {@code -N}).
 */
record StoredChecksum(ChecksumAlgorithm algorithm, String value, String type) {

    static final String FULL_OBJECT = "FULL_OBJECT";
    static final String COMPOSITE = "COMPOSITE";

    static StoredChecksum full(ChecksumAlgorithm algorithm, String value) {
        return new StoredChecksum(algorithm, value, FULL_OBJECT);
    }
}
