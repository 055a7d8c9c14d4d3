package sandbox.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import sandbox.core.AwsException;

/** A DynamoDB error, optionally with extra body fields (the current {@code Item}, {@code CancellationReasons}). */
public class DynamoException extends AwsException {
    private static final long serialVersionUID = 1L;

    private final transient ObjectNode extra;

    public DynamoException(String code, String message) {
        this(code, message, null);
    }

    public DynamoException(String code, String message, ObjectNode extra) {
        super(400, code, message);
        this.extra = extra;
    }

    public ObjectNode extra() {
        return extra;
    }

    public static DynamoException validation(String message) {
        return new DynamoException("ValidationException", message);
    }

    public static DynamoException notFound() {
        return new DynamoException("ResourceNotFoundException", "Requested resource not found");
    }

    public static DynamoException conditionFailed(ObjectNode currentItem) {
        ObjectNode extra = null;
        if (currentItem != null) {
            extra = sandbox.core.Json.object();
            extra.set("Item", currentItem);
        }
        return new DynamoException("ConditionalCheckFailedException", "The conditional request failed", extra);
    }
}
