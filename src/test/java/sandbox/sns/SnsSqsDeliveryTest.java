package sandbox.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.sns.SnsAssertions.snsError;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SNS to SQS: a topic delivers to a subscribed queue of the sandbox's own SQS, the notification JSON as the message
 * body (or the message alone with RawMessageDelivery), checked through the SDK and the AWS CLI.
 */
class SnsSqsDeliveryTest extends SandboxTestSupport {

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String queueArn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    private static List<Message> receive(SqsClient sqs, String url, int count) {
        List<Message> got = new java.util.ArrayList<>();
        return Eventually.until(count + " message(s) on " + url, () -> {
            got.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages());
            return got;
        }, l -> l.size() >= count);
    }

    @Test
    void aSubscribedQueueGetsEachNotificationAsTheSnsEnvelope() {
        SnsClient sns = sns(endpoint);
        SqsClient sqs = sqs(endpoint);
        String topic = sns.createTopic(b -> b.name(unique("alerts"))).topicArn();
        String url = sqs.createQueue(b -> b.queueName(unique("subscriber"))).queueUrl();
        String arn = queueArn(sqs, url);
        String subscription = sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn)).subscriptionArn();
        assertThat(sns.getSubscriptionAttributes(b -> b.subscriptionArn(subscription)).attributes())
                .as("a queue of the same account is confirmed at once")
                .containsEntry("PendingConfirmation", "false").containsEntry("Protocol", "sqs").containsEntry("Endpoint", arn);

        String messageId = sns.publish(b -> b.topicArn(topic).subject("Out of stock").message("sku-1 at s1: 0")
                .messageAttributes(Map.of("store", MessageAttributeValue.builder().dataType("String").stringValue("s1")
                        .build()))).messageId();
        sns.publish(b -> b.topicArn(topic).message("second"));

        List<Message> got = receive(sqs, url, 2);
        JsonNode first = Json.parse(got.get(0).body());
        assertThat(first.path("Type").asText()).isEqualTo("Notification");
        assertThat(first.path("MessageId").asText()).isEqualTo(messageId);
        assertThat(first.path("TopicArn").asText()).isEqualTo(topic);
        assertThat(first.path("Subject").asText()).isEqualTo("Out of stock");
        assertThat(first.path("Message").asText()).isEqualTo("sku-1 at s1: 0");
        assertThat(first.path("MessageAttributes").path("store").path("Value").asText()).isEqualTo("s1");
        assertThat(first.path("UnsubscribeURL").asText())
                .contains(java.net.URLEncoder.encode(subscription, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(first.path("Signature").asText()).isNotBlank();
        assertThat(Json.parse(got.get(1).body()).path("Message").asText()).as("in publish order").isEqualTo("second");
    }

    @Test
    void rawMessageDeliverySendsTheMessageAlone() {
        SnsClient sns = sns(endpoint);
        SqsClient sqs = sqs(endpoint);
        String topic = sns.createTopic(b -> b.name(unique("raw"))).topicArn();
        String url = sqs.createQueue(b -> b.queueName(unique("raw-subscriber"))).queueUrl();
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn(sqs, url))
                .attributes(Map.of("RawMessageDelivery", "true")));
        sns.publish(b -> b.topicArn(topic).message("{\"sku\":\"sku-1\",\"quantity\":0}"));
        assertThat(receive(sqs, url, 1).get(0).body()).isEqualTo("{\"sku\":\"sku-1\",\"quantity\":0}");
    }

    @Test
    void aQueueThatDoesNotExistFailsTheDeliveryVisibly() throws Exception {
        SnsClient sns = sns(endpoint);
        String topic = sns.createTopic(b -> b.name(unique("nowhere"))).topicArn();
        String gone = "arn:aws:sqs:us-east-1:000000000000:" + unique("never-created");
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(gone));
        String messageId = sns.publish(b -> b.topicArn(topic).message("lost?")).messageId();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode record = Eventually.until("a failed attempt recorded for " + gone, () -> {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/_sandbox/sns/deliveries")).GET()
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                for (JsonNode r : Json.parse(body)) {
                    if (messageId.equals(r.path("messageId").asText()) && r.has("lastError")) {
                        return r;
                    }
                }
                return null;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, r -> r != null);
        assertThat(record.path("lastError").asText()).contains("NonExistentQueue").contains(gone);
    }

    @Test
    void subscribeChecksTheQueueArn() {
        SnsClient sns = sns(endpoint);
        String topic = sns.createTopic(b -> b.name(unique("checks"))).topicArn();
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint("https://sqs.example/q")), 400,
                "InvalidParameter", "Invalid parameter: SQS endpoint ARN");
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("sqs")
                        .endpoint("arn:aws:sqs:us-east-1:000000000000:orders.fifo")), 400, "InvalidParameter",
                "Invalid parameter: Invalid protocol type: sqs Reason: FIFO SQS Queues can not be subscribed to standard"
                        + " SNS topics");
    }

    @Test
    void theAwsCliSubscribesAQueueAndReceivesTheNotification() {
        ExternalClients.assumeAwsCli();
        String queue = unique("cli-subscriber");
        String url = ExternalClients.aws(endpoint, "sqs", "create-queue", "--queue-name", queue).assertOk().stdout();
        String queueUrl = Json.parse(url).path("QueueUrl").asText();
        String arn = Json.parse(ExternalClients.aws(endpoint, "sqs", "get-queue-attributes", "--queue-url", queueUrl,
                "--attribute-names", "QueueArn").assertOk().stdout()).path("Attributes").path("QueueArn").asText();
        String topic = Json.parse(ExternalClients.aws(endpoint, "sns", "create-topic", "--name", unique("cli"))
                .assertOk().stdout()).path("TopicArn").asText();
        ExternalClients.aws(endpoint, "sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs",
                "--notification-endpoint", arn).assertOk();
        ExternalClients.aws(endpoint, "sns", "publish", "--topic-arn", topic, "--message", "from the CLI").assertOk();
        JsonNode received = Eventually.until("the notification on " + queue, () -> {
            String out = ExternalClients.aws(endpoint, "sqs", "receive-message", "--queue-url", queueUrl,
                    "--wait-time-seconds", "1").assertOk().stdout();
            return out.isBlank() ? Json.parse("{}") : Json.parse(out).path("Messages"); // no output: no message yet
        }, m -> m.size() == 1);
        JsonNode envelope = Json.parse(received.get(0).path("Body").asText());
        assertThat(envelope.path("Message").asText()).isEqualTo("from the CLI");
        assertThat(envelope.path("TopicArn").asText()).isEqualTo(topic);
    }
}
