package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import inventory.imports.UploadEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.SandboxFaults;

/**
 * {@code inventory.import.trigger=events}, end to end: the pipeline provisions the queues and the bucket's
 * notification, the sandbox's S3 notifies the queue of each upload, and the SQS route imports the file; messages are
 * deleted only after the file is archived and reported, come back when an import must be tried again, and end in the
 * dead-letter queue (and the file in failed/) when they came back too often.
 */
class EventImportStoriesTest extends PipelineTestSupport {

    @RegisterExtension
    final SandboxFaults faults = new SandboxFaults(sandbox().endpoint());

    private final String queue = "uploads-" + id;
    private final String deadLetters = "uploads-" + id + "-dlq";
    private final SqsClient sqs = SqsClient.builder().endpointOverride(sandbox().endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();

    @Override
    protected void extraProperties(Properties p) {
        p.setProperty("inventory.import.trigger", "events");
        p.setProperty("inventory.import.queue", queue);
        p.setProperty("inventory.import.dead-letter-queue", deadLetters);
        p.setProperty("inventory.import.visibility-timeout", "10");
        p.setProperty("inventory.import.concurrency", "1"); // one write at a time: a slowed file takes long enough
    }

    @AfterEach
    void closeSqs() {
        sqs.close();
    }

    @Test
    void anUploadIsImportedFromItsNotificationWhichIsThenDeleted() throws Exception {
        String url = sqs.getQueueUrl(g -> g.queueName(queue)).queueUrl();
        var attributes = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY)).contains(deadLetters).contains("\"maxReceiveCount\":3");
        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("10");
        assertThat(attributes.get(QueueAttributeName.POLICY)).contains("s3.amazonaws.com").contains("arn:aws:s3:::" + bucket);

        probe.upload("incoming/store 1/a+b.csv", "store,item,quantity\ns1,x,3\ns1,y,0\n");

