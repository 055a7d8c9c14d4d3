package inventory.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Where an import's results go in the bucket: the report, the rejected rows, and the archived file. */
public record ImportArchive(S3Client s3, String processedPrefix, String failedPrefix, String reportsPrefix,
                            String rejectedPrefix) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** S3's limit on a key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    private static final String REPORT_SUFFIX = ".json";
    /** S3's answer to a copy or delete whose ETag condition no longer holds. */
    private static final int PRECONDITION_FAILED = 412;

    /** Room left for a file's relative key in the longest key derived from it. */
    public int maxRelativeKeyBytes() {
        int longest = Math.max(Math.max(RowCheck.utf8(processedPrefix), RowCheck.utf8(failedPrefix)),
                Math.max(RowCheck.utf8(reportsPrefix) + REPORT_SUFFIX.length(), RowCheck.utf8(rejectedPrefix)));
        return MAX_KEY_BYTES - longest;
    }

    public String reportKey(UploadedFile file) {
        return reportsPrefix + file.relativeKey() + REPORT_SUFFIX;
    }

    public String rejectedKey(UploadedFile file) {
        return rejectedPrefix + file.relativeKey();
    }

    public String processedKey(UploadedFile file) {
        return processedPrefix + file.relativeKey();
    }

    public String failedKey(UploadedFile file) {
        return failedPrefix + file.relativeKey();
    }

    public void writeReport(UploadedFile file, ImportReport report) {
        try {
            s3.putObject(PutObjectRequest.builder().bucket(file.bucket()).key(reportKey(file))
                    .contentType("application/json").build(), RequestBody.fromBytes(JSON.writeValueAsBytes(report)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void writeRejected(UploadedFile file, Path csv) {
        s3.putObject(PutObjectRequest.builder().bucket(file.bucket()).key(rejectedKey(file))
                .contentType("text/csv; charset=utf-8").build(), RequestBody.fromFile(csv));
    }

    /** What {@link #move} did with the upload. */
    public enum Move {
        /** Copied to the destination, then deleted from where it was uploaded. */
        MOVED,
        /** The key held a newer upload before the copy: nothing was copied or deleted. */
        REPLACED_BEFORE_COPY,
        /** The key held a newer upload after the copy: the imported upload is archived, the newer one stays. */
        REPLACED_AFTER_COPY
    }

    /**
     * Copies the upload to {@code destination}, then deletes the original: nothing is deleted without a copy. Only
     * the upload that was imported is moved: the copy and the delete are both conditional on its ETag
     * ({@code x-amz-copy-source-if-match}, then a conditional delete with {@code If-Match}), so when the same key
     * was uploaded again during the import, the newer upload stays in the incoming prefix for its own import instead
     * of being archived unread or deleted. Without an ETag (a file given up before it was read), both are
     * unconditional. A conditional delete also needs {@code s3:GetObject} on the key, which the app has.
     */
    public Move move(UploadedFile file, String destination) {
        try {
            s3.copyObject(CopyObjectRequest.builder().sourceBucket(file.bucket()).sourceKey(file.key())
                    .copySourceIfMatch(file.etag()).destinationBucket(file.bucket()).destinationKey(destination).build());
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED && file.etag() != null) {
                return Move.REPLACED_BEFORE_COPY;
            }
            throw e;
        }
        try {
            s3.deleteObject(DeleteObjectRequest.builder().bucket(file.bucket()).key(file.key()).ifMatch(file.etag()).build());
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED && file.etag() != null) {
                return Move.REPLACED_AFTER_COPY;
            }
            if (!(e instanceof NoSuchKeyException)) {
                throw e;
            }
            // deleted by someone else since the copy: moved all the same
        }
        return Move.MOVED;
    }
}
