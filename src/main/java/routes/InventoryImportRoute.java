package routes;

import inventory.InventorySettings;
import inventory.imports.CsvDialect;
import inventory.imports.CsvRowConverter;
import inventory.imports.FileImport;
import inventory.imports.NothingInProgress;
import inventory.imports.RetryableImportException;
import inventory.imports.SourceReadException;
import inventory.imports.UnreadableFileException;
import org.apache.camel.BeanInject;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.dataformat.csv.CsvDataFormat;

/**
 * S3 upload -> streamed CSV -> checked rows -> conditional puts -> report and archive.
 * The object is never loaded whole: the consumer hands over the S3 stream (includeBody=false), stream
 * caching is off for this route, camel-csv parses lazily and the split streams.
 * Error policy, by exception type: S3 or DynamoDB trouble leaves the file in place for a later poll (the
 * SDK has already retried each request with backoff); a file that cannot be imported goes to the failed prefix
 * with a report. Either way the exchange is handled, so the S3 consumer never deletes or moves the upload itself.
 */
public final class InventoryImportRoute extends EndpointRouteBuilder {

    public static final String ROUTE_ID = "inventory-import";

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

        // the S3 client is the registry's single S3Client, autowired by type
        from(aws2S3("{{inventory.bucket}}")
                .prefix("{{inventory.incoming-prefix}}")
                .includeBody(false)
                .advanced().autocloseBody(true).inProgressRepository(new NothingInProgress()).basic()
                .deleteAfterRead(false)
                .moveAfterRead(false)
                .autoCreateBucket(false)
                .maxMessagesPerPoll(1)
                .initialDelay(0) // readiness waits for each consumer's first poll: poll at once
                .delay("{{inventory.import.poll-delay}}"))
            .routeId(ROUTE_ID)
            .streamCache("false")
            .onException(RetryableImportException.class, SourceReadException.class)
                .handled(true)
                .process(fileImport::retryLater).id("retry-file-later")
            .end()
            .onException(UnreadableFileException.class)
                .handled(true)
                .process(fileImport::failFile).id("file-unreadable")
            .end()
            .onException(Exception.class) // commons-csv's parse failures, and anything unforeseen: the file is not importable
                .handled(true)
                .process(fileImport::failFile).id("file-failed")
            .end()
            .filter(fileImport::isImportable).id("csv-only")
                .process(fileImport::open).id("open-file")
                .unmarshal(csv).id("parse-csv")
                .process(fileImport::guardParsing)
                .split(body()).streaming().stopOnException()
                    .process(fileImport::row).id("import-row")
                .end()
                .process(fileImport::complete).id("complete-file")
            .end();
    }
}