        JsonNode report = probe.awaitReport("store 1/a+b.csv");
        assertThat(report.get("inserted").asLong()).isEqualTo(2);
        await().until(() -> probe.keys("processed/").contains("processed/store 1/a+b.csv"));
        assertThat(probe.item("s1", "y").get("quantity").n()).isEqualTo("0");
        await().until(() -> messages(queue) == 0);
        assertThat(messages(deadLetters)).isZero();
    }

    @Test
    void notificationsThatNameNothingToImportAreAcknowledgedNotRetried() throws Exception {
        probe.upload("other/a.csv", "store,item,quantity\ns1,x,1\n");
        String url = sqs.getQueueUrl(g -> g.queueName(queue)).queueUrl();
        for (String body : List.of("not json", "{\"Records\":[]}",
                S3Events.created(bucket, "other/a.csv"),               // outside the incoming prefix
                S3Events.created(bucket, "incoming/readme.txt"),       // not the key suffix
                S3Events.created("someone-elses-bucket", "incoming/a.csv"),
                S3Events.created(bucket, "incoming/gone.csv"))) {      // no such object (any more)
            sqs.sendMessage(m -> m.queueUrl(url).messageBody(body));
        }

        await().until(() -> messages(queue) == 0);
        assertThat(messages(deadLetters)).isZero();
        assertThat(probe.keys("other/")).containsExactly("other/a.csv");
        assertThat(probe.keys("reports/")).isEmpty();
        assertThat(probe.keys("failed/")).isEmpty();
    }

    @Test
    void aFileWhoseDownloadFailsIsImportedWhenItsNotificationComesBack() throws Exception {
        // 4 failures use up all of the SDK's attempts of one GetObject
        faults.add("{\"service\":\"s3\",\"operation\":\"GetObject\",\"status\":500,\"count\":4}");

        probe.uploadSample("inventory.csv");

        await().atMost(PipelineProbe.TIMEOUT).until(() -> probe.keys("processed/").contains("processed/inventory.csv"));
        assertThat(faults.fired("s3", "GetObject")).isEqualTo(4);
        assertThat(probe.awaitReport("inventory.csv").get("inserted").asLong()).isEqualTo(5);
        await().until(() -> messages(queue) == 0);
    }

    @Test
    void anSqsOutageDelaysImportsAndLosesNothing() throws Exception {
        // 4 s of failing receives (the consumer backs off and polls again), then deletes that fail all of the SDK's
        // attempts: the archived file's message comes back, finds its object gone, and is deleted then
        faults.add("{\"service\":\"sqs\",\"operation\":\"ReceiveMessage\",\"status\":503,\"code\":\"ServiceUnavailable\",\"durationMs\":4000}");
        faults.add("{\"service\":\"sqs\",\"operation\":\"DeleteMessage\",\"status\":500,\"code\":\"InternalError\",\"count\":4}");

        probe.uploadSample("inventory.csv");

        await().atMost(PipelineProbe.TIMEOUT).until(() -> probe.keys("processed/").contains("processed/inventory.csv"));
        assertThat(probe.awaitReport("inventory.csv").get("inserted").asLong()).isEqualTo(5);
        await().atMost(Duration.ofSeconds(40)).until(() -> messages(queue) == 0 && inFlight(queue) == 0);
        assertThat(faults.fired("sqs", "DeleteMessage")).as("one DeleteMessage, all of its SDK attempts").isEqualTo(4);
        assertThat(messages(deadLetters)).isZero();
        assertThat(probe.keys("failed/")).isEmpty();
        assertThat(probe.metrics().filesProcessed()).as("imported once; the message's return found nothing to do").isEqualTo(1);
    }

    @Test
    void aNotificationReceivedTooOftenGoesToTheDeadLetterQueueAndItsFileToFailed() throws Exception {
        // every download fails: each receive is retried later, until the redrive policy moves the message on
        faults.add("{\"service\":\"s3\",\"operation\":\"GetObject\",\"status\":500}");

        probe.upload("incoming/stuck.csv", "store,item,quantity\ns1,x,1\n");

        await().atMost(Duration.ofSeconds(60)).until(() -> probe.keys("failed/").contains("failed/stuck.csv"));
        faults.clear(); // the probe reads the report with GetObject
        JsonNode report = probe.awaitReport("stuck.csv");
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("failure").asText()).contains("dead-letter queue").contains("3 times");
        assertThat(probe.keys("incoming/")).isEmpty();
        await().until(() -> messages(queue) == 0 && messages(deadLetters) == 0);
    }

    @Test
    void aLongImportKeepsItsNotificationHiddenPastTheVisibilityTimeout() throws Exception {
        // every write answers 1.5 s late: 12 batches of 25 rows, one at a time, take about 18 s > the 10 s timeout
        faults.add("{\"service\":\"dynamodb\",\"operation\":\"" + writeOperations().get(0) + "\",\"delayMs\":1500}");
        StringBuilder csv = new StringBuilder("store,item,quantity\n");
        for (int i = 0; i < 300; i++) {
            csv.append("s1,i").append(i).append(",5\n");
        }
        probe.upload("incoming/long.csv", csv.toString());

        await().until(() -> inFlight(queue) == 1);
        // hidden all along, for longer than the visibility timeout: only an extension keeps it so
        await("the notification stays hidden while its file imports").during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> messages(queue) == 0 && inFlight(queue) == 1);
        boolean importing = probe.keys("reports/").isEmpty();

        JsonNode report = probe.awaitReport("long.csv");
        assertThat(report.get("inserted").asLong()).isEqualTo(300);
        assertThat(importing).as("the import outlasted the visibility timeout").isTrue();
        await().until(() -> messages(queue) == 0 && inFlight(queue) == 0);
    }

    @Test
    void eventsThatDoNotDecodeAreDeletedFromTheQueueAndTheDeadLetterQueueWithOneLogLineEachAndNoStackTrace() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger events = (Logger) LoggerFactory.getLogger(UploadEvents.class);
        log.start();
        events.addAppender(log);
        try {
            List<String> bodies = List.of(
                    S3Events.created(bucket, "incoming/x.csv").replace("incoming/x.csv", "incoming/%zz.csv"), // no URL-decoding
                    "{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"},\"object\":{}}}]}", // a record without a key
                    "{\"Records\":[ not json",
                    S3Events.created("someone-elses-bucket", "incoming/a.csv"));
            for (String queueName : List.of(queue, deadLetters)) {
                String url = sqs.getQueueUrl(g -> g.queueName(queueName)).queueUrl();
                bodies.forEach(body -> sqs.sendMessage(m -> m.queueUrl(url).messageBody(body)));
            }

            await().until(() -> messages(queue) + inFlight(queue) + messages(deadLetters) + inFlight(deadLetters) == 0);
            // each once: none of them comes back to be logged again
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> warnings(log).size() == 8);
            assertThat(warnings(log)).allSatisfy(e -> assertThat(e.getThrowableProxy()).as("stack trace").isNull());
            assertThat(warnings(log)).filteredOn(e -> e.getFormattedMessage().contains("%zz")).hasSize(2);
            assertThat(probe.keys("reports/")).isEmpty();
            assertThat(probe.keys("failed/")).isEmpty();
        } finally {
            events.detachAppender(log);
        }
    }

    @Test
    void aGzipUploadIsImportedFromItsNotification() throws Exception {
        probe.upload("incoming/daily.csv.gz", ImportStoriesTest.gzip("store,item,quantity\ns2,g,1\n"));
        assertThat(probe.awaitReport("daily.csv.gz").get("inserted").asLong()).isEqualTo(1);
        await().until(() -> probe.keys("processed/").contains("processed/daily.csv.gz") && messages(queue) == 0);
    }

    private static List<ILoggingEvent> warnings(ListAppender<ILoggingEvent> log) {
        return List.copyOf(log.list).stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }

    private long messages(String name) {
        return attribute(name, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    }

    private long inFlight(String name) {
        return attribute(name, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    private long attribute(String name, QueueAttributeName attribute) {
        String url = sqs.getQueueUrl(g -> g.queueName(name)).queueUrl();
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(attribute)).attributes();
        return Long.parseLong(a.get(attribute));
    }
}
