package inventory.imports;

import java.io.IOException;

/**
 * The upload itself cannot be read any further: a record, field or column count over the input limits, a gzip upload
 * that inflates past its ratio, or gzip that is corrupt. Thrown from inside the streams the CSV parser reads (hence an
 * {@link IOException}); the file goes to the failed prefix with this reason, the rows before it imported.
 */
public final class RefusedInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public RefusedInputException(String reason) {
        super(reason);
    }

    public RefusedInputException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
