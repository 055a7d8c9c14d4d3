package sandbox.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.sns.model.SnsException;

/** Asserts the AWS error an SDK call ends with: HTTP status, error code and message. */
final class SnsAssertions {

    private SnsAssertions() {
    }

    static SnsException snsError(ThrowingCallable call, int status, String code, String message) {
        SnsException e = catchThrowableOfType(SnsException.class, call);
        assertThat(e).as("expected an SNS error %s", code).isNotNull();
        assertThat(e.statusCode()).as("HTTP status").isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).as("error code").isEqualTo(code);
        if (message != null) {
            assertThat(e.awsErrorDetails().errorMessage()).as("error message").isEqualTo(message);
        }
        return e;
    }
}
