package inventory.alerts;

/**
 * The shared published-alert log could not be read or written (throttled, 5xx, network, table missing). Always
 * retryable: it says nothing about the alert itself, so the route holds the stream and tries again, never
 * dead-letters the alert for it.
 */
public final class AlertLogUnavailableException extends RuntimeException {

    public AlertLogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
