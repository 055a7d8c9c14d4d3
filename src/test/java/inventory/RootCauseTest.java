package inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What reports, logs and the start-up error say about a failure, a denied AWS call above all. */
class RootCauseTest {

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
    }

    @Test
    void aDeniedCallIsNamedWithTheActionAndResourceToGrant() {
        DynamoDbException ddb = (DynamoDbException) DynamoDbException.builder().awsErrorDetails(details(
                "AccessDeniedException", "User: arn:aws:iam::1:user/app is not authorized to perform: "
                        + "dynamodb:PartiQLUpdate on resource: arn:aws:dynamodb:us-east-1:1:table/inventory because no "
                        + "identity-based policy allows the dynamodb:PartiQLUpdate action")).build();
        assertThat(RootCause.message(new IllegalStateException("import failed", ddb))).isEqualTo(
                "AWS denied dynamodb:PartiQLUpdate on arn:aws:dynamodb:us-east-1:1:table/inventory: grant it to the "
                        + "app's role or user (see deploy/aws/README.md)");
        S3Exception s3 = (S3Exception) S3Exception.builder().awsErrorDetails(details("AccessDenied",
                "User: arn:aws:iam::1:user/app is not authorized to perform: s3:GetObject on resource: "
                        + "\"arn:aws:s3:::b/incoming/a.csv\" because no identity-based policy allows the s3:GetObject "
                        + "action")).build();
        assertThat(RootCause.message(s3)).startsWith("AWS denied s3:GetObject on arn:aws:s3:::b/incoming/a.csv: grant");
        S3Exception plain = (S3Exception) S3Exception.builder().awsErrorDetails(details("AccessDenied",
                "Access Denied")).build();
        assertThat(RootCause.message(plain)).isEqualTo("AWS denied a call (AccessDenied: Access Denied): grant it to "
                + "the app's role or user (see deploy/aws/README.md)");
    }

    @Test
    void otherFailuresSayTheirInnermostMessage() {
        assertThat(RootCause.message(new RuntimeException("outer", new IOException("disk full")))).isEqualTo("disk full");
        assertThat(RootCause.message(new IllegalStateException())).isEqualTo("IllegalStateException");
        DynamoDbException throttled = (DynamoDbException) DynamoDbException.builder().message("slow down")
                .awsErrorDetails(details("ThrottlingException", "slow down")).build();
        assertThat(RootCause.message(throttled)).startsWith("slow down");
    }
}
