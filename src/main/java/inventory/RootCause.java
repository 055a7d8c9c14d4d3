package inventory;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The innermost cause of a failure, in words: what reports, logs and the start-up error show. */
public final class RootCause {

    /** The error codes AWS answers a call the caller's policy does not allow with (S3/SQS, DynamoDB, SNS). */
    private static final Set<String> DENIED_CODES = Set.of("AccessDenied", "AccessDeniedException", "AuthorizationError");
    /** AWS's wording: "User: ... is not authorized to perform: s3:GetObject on resource: "arn:..." because ...". */
    private static final Pattern DENIED = Pattern.compile("not authorized to perform: (\\S+) on resource: \"?([^\"\\s]+)");

    private RootCause() {
    }

    /**
     * The innermost cause's message, or its type's simple name when it has none; a call AWS denied is named with
     * the action and resource to grant.
     */
    public static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && DENIED_CODES.contains(aws.awsErrorDetails().errorCode())) {
            return denied(aws);
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String denied(AwsServiceException e) {
        String detail = String.valueOf(e.awsErrorDetails().errorMessage());
        Matcher m = DENIED.matcher(detail);
        String what = m.find() ? m.group(1) + " on " + m.group(2)
                : "a call (" + e.awsErrorDetails().errorCode() + ": " + detail + ")";
        return "AWS denied " + what + ": grant it to the app's role or user (see deploy/aws/README.md)";
    }
}
