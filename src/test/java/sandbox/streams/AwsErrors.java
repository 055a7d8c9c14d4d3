package sandbox.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** What an AWS call failed with, as the SDK reports it. */
final class AwsErrors {

    private AwsErrors() {
    }

    record Failure(int status, String code, String message) {
    }

    static Failure failureOf(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("the call should fail with an AWS error").isInstanceOf(DynamoDbException.class);
        DynamoDbException e = (DynamoDbException) t;
        return new Failure(e.statusCode(), e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
    }
}
