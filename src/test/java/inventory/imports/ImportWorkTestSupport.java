package inventory.imports;

import org.apache.camel.Exchange;

/** For tests outside the package: the import route's state on an exchange, as its steps leave it. */
public final class ImportWorkTestSupport {

    private ImportWorkTestSupport() {
    }

    /** The exchange of a file that ended with this report. */
    public static void ended(Exchange exchange, ImportReport report) {
        ImportWork.on(exchange).ended(report);
    }
}
