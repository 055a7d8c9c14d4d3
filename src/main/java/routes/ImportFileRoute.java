package routes;

import static inventory.imports.ErrorBarrier.guard;

import inventory.InventorySettings;
import inventory.imports.CsvDialect;
import inventory.imports.CsvRowConverter;
import inventory.imports.FileImport;
import inventory.imports.JvmErrorException;
import inventory.imports.RetryableImportException;
import inventory.imports.SourceReadException;
import inventory.imports.UnreadableFileException;
import inventory.imports.WrittenRowCounts;
import org.apache.camel.BeanInject;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.dataformat.csv.CsvDataFormat;

/**
 * One uploaded file, whichever trigger found it: open, parse (streamed CSV), then per row check, stamp and write,
 * then write the remaining rows, report and archive. The write step queues the row's conditional write and
 * returns, as its body, the rows whose writes ended meanwhile (several requests are in flight, each a batch of
 * distinct items, the rows of one item in file order): the split's aggregation ({@link WrittenRowCounts}) counts
 * them as it gathers each row's exchange, and Camel's tracing sees what really happened to each row. The exchange
 * arrives with the S3 object stream as its body and Camel's aws2-s3 headers (key, bucket, ETag, LastModified,
 * length): from the aws2-s3 consumer in poll mode, from the aws2-s3 producer's GetObject
 * (and {@code object-opened}) in events mode. The object is never loaded whole: stream caching is off for this route,
 * camel-csv parses lazily and the split streams.
 * Error policy, by exception type: S3 or DynamoDB trouble leaves the file in place to be tried again (the SDK has
 * already retried each request with backoff); a file that cannot be imported goes to the failed prefix with a
 * report. Either way the exchange is handled: the trigger's route decides what happens to the upload's trigger.
 * An Error (OutOfMemoryError, StackOverflowError) inside a step would escape Camel 4.17 and leave the exchange in
 * flight for ever: every step is guarded ({@code guard}, and the CSV iterator's own guard), so it arrives as a
 * {@link JvmErrorException} and the file is tried again like a transient failure, counted, while the consumer
 * goes on to the next file.
 */
public final class ImportFileRoute extends EndpointRouteBuilder {

    public static final String ROUTE_ID = "import-file";
    public static final String URI = "direct:import-file";

    @BeanInject
    private InventorySettings settings;
    @BeanInject
    private FileImport fileImport;

    @Override
    public void configure() {
        CsvDataFormat csv = new CsvDataFormat(CsvDialect.format(settings.delimiter()));
        csv.setLazyLoad(true);
        csv.setSkipHeaderRecord(true);
        csv.setRecordConverter(new CsvRowConverter());

        from(URI)
            .routeId(ROUTE_ID)
            .streamCache("false")
            .onException(RetryableImportException.class, SourceReadException.class, JvmErrorException.class)
                .handled(true)
                .process(guard(fileImport::retryLater)).id("retry-file-later")
            .end()
            .onException(UnreadableFileException.class)
                .handled(true)
                .process(guard(fileImport::failFile)).id("file-unreadable")
            .end()
            .onException(Exception.class) // commons-csv's parse failures, and anything unforeseen: the file is not importable
                .handled(true)
                .process(guard(fileImport::failFile)).id("file-failed")
            .end()
            .filter(fileImport::isImportable).id("csv-only")
                .process(guard(fileImport::open)).id("open-file")
                .unmarshal(csv).id("parse-csv")
                .process(guard(fileImport::guardParsing)).id("guard-parsing")
                .split(body(), new WrittenRowCounts()).streaming().stopOnException().id("split-rows")
                    .process(guard(fileImport::checkRow)).id("check-row") // a blank or rejected row leaves no body
                    .filter(body().isNotNull()).id("valid-rows-only")
                        .process(guard(fileImport::stampRow)).id("stamp-row")
                        .process(guard(fileImport::writeRows)).id("write-rows") // body: the rows written meanwhile (counted by the split)
                    .end()
                .end()
                .process(guard(fileImport::writeRemainingRows)).id("write-remaining-rows")
                .process(guard(fileImport::countRows)).id("count-remaining-rows")
                .process(guard(fileImport::reportFile)).id("report-file")
                .process(guard(fileImport::archiveFile)).id("archive-file")
            .end();
    }
}
