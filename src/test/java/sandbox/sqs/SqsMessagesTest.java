package sandbox.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageNotInflightException;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Messages through the AWS SDK for Java v2 on a real clock: send, receive, delete, digests (which the SDK
 * verifies on every send and receive), long polling, visibility changes, batches, purge.
 */
class SqsMessagesTest extends SandboxTestSupport {

    private static String queue(String name) {
        return sqs().createQueue(b -> b.queueName(name)).queueUrl();
    }

    private static Map<String, MessageAttributeValue> attributes() {
        return Map.of("store", MessageAttributeValue.builder().dataType("String").stringValue("s1").build(),
                "count", MessageAttributeValue.builder().dataType("Number").stringValue("42").build(),
                "raw", MessageAttributeValue.builder().dataType("Binary.gz")
                        .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 0xff})).build(),
                "store.region", MessageAttributeValue.builder().dataType("String.code").stringValue("été").build());
    }

    @Test
    void sendReceiveDeleteWithDigestsTheSdkChecks() {
        SqsClient sqs = sqs();
        String url = queue("basic");
        SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello").messageAttributes(attributes()));
        assertThat(sent.md5OfMessageBody()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(sent.md5OfMessageAttributes()).hasSize(32);

        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(got).hasSize(1);
        Message m = got.get(0);
        assertThat(m.messageId()).isEqualTo(sent.messageId());
        assertThat(m.body()).isEqualTo("hello");
        assertThat(m.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
        assertThat(m.messageAttributes().get("raw").binaryValue().asByteArray()).containsExactly(0, 1, 2, 0xff);
        assertThat(m.messageAttributes().get("store.region").stringValue()).isEqualTo("été");
        assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")
                .containsKeys(MessageSystemAttributeName.SENT_TIMESTAMP,
                        MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP,
                        MessageSystemAttributeName.SENDER_ID);

        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
    }

    @Test
    void receiveReturnsOnlyTheAskedForAttributesWithTheirOwnDigest() {
        SqsClient sqs = sqs();
        String url = queue("selected-attributes");
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageAttributes(attributes()));
        // the legacy AttributeNames and a prefix pattern; the SDK verifies the digest of what came back
        Message m = sqs.receiveMessage(b -> b.queueUrl(url).attributeNamesWithStrings("ApproximateReceiveCount")
                .messageAttributeNames("store.*")).messages().get(0);
        assertThat(m.messageAttributes()).containsOnlyKeys("store.region");
        assertThat(m.attributesAsStrings()).containsOnlyKeys("ApproximateReceiveCount");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).as("in flight for 30 s").isEmpty();
    }

    @Test
    void longPollReturnsAsSoonAsAMessageArrives() throws Exception {
        SqsClient sqs = sqs();
        String url = queue("long-poll");
        long start = System.nanoTime();
        CompletableFuture<ReceiveMessageResponse> poll = CompletableFuture.supplyAsync(
                () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)));
        Thread.sleep(300);
        assertThat(poll).isNotDone();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("wake up"));
        ReceiveMessageResponse r = poll.get(30, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.messages()).extracting(Message::body).containsExactly("wake up");
        // a generous bound: far below the 20 s wait, yet safe on a slow machine
        assertThat(took).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void longPollWithoutMessagesWaitsItsTimeAndAnswersEmpty() {
        SqsClient sqs = sqs();
        String url = queue("long-poll-empty");
        long start = System.nanoTime();
        ReceiveMessageResponse r = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1));
        assertThat(r.messages()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void changeVisibilityToZeroMakesTheMessageReceivableAgain() {
        SqsClient sqs = sqs();
        String url = queue("visibility");
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("again"));
        Message first = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(600)).messages().get(0);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(first.receiptHandle()).visibilityTimeout(0));
        Message second = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(600)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().get(0);
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
        assertThat(second.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");

        ChangeMessageVisibilityBatchResponse batch = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(
                e -> e.id("latest").receiptHandle(second.receiptHandle()).visibilityTimeout(0),
                e -> e.id("outdated").receiptHandle(first.receiptHandle()).visibilityTimeout(0)));
        assertThat(batch.successful()).extracting(e -> e.id()).containsExactly("latest");
        assertThat(batch.failed()).extracting(e -> e.id()).containsExactly("outdated");
        // now visible, not in flight
        assertThatThrownBy(() -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(second.receiptHandle())
                .visibilityTimeout(10))).isInstanceOfSatisfying(MessageNotInflightException.class, e -> assertThat(
                        e.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.MessageNotInflight"));
        assertThatThrownBy(() -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(second.receiptHandle())
                .visibilityTimeout(43201))).isInstanceOf(SqsException.class).hasMessageContaining("VisibilityTimeout");
    }

    @Test
    void batchesReportEachEntry() {
        SqsClient sqs = sqs();
        String url = queue("batches");
        SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                e -> e.id("a").messageBody("one").messageAttributes(attributes()),
                e -> e.id("b").messageBody("two"),
                e -> e.id("bad").messageBody("three").delaySeconds(901)));
        assertThat(sent.successful()).extracting(e -> e.id()).containsExactly("a", "b");
        assertThat(sent.successful().get(1).md5OfMessageBody()).isEqualTo("b8a9f715dbb64fd5c56e7783c6820a61");
        assertThat(sent.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("bad");
            assertThat(f.code()).isEqualTo("InvalidParameterValue");
            assertThat(f.senderFault()).isTrue();
        });
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("All"))
                .messages();
        assertThat(got).extracting(Message::body).containsExactlyInAnyOrder("one", "two");
        DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(
                e -> e.id("x").receiptHandle(got.get(0).receiptHandle()),
                e -> e.id("y").receiptHandle(got.get(1).receiptHandle()),
                e -> e.id("z").receiptHandle("not-a-handle")));
        assertThat(deleted.successful()).extracting(e -> e.id()).containsExactly("x", "y");
        assertThat(deleted.failed()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("ReceiptHandleIsInvalid"));
        assertThatThrownBy(() -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(e -> e.id("same").messageBody("1"),
                e -> e.id("same").messageBody("2")))).isInstanceOfSatisfying(SqsException.class, e -> assertThat(
                        e.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.BatchEntryIdsNotDistinct"));
    }

    @Test
    void invalidInputsAreRefusedAsAwsDoes() {
        SqsClient sqs = sqs();
        String url = queue("validation");
        assertThatThrownBy(() -> sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(11)))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("bad \u0000 char")))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidMessageContents"));
        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x".repeat(1048577))))
                .isInstanceOf(SqsException.class).hasMessageContaining("shorter than 1048576");
        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageAttributes(Map.of("n",
                MessageAttributeValue.builder().dataType("Number").stringValue("forty").build()))))
                .isInstanceOf(SqsException.class).hasMessageContaining("number");
        assertThatThrownBy(() -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle("garbage")))
                .isInstanceOf(ReceiptHandleIsInvalidException.class);
    }

    @Test
    void purgeEmptiesTheQueue() {
        SqsClient sqs = sqs();
        String url = queue("purged");
        for (int i = 0; i < 5; i++) {
            String body = "m" + i;
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
        }
        sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(2));
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "3")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "2");
        sqs.purgeQueue(b -> b.queueUrl(url));
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
    }

    @Test
    void bodiesAreUtf8() {
        SqsClient sqs = sqs();
        String url = queue("utf8");
        String body = "Überweisung 💶 " + new String(new byte[] {(byte) 0xe2, (byte) 0x82, (byte) 0xac},
                StandardCharsets.UTF_8);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0).body()).isEqualTo(body);
    }
}
