package sandbox.sqs;

import java.util.Map;

/** The SQS errors the sandbox gives, with AWS's types, query codes and messages. */
final class SqsErrors {

    private static final String SQS = "com.amazonaws.sqs#";
    private static final String CORAL = "com.amazon.coral.service#";

    /** Modelled error -> its legacy query code (the service model's awsQueryError traits). */
    private static final Map<String, String> QUERY_CODES = Map.ofEntries(
            Map.entry("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"),
            Map.entry("QueueNameExists", "QueueAlreadyExists"),
            Map.entry("QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently"),
            Map.entry("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight"),
            Map.entry("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid"),
            Map.entry("InvalidAttributeName", "InvalidAttributeName"),
            Map.entry("InvalidAttributeValue", "InvalidAttributeValue"),
            Map.entry("InvalidMessageContents", "InvalidMessageContents"),
            Map.entry("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress"),
            Map.entry("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation"),
            Map.entry("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"),
            Map.entry("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest"),
            Map.entry("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"),
            Map.entry("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId"),
            Map.entry("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong"),
            Map.entry("OverLimit", "OverLimit"),
            Map.entry("InvalidAddress", "InvalidAddress"),
            Map.entry("RequestThrottled", "RequestThrottled"));

    private SqsErrors() {
    }

    /** An error by its short code, as fault injection names it; unmodelled codes keep their own name. */
    static SqsException of(int status, String code, String message) {
        if ("InternalFailure".equals(code) || "InternalError".equals(code) || status >= 500) {
            return new SqsException(status, CORAL + code, code, false, message);
        }
        if (QUERY_CODES.containsKey(code)) {
            return modelled(status, code, message);
        }
        return new SqsException(status, SQS + code, code, true, message);
    }

    private static SqsException modelled(int status, String shape, String message) {
        return new SqsException(status, SQS + shape, QUERY_CODES.get(shape), true, message);
    }

    static SqsException queueDoesNotExist() {
        return modelled(400, "QueueDoesNotExist", "The specified queue does not exist.");
    }

    static SqsException queueNameExists(String attribute) {
        return modelled(400, "QueueNameExists",
                "A queue already exists with the same name and a different value for attribute " + attribute);
    }

    static SqsException messageNotInflight() {
        return modelled(400, "MessageNotInflight", "Message does not exist or is not available for visibility "
                + "timeout change.");
    }

    static SqsException invalidAddress(String url) {
        return modelled(400, "InvalidAddress", "The address " + url + " is not valid for this endpoint.");
    }

    static SqsException receiptHandleIsInvalid(String handle) {
        return modelled(400, "ReceiptHandleIsInvalid",
                "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
    }

    static SqsException invalidAttributeName(String name) {
        return modelled(400, "InvalidAttributeName", "Unknown Attribute " + name + ".");
    }

    static SqsException invalidAttributeValue(String name) {
        return modelled(400, "InvalidAttributeValue", "Invalid value for the parameter " + name + ".");
    }

    static SqsException invalidMessageContents(int codePoint) {
        return modelled(400, "InvalidMessageContents", "Invalid binary character '#x"
                + Integer.toHexString(codePoint).toUpperCase(java.util.Locale.ROOT) + "' was found in the message "
                + "body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | "
                + "#x10000 to #x10FFFF");
    }

    static SqsException unsupported(String message) {
        return modelled(400, "UnsupportedOperation", message);
    }

    static SqsException tooManyEntries(int n) {
        return modelled(400, "TooManyEntriesInBatchRequest",
                "Maximum number of entries per request are 10. You have sent " + n + ".");
    }

    static SqsException emptyBatch(String entryShape) {
        return modelled(400, "EmptyBatchRequest", "There should be at least one " + entryShape + " in the request.");
    }

    static SqsException idsNotDistinct(String id) {
        return modelled(400, "BatchEntryIdsNotDistinct", "Id " + id + " repeated.");
    }

    static SqsException invalidBatchEntryId() {
        return modelled(400, "InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, "
                + "hyphens and underscores. It can be at most 80 letters long.");
    }

    static SqsException batchTooLong(long bytes, long max) {
        return modelled(400, "BatchRequestTooLong", "Batch requests cannot be longer than " + max
                + " bytes. You have sent " + bytes + " bytes.");
    }

    /** Unmodelled: AWS answers it with coral's own type. */
    static SqsException invalidParameterValue(String message) {
        return new SqsException(400, CORAL + "InvalidParameterValueException", "InvalidParameterValue", true,
                message);
    }

    static SqsException invalidParameter(String parameter, Object value, String reason) {
        return invalidParameterValue("Value " + value + " for parameter " + parameter + " is invalid. Reason: "
                + reason);
    }

    static SqsException missingParameter(String parameter) {
        return new SqsException(400, CORAL + "MissingParameterException", "MissingParameter", true,
                "The request must contain the parameter " + parameter + ".");
    }

    static SqsException invalidAction(String message) {
        return new SqsException(400, CORAL + "InvalidActionException", "InvalidAction", true, message);
    }
}
