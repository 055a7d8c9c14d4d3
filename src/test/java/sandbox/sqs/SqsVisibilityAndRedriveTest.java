package sandbox.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.MovableClock;
import sandbox.SandboxConfig;
import sandbox.SandboxExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Everything SQS does by the clock, on a sandbox clock the tests move: visibility, redrive, delay, retention. */
class SqsVisibilityAndRedriveTest {

    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-03-01T08:00:00Z"));

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension(SandboxConfig.ephemeral().withClock(CLOCK));

    private static SqsClient sqs() {
        return SandboxTestSupport.sqs(SANDBOX.endpoint());
    }

    private static List<Message> receive(SqsClient sqs, String url) {
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    @Test
    void anUndeletedMessageComesBackAfterItsVisibilityTimeout() {
        SqsClient sqs = sqs();
        String url = sqs.createQueue(b -> b.queueName("comes-back")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("work"));
        Message first = receive(sqs, url).get(0);
        CLOCK.advance(Duration.ofSeconds(29));
        assertThat(receive(sqs, url)).isEmpty();
        CLOCK.advance(Duration.ofSeconds(2));
        Message second = receive(sqs, url).get(0);
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(second.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2")
                .containsEntry(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP,
                        first.attributes().get(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP));

        // the first receipt handle is outdated: the delete succeeds but the message stays (at-least-once)
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(first.receiptHandle()));
        CLOCK.advance(Duration.ofSeconds(31));
        Message third = receive(sqs, url).get(0);
        assertThat(third.messageId()).isEqualTo(first.messageId());
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(third.receiptHandle()));
        CLOCK.advance(Duration.ofSeconds(31));
        assertThat(receive(sqs, url)).isEmpty();
    }

    @Test
    void afterMaxReceiveCountTheNextReceiveMovesTheMessageToTheDeadLetterQueue() {
        SqsClient sqs = sqs();
        String dlq = sqs.createQueue(b -> b.queueName("orders-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(b -> b.queueName("orders").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "10",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":2}")))
                .queueUrl();
        String sentId = sqs.sendMessage(b -> b.queueUrl(url).messageBody("poison").messageAttributes(Map.of("store",
                MessageAttributeValue.builder().dataType("String").stringValue("s7").build()))).messageId();
        for (int i = 1; i <= 2; i++) {
            List<Message> got = receive(sqs, url);
            assertThat(got).as("receive %d", i).hasSize(1);
            CLOCK.advance(Duration.ofSeconds(11));
        }
        assertThat(receive(sqs, url)).as("the third attempt moves it").isEmpty();
        List<Message> dead = receive(sqs, dlq);
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(sentId);
            assertThat(m.body()).isEqualTo("poison");
            assertThat(m.messageAttributes().get("store").stringValue()).isEqualTo("s7");
            assertThat(m.attributesAsStrings()).containsEntry("DeadLetterQueueSourceArn",
                    "arn:aws:sqs:us-east-1:000000000000:orders").containsEntry("ApproximateReceiveCount", "1");
        });
    }

    @Test
    void delayedMessagesAppearAfterTheirDelay() {
        SqsClient sqs = sqs();
        String url = sqs.createQueue(b -> b.queueName("delayed")
                .attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "60"))).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("queue default"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("no delay").delaySeconds(0));
        List<Message> now = receive(sqs, url);
        assertThat(now).extracting(Message::body).containsExactly("no delay");
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(now.get(0).receiptHandle()));
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "1");
        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(receive(sqs, url)).extracting(Message::body).containsExactly("queue default");
    }

    @Test
    void messagesOlderThanTheRetentionPeriodAreGone() {
        SqsClient sqs = sqs();
        String url = sqs.createQueue(b -> b.queueName("short-retention")
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60"))).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("old"));
        CLOCK.advance(Duration.ofSeconds(30));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("young"));
        CLOCK.advance(Duration.ofSeconds(31));
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "1");
        assertThat(receive(sqs, url)).extracting(Message::body).containsExactly("young");
    }

    @Test
    void aLongPollSeesAMessageWhoseVisibilityRunsOutWhileItWaits() {
        SqsClient sqs = sqs();
        String url = sqs.createQueue(b -> b.queueName("wait-for-expiry")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("retry me"));
        receive(sqs, url);
        java.util.concurrent.CompletableFuture<List<Message>> poll = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages());
        CLOCK.advance(Duration.ofSeconds(31));
        assertThat(poll.join()).extracting(Message::body).containsExactly("retry me");
    }
}
