package routes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** S3 event notification bodies as AWS writes them, for messages a test puts on a queue itself. */
final class S3Events {

    private S3Events() {
    }

    /** One {@code ObjectCreated:Put} record; the key URL-encoded as S3 does (a space as {@code +}). */
    static String created(String bucket, String key) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",\
                "eventTime":"2026-12-04T00:00:00.000Z","eventName":"ObjectCreated:Put",\
                "s3":{"s3SchemaVersion":"1.0","configurationId":"test","bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},\
                "object":{"key":"%s","size":10,"eTag":"0123456789abcdef0123456789abcdef","sequencer":"0055AED6DCD90281E5"}}}]}"""
                .formatted(bucket, bucket, URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"));
    }
}
