package inventory.imports;

import inventory.RootCause;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.camel.util.ObjectHelper;

/**
 * Wraps camel-csv's lazy iterator so that what ends the reading of a file (a parse failure such as an unbalanced
 * quote, a record over an input limit, corrupt gzip, or an {@link Error} such as OutOfMemoryError) arrives as one last
 * element, in order, instead of being thrown from {@code hasNext()}. Camel's splitter looks one element ahead, so a
 * thrown failure would also lose the good row before it, and an Error would escape Camel altogether with the
 * exchange left in flight. A failure to read the object itself is thrown as it is: the file is not broken, and it
 * will be imported again whole.
 */
public final class ParseGuard implements Iterator<CsvRow> {

    private final Iterator<?> rows;
    private CsvRow failure;
    private boolean done;

    public ParseGuard(Iterator<?> rows) {
        this.rows = rows;
    }

    @Override
    public boolean hasNext() {
        if (done) {
            return false;
        }
        if (failure != null) {
            return true;
        }
        try {
            return rows.hasNext();
        } catch (RuntimeException e) {
            if (ObjectHelper.getException(SourceReadException.class, e) != null) {
                // the download failed, not the CSV: the route tries the whole file again later
                throw e;
            }
            RefusedInputException refused = ObjectHelper.getException(RefusedInputException.class, e);
            failure = refused != null ? CsvRow.failure(refused.getMessage(), refused)
                    : CsvRow.failure(RootCause.message(e), e);
            return true;
        } catch (Error e) {
            failure = CsvRow.failure(e.toString(), e);
            return true;
        }
    }

    @Override
    public CsvRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (failure != null) {
            done = true;
            return failure;
        }
        try {
            return (CsvRow) rows.next();
        } catch (Error e) {
            done = true;
            return CsvRow.failure(e.toString(), e);
        }
    }
}
