package sandbox.sns;

import sandbox.core.AwsException;

/** The SNS errors the sandbox returns, with the codes and HTTP statuses of the AWS API model. */
final class SnsErrors {

    private SnsErrors() {
    }

    static AwsException invalidParameter(String message) {
        return new AwsException(400, "InvalidParameter", message);
    }

    /** The model's InvalidParameterValueException travels as {@code ParameterValueInvalid}. */
    static AwsException parameterValueInvalid(String message) {
        return new AwsException(400, "ParameterValueInvalid", message);
    }

    static AwsException notFound(String message) {
        return new AwsException(404, "NotFound", message);
    }

    static AwsException resourceNotFound(String message) {
        return new AwsException(404, "ResourceNotFound", message);
    }

    /** A required member is missing, worded as AWS's request validation words it. */
    static AwsException missing(String member) {
        return new AwsException(400, "ValidationError", "1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }

    static AwsException invalidAction(String message) {
        return new AwsException(400, "InvalidAction", message);
    }
}
