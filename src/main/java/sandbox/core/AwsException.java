package sandbox.core;

/**
 * An error to return to the client in the service's own wire format: HTTP status, AWS error code
 * (e.g. {@code ValidationException}, {@code NoSuchKey}) and message.
 */
public class AwsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public AwsException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
