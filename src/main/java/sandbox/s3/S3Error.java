package sandbox.s3;

import java.util.LinkedHashMap;
import java.util.Map;
import sandbox.core.AwsException;

/**
 * An S3 error as AWS returns it: status, code, message and the extra elements S3 adds to the
 * {@code <Error>} body ({@code BucketName}, {@code Key}, {@code UploadId}, ...).
 */
final class S3Error extends AwsException {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> details = new LinkedHashMap<>();

    S3Error(int status, String code, String message) {
        super(status, code, message);
    }

    S3Error with(String element, Object value) {
        if (value != null) {
            details.put(element, String.valueOf(value));
        }
        return this;
    }

    Map<String, String> details() {
        return details;
    }

    static S3Error noSuchBucket(String bucket) {
        return new S3Error(404, "NoSuchBucket", "The specified bucket does not exist").with("BucketName", bucket);
    }

    static S3Error noSuchKey(String key) {
        return new S3Error(404, "NoSuchKey", "The specified key does not exist.").with("Key", key);
    }

    static S3Error noSuchUpload(String uploadId) {
        return new S3Error(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, "
                + "or the upload may have been aborted or completed.").with("UploadId", uploadId);
    }

    static S3Error invalidArgument(String message, String name, String value) {
        return new S3Error(400, "InvalidArgument", message).with("ArgumentName", name).with("ArgumentValue", value);
    }

    static S3Error invalidRequest(String message) {
        return new S3Error(400, "InvalidRequest", message);
    }

    static S3Error malformedXml() {
        return new S3Error(400, "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    static S3Error notImplemented(String what) {
        return new S3Error(501, "NotImplemented",
                "A header you provided implies functionality that is not implemented (" + what + ")");
    }

    static S3Error preconditionFailed(String condition) {
        return new S3Error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
                .with("Condition", condition);
    }

    static S3Error badDigest(String message) {
        return new S3Error(400, "BadDigest", message);
    }

    static S3Error incompleteBody() {
        return new S3Error(400, "IncompleteBody",
                "You did not provide the number of bytes specified by the Content-Length HTTP header");
    }

    static S3Error entityTooLarge(long proposed, long max) {
        return new S3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
                .with("ProposedSize", proposed).with("MaxSizeAllowed", max);
    }
}
