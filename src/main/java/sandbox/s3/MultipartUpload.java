package sandbox.s3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A multipart upload in progress. Its parts change under the upload's own lock, so that parts of
 * one upload never wait for another upload.
 */
final class MultipartUpload {

    private final String key;
    private final String uploadId;
    private final Instant initiated;
    private final ObjectProperties properties;
    private final ChecksumAlgorithm checksumAlgorithm;
    private final String checksumType;
    private final TreeMap<Integer, Part> parts = new TreeMap<>();
    private boolean finished;

    /**
     * @param checksumAlgorithm the algorithm named at creation, or null
     * @param checksumType      {@code COMPOSITE} or {@code FULL_OBJECT} when an algorithm is set, else null
     */
    MultipartUpload(String key, String uploadId, Instant initiated, ObjectProperties properties,
                    ChecksumAlgorithm checksumAlgorithm, String checksumType) {
        this.key = key;
        this.uploadId = uploadId;
        this.initiated = initiated;
        this.properties = properties;
        this.checksumAlgorithm = checksumAlgorithm;
        this.checksumType = checksumType;
    }

    String key() {
        return key;
    }

    String uploadId() {
        return uploadId;
    }

    Instant initiated() {
        return initiated;
    }

    ObjectProperties properties() {
        return properties;
    }

    ChecksumAlgorithm checksumAlgorithm() {
        return checksumAlgorithm;
    }

    String checksumType() {
        return checksumType;
    }

    /** Adds or replaces a part; returns the part it replaced, or null. Fails if the upload has ended. */
    synchronized Part putPart(Part part) {
        if (finished) {
            throw S3Error.noSuchUpload(uploadId);
        }
        return parts.put(part.number(), part);
    }

    synchronized List<Part> parts() {
        return new ArrayList<>(parts.values());
    }

    synchronized Part part(int number) {
        return parts.get(number);
    }

    synchronized boolean isFinished() {
        return finished;
    }

    /** Marks the upload ended (completed or aborted); false if it had already ended. */
    synchronized boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        return true;
    }
}
