package sandbox.streams;

import sandbox.core.AwsException;

/**
 * The errors DynamoDB Streams answers, with AWS's codes and wording (messages from the AWS
 * documentation and DynamoDB Local, AWS's own emulator, where the documentation is silent).
 */
final class StreamsErrors {

    private StreamsErrors() {
    }

    static AwsException validation(String message) {
        return new AwsException(400, "ValidationException", message);
    }

    static AwsException streamNotFound(String streamArn) {
        return new AwsException(400, "ResourceNotFoundException",
                "Requested resource not found: Stream: " + streamArn + " not found");
    }

    static AwsException invalidStreamArn() {
        return validation("Invalid StreamArn");
    }

    static AwsException invalidShardIterator() {
        return validation("Invalid ShardIterator");
    }

    static AwsException invalidSequenceNumber() {
        return validation("One or more parameter values were invalid: Invalid SequenceNumber");
    }

    static AwsException sequenceNumberNotAllowed() {
        return validation("One or more parameter values were invalid: "
                + "SequenceNumber should not be passed for this iterator type");
    }

    static AwsException sequenceNumberNotInShard() {
        return validation("Invalid SequenceNumber for the shard");
    }

    static AwsException expiredIterator() {
        return new AwsException(400, "ExpiredIteratorException",
                "The provided iterator exceeds the maximum age allowed.");
    }

    static AwsException trimmed() {
        return new AwsException(400, "TrimmedDataAccessException",
                "The operation attempted to read past the oldest stream record in a shard.");
    }

    static AwsException serialization(String message) {
        return new AwsException(400, "SerializationException", message);
    }

    static AwsException unknownOperation(String operation) {
        return new AwsException(400, "UnknownOperationException",
                "Unknown operation DynamoDBStreams_20120810." + operation);
    }
}
