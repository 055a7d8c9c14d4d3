package routes;

import inventory.InventorySettings.ImportTrigger;
import inventory.imports.NothingInProgress;

/**
 * {@code inventory.import.trigger=poll}: this instance lists the incoming prefix and hands each upload to the file
 * import. For one instance: two listing the same prefix would import the same file at once (harmless for the table,
 * since the writes are conditional, but each would report and archive it).
 * The consumer hands over the S3 stream (includeBody=false) and never deletes or moves the upload itself: the
 * import archives it, or leaves it for a later poll when S3 or DynamoDB are in trouble.
 */
public final class InventoryImportRoute extends ImportTriggerRoute {

    public static final String ROUTE_ID = "inventory-import";

    @Override
    public void configure() {
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
            .precondition(selectedBy(ImportTrigger.POLL))
            .streamCache("false")
            .to(ImportFileRoute.URI).id("hand-over-polled-file");
    }
}
