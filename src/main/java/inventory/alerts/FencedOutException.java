package inventory.alerts;

/**
 * Another instance began reading the stream (a newer reader term), or this one is stopping: this instance must
 * publish nothing more. Never retried and never dead-lettered: the record stays unfinished here, and the reader
 * that now holds the stream sends its alert.
 */
public final class FencedOutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FencedOutException(String message) {
        super(message);
    }
}
