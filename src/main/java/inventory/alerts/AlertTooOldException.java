package inventory.alerts;

/** The change is older than {@code inventory.alert.max-record-age}: its alert is dead-lettered, not sent late. */
public final class AlertTooOldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlertTooOldException(String message) {
        super(message);
    }
}
