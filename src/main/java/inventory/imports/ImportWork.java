package inventory.imports;

import org.apache.camel.Exchange;
import software.amazon.awssdk.http.Abortable;

/**
 * The import route's work on one uploaded file, carried on its exchange from step to step as one typed object: the
 * file, the S3 download to abort if the file ends early, which attempt this is, the session reading and writing its
 * rows, and the report once it ended. The split's row exchanges share it (Camel copies the property's reference).
 */
public final class ImportWork {

    /** The one exchange property the route's steps share. */
    public static final String PROPERTY = "inventoryImportWork";

    private UploadedFile file;
    private Abortable download;
    private int attempt;
    private ImportSession session;
    private ImportReport report;

    private ImportWork() {
    }

    /** The work of this exchange, begun now if no step began it yet (a file may fail before it is opened). */
    static ImportWork on(Exchange exchange) {
        ImportWork work = find(exchange);
        if (work == null) {
            work = new ImportWork();
            exchange.setProperty(PROPERTY, work);
        }
        return work;
    }

    /** The work of this exchange, or null when no step began one (not a file to import, or it failed at once). */
    public static ImportWork find(Exchange exchange) {
        return exchange.getProperty(PROPERTY, ImportWork.class);
    }

    /** The file as {@code open-file} took it from the S3 headers; null before. */
    UploadedFile file() {
        return file;
    }

    void file(UploadedFile f) {
        file = f;
    }

    void download(Abortable d) {
        download = d;
    }

    /** The S3 download still open, handed over once: whoever takes it aborts it. */
    Abortable takeDownload() {
        Abortable d = download;
        download = null;
        return d;
    }

    /** Which attempt at the file this is (1 for the first); 0 until it is recorded. */
    int attempt() {
        return attempt;
    }

    void attempt(int n) {
        attempt = n;
    }

    /** The rows read and written so far; null before the file is opened. */
    public ImportSession session() {
        return session;
    }

    void session(ImportSession s) {
        session = s;
    }

    /** The report of a file that ended (processed or failed); null while it did not. */
    public ImportReport report() {
        return report;
    }

    void ended(ImportReport r) {
        report = r;
    }
}
