package inventory.streams;

/** A saved checkpoint exists but cannot be read; the message says where it is and how to reset it. */
public final class UnreadableCheckpointException extends RuntimeException {

    public UnreadableCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
