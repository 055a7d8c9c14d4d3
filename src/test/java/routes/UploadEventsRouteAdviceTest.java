package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import inventory.ImportQueues;
import inventory.imports.Delivery;
import inventory.imports.RetryableImportException;
import inventory.imports.UpdatedAt;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.sqs.SqsClient;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;

/**
 * The {@code inventory-import-events} and {@code inventory-import-dead-letters} routes
 * ({@code inventory.import.trigger=events}) in Camel's test idiom: woven by node id (AdviceWith) and observed through
 * mocks woven in beside the real steps, the real SQS consumer and S3 notifications of the sandbox underneath.
 */
class UploadEventsRouteAdviceTest extends PipelineTestSupport {

    private final String queue = "advised-uploads-" + id;

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected void extraProperties(Properties p) {
        p.setProperty("inventory.import.trigger", "events");
        p.setProperty("inventory.import.queue", queue);
        p.setProperty("inventory.import.dead-letter-queue", queue + "-dlq");
        // not the defaults: the consumers must take them from the properties
        p.setProperty("inventory.import.queue-wait", "4");
        p.setProperty("inventory.import.queue-delay", "60");
        p.setProperty("inventory.import.queue-backoff-error-threshold", "2");
        p.setProperty("inventory.import.queue-backoff-multiplier", "30");
    }

    @Test
    void aNotificationWhoseImportMustBeTriedAgainComesBackAndIsSettledOnceItsFileIsImported() throws Exception {
        List<Integer> receives = new CopyOnWriteArrayList<>();
        AdviceWith.adviceWith(context, UploadEventsRoute.ROUTE_ID, a -> {
            a.weaveById("hand-over-notified-file").before().process(e -> {
                int receive = e.getProperty(Delivery.PROPERTY, Delivery.class).receiveCount();
                receives.add(receive);
                if (receive == 1) {
                    throw new RetryableImportException("importing", new IOException("advised: S3 out of reach"));
                }
            });
            a.weaveById("hand-over-notified-file").after().to("mock:imported");
        });
        context.start();
        for (String route : List.of(UploadEventsRoute.ROUTE_ID, UploadEventsRoute.DEAD_LETTER_ROUTE_ID)) {
            Sqs2Endpoint consumer = (Sqs2Endpoint) context.getRoute(route).getEndpoint();
            assertThat(consumer.getConfiguration().getWaitTimeSeconds()).as("queue-wait").isEqualTo(4);
            assertThat(consumer.getDelay()).as("queue-delay").isEqualTo(60);
            assertThat(consumer.getBackoffErrorThreshold()).as("queue-backoff-error-threshold").isEqualTo(2);
            assertThat(consumer.getBackoffMultiplier()).as("queue-backoff-multiplier").isEqualTo(30);
        }
        MockEndpoint imported = context.getEndpoint("mock:imported", MockEndpoint.class);
        imported.expectedMessageCount(1);
        imported.expectedHeaderReceived(AWS2S3Constants.KEY, "incoming/again.csv");

        probe.upload("incoming/again.csv", "store,item,quantity\ns4,x,2\n");

        imported.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        assertThat(receives).as("the notification came back once").containsExactly(1, 2);
        assertThat(probe.awaitReport("again.csv").get("inserted").asLong()).isEqualTo(1);
        await().atMost(PipelineProbe.TIMEOUT).until(() -> probe.keys("processed/").contains("processed/again.csv"));
        // settled: no third receive, nothing dead-lettered
        await().during(Duration.ofSeconds(3)).atMost(PipelineProbe.TIMEOUT).until(() -> receives.size() == 2);
        assertThat(probe.keys("failed/")).isEmpty();
    }

    @Test
    void aDeadLetteredNotificationSendsItsWaitingFileToFailedWithAReport() throws Exception {
        AdviceWith.adviceWith(context, UploadEventsRoute.DEAD_LETTER_ROUTE_ID,
                a -> a.weaveById("fail-dead-lettered-file").after().to("mock:failed"));
        // the upload's own notification must not import it first: the main queue's route hands nothing over
        AdviceWith.adviceWith(context, UploadEventsRoute.ROUTE_ID, a -> a.weaveById("hand-over-notified-file").replace().to("mock:ignored"));
        context.start();
        MockEndpoint failed = context.getEndpoint("mock:failed", MockEndpoint.class);
        failed.expectedMessageCount(1);
        failed.expectedHeaderReceived(AWS2S3Constants.KEY, "incoming/stuck.csv");

        probe.upload("incoming/stuck.csv", "store,item,quantity\ns5,x,1\n");
        String deadLetters = context.getRegistry().findSingleByType(ImportQueues.class).deadLetterQueue();
        try (SqsClient sqs = SandboxTestSupport.sqs(sandbox().endpoint())) {
            sqs.sendMessage(m -> m.queueUrl(deadLetters).messageBody(S3Events.created(bucket, "incoming/stuck.csv")));
        }

        failed.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        var report = probe.awaitReport("stuck.csv");
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("failure").asText()).contains("dead-letter queue");
        await().atMost(PipelineProbe.TIMEOUT).until(() -> probe.keys("failed/").contains("failed/stuck.csv")
                && probe.keys("incoming/").isEmpty());
        assertThat(probe.item("s5", "x")).as("never imported").isEmpty();
    }

    @Test
    void theAws2S3ProducerOpensTheNotifiedObjectAndTheImportGetsItsStreamUnreadWithTheHeadersItReads() throws Exception {
        List<Object> bodies = new CopyOnWriteArrayList<>();
        AdviceWith.adviceWith(context, UploadEventsRoute.ROUTE_ID, a -> a.weaveById("object-opened").after()
                .process(e -> bodies.add(e.getMessage().getBody())).to("mock:opened"));
        context.start();
        MockEndpoint opened = context.getEndpoint("mock:opened", MockEndpoint.class);
        opened.expectedMessageCount(1);
        opened.expectedHeaderReceived(AWS2S3Constants.KEY, "incoming/streamed.csv");
        opened.expectedHeaderReceived(AWS2S3Constants.CONTENT_LENGTH, 27L);

        probe.upload("incoming/streamed.csv", "store,item,quantity\ns6,x,3\n");

        opened.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        assertThat(bodies).singleElement().as("the SDK's response stream, not a copy read whole")
                .isInstanceOf(ResponseInputStream.class);
        var headers = opened.getReceivedExchanges().get(0).getMessage();
        assertThat(headers.getHeader(AWS2S3Constants.E_TAG, String.class)).as("set by the producer").isNotBlank();
        Instant lastModified = headers.getHeader(AWS2S3Constants.LAST_MODIFIED, Instant.class);
        assertThat(lastModified).as("mapped by object-opened from the response").isNotNull();
        assertThat(probe.awaitReport("streamed.csv").get("inserted").asLong()).isEqualTo(1);
        assertThat(probe.item("s6", "x").get("updatedAt").s()).as("the row's fallback updatedAt: the object's LastModified")
                .isEqualTo(UpdatedAt.format(lastModified));
    }
}
