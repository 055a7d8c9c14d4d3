package routes;

import static inventory.imports.ErrorBarrier.guard;

import inventory.ImportQueues;
import inventory.InventorySettings.ImportTrigger;
import inventory.imports.JvmErrorException;
import inventory.imports.RetryableImportException;
import inventory.imports.UploadEvents;
import org.apache.camel.BeanInject;
import org.apache.camel.builder.endpoint.dsl.AWS2S3EndpointBuilderFactory.AWS2S3EndpointProducerBuilder;
import org.apache.camel.builder.endpoint.dsl.Sqs2EndpointBuilderFactory.Sqs2EndpointConsumerBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * {@code inventory.import.trigger=events}: S3 notifies the import queue of each upload and any number of instances
 * compete for the messages, each taking whole files. A message stays invisible to the others while its file imports
 * (the consumer extends its visibility timeout), and is deleted only once its file is archived and reported. When an
 * import must be tried again the message comes back after a backoff; after {@code inventory.import.max-attempts}
 * receives the queue's redrive policy moves it to the dead-letter queue, whose route sends the file to the failed
 * prefix with a report. A message that is no usable S3 event (not JSON, a key that does not URL-decode, another
 * bucket) is deleted from either queue with one log line: it would never get better.
 * The object is read by Camel's aws2-s3 producer, as the {@code aws-s3-event-based-source} Kamelet does: GetObject
 * ({@code open-object}) hands its response stream to the import unread; NoSuchKey (imported already, or deleted) means
 * nothing to do, as does a 403 for a key the incoming prefix no longer lists (how S3 answers a missing key to a caller
 * that may list only that prefix); any other S3 failure means that the message comes back later.
 */
public final class UploadEventsRoute extends ImportTriggerRoute {

    public static final String ROUTE_ID = "inventory-import-events";
    public static final String DEAD_LETTER_ROUTE_ID = "inventory-import-dead-letters";

    @BeanInject
    private UploadEvents events; // bound in either mode: it holds no queue, each message's Delivery names its own

    @Override
    public void configure() {
        // the queues' URLs, resolved at start-up in events mode only (ImportQueues): placeholders Camel resolves when
        // it creates the endpoints, which in poll mode it never does (the precondition leaves the routes out first)
        from(queue("{{bean:" + ImportQueues.BEAN + ".queueName}}", "{{bean:" + ImportQueues.BEAN + ".queue}}")
                .extendMessageVisibility(true)
                .visibilityTimeout("{{inventory.import.visibility-timeout}}")
                .attributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString()))
            .routeId(ROUTE_ID)
            .precondition(selectedBy(ImportTrigger.EVENTS))
            .streamCache("false") // the object stream goes to the import as it is, never read whole
            .onException(NoSuchKeyException.class) // an SdkException too: Camel takes the clause closest to the type
                .handled(true)
                .process(guard(events::objectGone)).id("object-gone")
            .end()
            .onException(S3Exception.class).onWhen(events::goneBehindAccessDenied) // S3's 403 for a missing key
                .handled(true)
                .process(guard(events::objectGone)).id("object-gone-behind-403")
            .end()
            .onException(RetryableImportException.class, SdkException.class, JvmErrorException.class)
                .handled(true)
                .process(guard(events::retryLater)).id("retry-notification-later")
            .end()
            .process(guard(events::read)).id("read-notification")
            .split(body())
                .filter(events::isImportable).id("incoming-csv-only")
                    .process(guard(events::nameObject)).id("name-object")
                    .to(object(AWS2S3Operations.getObject)).id("open-object")
                    .process(guard(events::objectOpened)).id("object-opened")
                    .to(ImportFileRoute.URI).id("hand-over-notified-file")
                    .process(guard(events::close)).id("close-object")
                .end()
            .end()
            .process(guard(events::settle)).id("settle-notification");

        from(queue("{{bean:" + ImportQueues.BEAN + ".deadLetterQueueName}}",
                "{{bean:" + ImportQueues.BEAN + ".deadLetterQueue}}"))
            .routeId(DEAD_LETTER_ROUTE_ID)
            .precondition(selectedBy(ImportTrigger.EVENTS))
            .onException(NoSuchKeyException.class)
                .handled(true)
                .process(guard(events::objectGone)).id("dead-lettered-object-gone")
            .end()
            .onException(S3Exception.class).onWhen(events::goneBehindAccessDenied)
                .handled(true)
                .process(guard(events::objectGone)).id("dead-lettered-object-gone-behind-403")
            .end()
            .onException(RetryableImportException.class, SdkException.class, JvmErrorException.class)
                .handled(true)
                .process(guard(events::retryLater)).id("retry-dead-letter-later")
            .end()
            .process(guard(events::read)).id("read-dead-letter")
            .split(body())
                .filter(events::isImportable)
                    .process(guard(events::nameObject)).id("name-dead-lettered-object")
                    .to(object(AWS2S3Operations.headObject)).id("look-up-dead-lettered-object")
                    .process(guard(events::deadLetter)).id("fail-dead-lettered-file")
                .end()
            .end()
            .process(guard(events::settle)).id("settle-dead-letter");
    }

    /** Camel's aws2-s3 producer on the bucket, for the object the exchange's {@code CamelAwsS3Key} header names. */
    private AWS2S3EndpointProducerBuilder object(AWS2S3Operations operation) {
        // the S3 client is the registry's single S3Client, autowired by type; the bucket is checked at start-up
        return aws2S3("{{inventory.bucket}}").autoCreateBucket(false).operation(operation);
    }

    /** A queue consumer that deletes nothing itself ({@link UploadEvents#settle} does) and backs off while SQS fails. */
    private Sqs2EndpointConsumerBuilder queue(String name, String url) {
        // the SQS client is the registry's single SqsClient, autowired by type
        return aws2Sqs(name)
                .queueUrl(url)
                .deleteAfterRead(false)
                // long polling: one empty receive per instance per queue-wait when idle; not SQS's maximum of 20 s,
                // since stopping (Ctrl-C, a rolling update) waits for the receive in progress
                .waitTimeSeconds("{{inventory.import.queue-wait}}")
                .maxMessagesPerPoll(1)
                .initialDelay(0)
                .delay("{{inventory.import.queue-delay}}")
                // after failed receives (the SDK has retried each already) skip polls: by default 40 x 50 ms = 2 s
                .backoffErrorThreshold("{{inventory.import.queue-backoff-error-threshold}}")
                .backoffMultiplier("{{inventory.import.queue-backoff-multiplier}}");
    }
}
