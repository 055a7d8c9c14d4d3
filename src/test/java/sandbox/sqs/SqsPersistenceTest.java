package sandbox.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.MovableClock;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** With a data folder, queues and their messages (in flight or not, with receive counts) survive a restart. */
class SqsPersistenceTest {

    @TempDir
    Path dataDir;

    @Test
    void queuesAndMessagesSurviveARestart() {
        MovableClock clock = new MovableClock(Instant.parse("2026-03-01T08:00:00Z"));
        SandboxConfig config = SandboxConfig.ephemeral().withDataDir(dataDir).withClock(clock);
        String inFlightId;
        try (Sandbox first = Sandbox.start(config)) {
            SqsClient sqs = SandboxTestSupport.sqs(first.endpoint());
            String dlq = sqs.createQueue(b -> b.queueName("events-dlq")).queueUrl();
            String url = sqs.createQueue(b -> b.queueName("events").tags(Map.of("team", "inventory")).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "60",
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:"
                            + "events-dlq\",\"maxReceiveCount\":1}"))).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("in flight"));
            inFlightId = sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0).messageId();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("waiting").messageAttributes(Map.of("k",
                    MessageAttributeValue.builder().dataType("String").stringValue("v").build())));
            String deleted = sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("deleted")).messageId();
            Message d = sqs.receiveMessage(b -> b.queueUrl(dlq)).messages().get(0);
            assertThat(d.messageId()).isEqualTo(deleted);
            sqs.deleteMessage(b -> b.queueUrl(dlq).receiptHandle(d.receiptHandle()));
            sqs.createQueue(b -> b.queueName("gone"));
            sqs.deleteQueue(b -> b.queueUrl(first.endpoint() + "/000000000000/gone"));
        }
        try (Sandbox second = Sandbox.start(config)) {
            SqsClient sqs = SandboxTestSupport.sqs(second.endpoint());
            String url = second.endpoint() + "/000000000000/events";
            assertThat(sqs.listQueues().queueUrls()).containsExactly(second.endpoint() + "/000000000000/events",
                    second.endpoint() + "/000000000000/events-dlq");
            assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).containsEntry("team", "inventory");
            Map<QueueAttributeName, String> attrs = sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.ALL)).attributes();
            assertThat(attrs).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "60")
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "1")
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "1")
                    .containsKey(QueueAttributeName.REDRIVE_POLICY);

            // the in-flight message is still hidden; the waiting one keeps its attributes
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .messageAttributeNames("All")).messages();
            assertThat(got).singleElement().satisfies(m -> {
                assertThat(m.body()).isEqualTo("waiting");
                assertThat(m.messageAttributes().get("k").stringValue()).isEqualTo("v");
            });
            // once visible again it has been received once: maxReceiveCount 1 sends it to the DLQ
            clock.advance(Duration.ofSeconds(61));
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages())
                    .extracting(Message::body).containsExactly();
            List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(second.endpoint() + "/000000000000/events-dlq")
                    .maxNumberOfMessages(10).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            assertThat(dead).extracting(Message::messageId).containsExactlyInAnyOrder(inFlightId,
                    got.get(0).messageId());
        }
        try (Sandbox third = Sandbox.start(config)) {
            SqsClient sqs = SandboxTestSupport.sqs(third.endpoint());
            // the dead-letter moves and their receives were journalled too
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(third.endpoint() + "/000000000000/events-dlq")
                    .attributeNames(QueueAttributeName.ALL)).attributes())
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "2");
        }
    }
}
