package inventory.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of an SQS message that S3 sent about a bucket: the event notification JSON
 * ({@code {"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":..},"object":{"key":..,"size":..}}}]}}),
 * the {@code s3:TestEvent} S3 sends once when notifications are configured, or either of them wrapped in an SNS
 * notification ({@code {"Type":"Notification","Message":"..."}}) for a bucket that notifies a topic the queue
 * subscribes to.
 */
public final class S3EventMessage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private S3EventMessage() {
    }

    /** What a message says. */
    public sealed interface Content permits Uploads, TestEvent, NotAnS3Event {
    }

    /** Objects created (usually one: S3 sends one record per message). */
    public record Uploads(List<UploadNotice> notices) implements Content {
    }

    /** S3 checking that it can reach the queue. */
    public record TestEvent(String bucket) implements Content {
    }

    /** Anything else: not JSON, no records, a record without bucket or key, a key that does not URL-decode. */
    public record NotAnS3Event(String why) implements Content {
    }

    public static Content parse(String body) {
        if (body == null || body.isBlank()) {
            return new NotAnS3Event("an empty message");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return new NotAnS3Event("not JSON");
        }
        if (root != null && "Notification".equals(root.path("Type").asText()) && root.path("Message").isTextual()) {
            return parse(root.get("Message").asText());
        }
        if (root == null || !root.isObject()) {
            return new NotAnS3Event("not a JSON object");
        }
        if ("s3:TestEvent".equals(root.path("Event").asText())) {
            return new TestEvent(root.path("Bucket").asText(""));
        }
        JsonNode records = root.path("Records");
        if (!records.isArray() || records.isEmpty()) {
            return new NotAnS3Event("no Records");
        }
        List<UploadNotice> notices = new ArrayList<>();
        for (JsonNode r : records) {
            String bucket = r.path("s3").path("bucket").path("name").asText("");
            String key = r.path("s3").path("object").path("key").asText("");
            if (bucket.isEmpty() || key.isEmpty()) {
                return new NotAnS3Event("a record without s3.bucket.name or s3.object.key");
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(key, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new NotAnS3Event("a record whose key '" + Printable.of(key) + "' is not URL-encoded as S3 "
                        + "encodes keys (" + Printable.of(e.getMessage()) + ")");
            }
            notices.add(new UploadNotice(bucket, decoded, r.path("eventName").asText(""),
                    r.path("s3").path("object").path("size").asLong(-1)));
        }
        return new Uploads(List.copyOf(notices));
    }
}
