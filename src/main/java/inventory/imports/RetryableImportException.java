package inventory.imports;

/**
 * S3 or DynamoDB failed for a reason worth another try (unreachable, throttled past the SDK's retries, interrupted
 * at shutdown): the file stays in the incoming prefix and is imported again on a later poll, up to
 * {@code inventory.import.max-attempts} times. Re-importing is safe: rows already written count as stale.
 */
public final class RetryableImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetryableImportException(String what, Throwable cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
