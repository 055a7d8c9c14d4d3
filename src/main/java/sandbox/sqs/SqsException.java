package sandbox.sqs;

import sandbox.core.AwsException;

/**
 * An SQS error as the JSON protocol carries it for "query-compatible" clients: the modelled {@code __type}
 * (the SDK picks its exception class from it) and the legacy query code of the {@code x-amzn-query-error}
 * header (what {@code errorCode()} and boto3's {@code Error.Code} show).
 */
final class SqsException extends AwsException {
    private static final long serialVersionUID = 1L;

    private final String type;
    private final String queryCode;
    private final boolean senderFault;

    SqsException(int status, String type, String queryCode, boolean senderFault, String message) {
        super(status, type.substring(type.indexOf('#') + 1), message);
        this.type = type;
        this.queryCode = queryCode;
        this.senderFault = senderFault;
    }

    /** The whole {@code __type}, e.g. {@code com.amazonaws.sqs#QueueDoesNotExist}. */
    String type() {
        return type;
    }

    /** The code of {@code x-amzn-query-error}, e.g. {@code AWS.SimpleQueueService.NonExistentQueue}. */
    String queryCode() {
        return queryCode;
    }

    boolean senderFault() {
        return senderFault;
    }

    /** The {@code x-amzn-query-error} header value: {@code <code>;Sender} or {@code <code>;Receiver}. */
    String queryErrorHeader() {
        return queryCode + (senderFault ? ";Sender" : ";Receiver");
    }
}
