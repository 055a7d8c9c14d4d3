package inventory;

/** The innermost cause of a failure, in words: what reports, logs and the start-up error show. */
public final class RootCause {

    private RootCause() {
    }

    /** The innermost cause's message, or its type's simple name when it has none. */
    public static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
