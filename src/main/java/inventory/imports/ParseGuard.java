package inventory.imports;

import inventory.RootCause;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.camel.util.ObjectHelper;

/**
 * Wraps camel-csv's lazy iterator so a parse failure (e.g. an unbalanced quote) arrives as one last
 * element, in order, instead of an exception from {@code hasNext()}. Camel's splitter looks one element
 * ahead, so a thrown failure would also lose the good row before it. A failure to read the object itself is
 * thrown as it is: the file is not broken, and it will be imported again whole.
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
            failure = new CsvRow(-1, java.util.List.of(), RootCause.message(e));
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
        return (CsvRow) rows.next();
    }
}
