package sandbox.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The awsJson 1.0 wire format shared by DynamoDB, DynamoDB Streams and SQS: responses carry
 * {@code x-amz-crc32} of the exact body (the Java SDK checks it when present) and a request id;
 * errors are {@code {"__type":"<namespace>#Code","message":"..."}}, the namespace being the service's
 * ({@code com.amazonaws.dynamodb.v20120810#} for DynamoDB and Streams, {@code com.amazonaws.sqs#} for SQS).
 */
public final class JsonProtocol {

    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    /** The {@code __type} namespace of DynamoDB's and DynamoDB Streams' errors. */
    public static final String DYNAMODB_ERRORS = "com.amazonaws.dynamodb.v20120810#";

    private JsonProtocol() {
    }

    /** The operation named by {@code X-Amz-Target: <prefix>.<Operation>}, or "Unknown". */
    public static String operation(SandboxRequest request) {
        String target = request.header("X-Amz-Target");
        if (target == null) {
            return "Unknown";
        }
        int dot = target.indexOf('.');
        return dot < 0 || dot == target.length() - 1 ? "Unknown" : target.substring(dot + 1);
    }

    public static SandboxResponse ok(JsonNode body) {
        return respond(200, Json.bytes(body));
    }

    /** A DynamoDB (or Streams) error. */
    public static SandboxResponse error(int status, String code, String message) {
        return typedError(status, DYNAMODB_ERRORS + code, message, null);
    }

    /** A DynamoDB error body with extra fields, e.g. the current {@code Item} on a failed condition. */
    public static SandboxResponse error(int status, String code, String message, ObjectNode extra) {
        return typedError(status, DYNAMODB_ERRORS + code, message, extra);
    }

    /** An error of any awsJson service: {@code type} is the whole {@code __type}, namespace included. */
    public static SandboxResponse typedError(int status, String type, String message, ObjectNode extra) {
        ObjectNode body = Json.object();
        body.put("__type", type);
        if (message != null) {
            body.put("message", message);
        }
        if (extra != null) {
            body.setAll(extra);
        }
        return respond(status, Json.bytes(body));
    }

    public static SandboxResponse respond(int status, byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return SandboxResponse.json(status, CONTENT_TYPE, body)
                .header("x-amz-crc32", Long.toString(crc.getValue()))
                .header("x-amzn-RequestId", requestId());
    }

    public static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT)
                .substring(0, 32);
    }
}
