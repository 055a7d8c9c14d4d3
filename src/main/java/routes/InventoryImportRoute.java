package routes;

import inventory.InventorySettings;
import inventory.PipelineConfiguration;
import inventory.imports.CsvDialect;
import inventory.imports.CsvRowConverter;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.dataformat.csv.CsvDataFormat;

/**
 * S3 upload -> streamed CSV -> checked rows -> conditional puts -> report and archive.
 * The object is never loaded whole: the consumer hands over the S3 stream (includeBody=false), stream
 * caching is off for this route, camel-csv parses lazily and the split streams.
 */
public final class InventoryImportRoute extends EndpointRouteBuilder {

    public static final String ROUTE_ID = "inventory-import";

    @Override
    public void configure() {
        InventorySettings settings = getContext().getRegistry()
                .lookupByNameAndType(PipelineConfiguration.SETTINGS, InventorySettings.class);
        CsvDataFormat csv = new CsvDataFormat(CsvDialect.format(settings.delimiter()));
        csv.setLazyLoad(true);
        csv.setSkipHeaderRecord(true);
        csv.setRecordConverter(new CsvRowConverter());

        from(aws2S3("{{inventory.bucket}}")
                .advanced().amazonS3Client("#" + PipelineConfiguration.S3_CLIENT).basic()
                .prefix("{{inventory.incoming-prefix}}")
                .includeBody(false)
                .advanced().autocloseBody(true).inProgressRepository("#" + PipelineConfiguration.IMPORT_IN_PROGRESS).basic()
                .deleteAfterRead(false)
                .moveAfterRead(false)
                .autoCreateBucket(false)
                .maxMessagesPerPoll(1)
                .initialDelay(0) // readiness waits for each consumer's first poll: poll at once
                .delay("{{inventory.import.poll-delay}}"))
            .routeId(ROUTE_ID)
            .streamCache("false")
            .filter().method(PipelineConfiguration.FILE_IMPORT, "isImportable").id("csv-only")
                .doTry()
                    .bean(PipelineConfiguration.FILE_IMPORT, "open").id("open-file")
                    .unmarshal(csv).id("parse-csv")
                    .bean(PipelineConfiguration.FILE_IMPORT, "guardParsing")
                    .split(body()).streaming().stopOnException()
                        .bean(PipelineConfiguration.FILE_IMPORT, "row").id("import-row")
                    .end()
                    .bean(PipelineConfiguration.FILE_IMPORT, "complete").id("complete-file")
                .endDoTry()
                .doCatch(Exception.class)
                    .bean(PipelineConfiguration.FILE_IMPORT, "failed").id("file-failed")
                .end()
            .end();
    }
}
