package inventory.imports;

/** The file cannot be imported at all (no usable header, not text, broken CSV): it goes to the failed prefix. */
public final class UnreadableFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnreadableFileException(String reason) {
        super(reason);
    }

    public UnreadableFileException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
