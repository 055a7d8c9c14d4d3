package sandbox.core;

/**
 * One AWS API served by the sandbox. The router picks the service, asks it to name the operation
 * (for logging and fault injection), then lets it handle the request.
 */
public interface AwsService extends AutoCloseable {

    /** Short service name: {@code s3}, {@code dynamodb}, {@code streams}, {@code sns}. */
    String name();

    /** The AWS operation this request calls, e.g. {@code PutItem}, {@code GetObject}; "Unknown" if none. */
    String operation(SandboxRequest request);

    /** Handles the request; any exception becomes an internal-error response in this service's format. */
    SandboxResponse handle(SandboxRequest request, String operation) throws Exception;

    /** An error in this API's wire format (used for client errors, injected faults and internal errors). */
    SandboxResponse error(int status, String code, String message);

    @Override
    default void close() {
    }
}
