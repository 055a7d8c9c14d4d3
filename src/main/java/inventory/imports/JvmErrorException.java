package inventory.imports;

/**
 * An {@link Error} (OutOfMemoryError, StackOverflowError, anything that is not an Exception) thrown while a file was
 * imported, carried as an exception. Camel 4.17 lets an Error escape its routing engine: the route's error handling
 * never sees it, the exchange stays in flight for ever and the upload's S3 connection is never returned (shown in
 * ErrorBarrierTest). As this exception the file is tried again, counted, and fails after
 * {@code inventory.import.max-attempts}; the consumer goes on to the next file.
 */
public final class JvmErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JvmErrorException(Throwable error) {
        super("the import stopped with " + error.getClass().getName()
                + (error.getMessage() == null ? "" : ": " + Printable.of(error.getMessage())), error);
    }
}
