package sandbox.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

class SnsHttpDeliveryTest extends SandboxTestSupport {

    private static String topic(SnsClient sns) {
        return sns.createTopic(b -> b.name("http-" + UUID.randomUUID().toString().substring(0, 8))).topicArn();
    }

    private static HttpResponse<String> fetch(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<HttpSubscriber.Received> await(HttpSubscriber subscriber, String type, int count) {
        return Eventually.until(count + " " + type + " POST(s)", () -> subscriber.ofType(type),
                l -> l.size() >= count);
    }

    /** Checks a message's signature with the certificate at its SigningCertURL, as SNS message validators do. */
    private static boolean signatureVerifies(JsonNode message, List<String> fields) throws Exception {
        HttpResponse<String> pem = fetch(message.path("SigningCertURL").asText());
        assertThat(pem.statusCode()).isEqualTo(200);
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.body().getBytes(StandardCharsets.US_ASCII)));
        cert.checkValidity();
        StringBuilder canonical = new StringBuilder();
        for (String f : fields) {
            if (message.has(f)) {
                canonical.append(f).append('\n').append(message.path(f).asText()).append('\n');
            }
        }
        Signature s = Signature.getInstance("2".equals(message.path("SignatureVersion").asText()) ? "SHA256withRSA"
                : "SHA1withRSA");
        s.initVerify(cert.getPublicKey());
        s.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return s.verify(Base64.getDecoder().decode(message.path("Signature").asText()));
    }

    @Test
    void httpSubscriptionHandshakeThenNotifications() throws Exception {
        SnsClient sns = sns();
        String topic = topic(sns);
        try (HttpSubscriber subscriber = new HttpSubscriber()) {
            String answer = sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(subscriber.url("/sns")))
                    .subscriptionArn();
            assertThat(answer).isEqualTo("pending confirmation");

            HttpSubscriber.Received confirmation = await(subscriber, "SubscriptionConfirmation", 1).get(0);
            assertThat(confirmation.method()).isEqualTo("POST");
            assertThat(confirmation.path()).isEqualTo("/sns");
            assertThat(confirmation.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
            assertThat(confirmation.header("x-amz-sns-topic-arn")).isEqualTo(topic);
            JsonNode c = Json.parse(confirmation.body());
            assertThat(confirmation.header("x-amz-sns-message-id")).isEqualTo(c.path("MessageId").asText());
            assertThat(c.path("Type").asText()).isEqualTo("SubscriptionConfirmation");
            assertThat(c.path("TopicArn").asText()).isEqualTo(topic);
            assertThat(c.path("Token").asText()).matches("[0-9a-f]{128}");
            assertThat(c.path("Message").asText()).isEqualTo("You have chosen to subscribe to the topic " + topic
                    + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
            assertThat(c.path("SubscribeURL").asText()).startsWith(endpoint + "/?Action=ConfirmSubscription&TopicArn=");
            assertThat(c.path("Timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(c.path("SignatureVersion").asText()).isEqualTo("1");
            assertThat(signatureVerifies(c, List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token",
                    "TopicArn", "Type"))).isTrue();

            assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().get(0).subscriptionArn())
                    .isEqualTo("PendingConfirmation");
            sns.publish(b -> b.topicArn(topic).message("before confirmation"));

            HttpResponse<String> confirmed = fetch(c.path("SubscribeURL").asText());
            assertThat(confirmed.statusCode()).isEqualTo(200);
            assertThat(confirmed.body()).contains("<ConfirmSubscriptionResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">");
            String subscriptionArn = sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().get(0)
                    .subscriptionArn();
            assertThat(subscriptionArn).startsWith(topic + ":");
            assertThat(confirmed.body()).contains("<SubscriptionArn>" + subscriptionArn + "</SubscriptionArn>");

            String id = sns.publish(b -> b.topicArn(topic).subject("Stock alert").message("Out of stock: A-1")
                    .messageAttributes(Map.of("sku", MessageAttributeValue.builder().dataType("String")
                            .stringValue("A-1").build(), "qty", MessageAttributeValue.builder()
                            .dataType("Number.int").stringValue("0").build()))).messageId();
            HttpSubscriber.Received n = await(subscriber, "Notification", 1).get(0);
            assertThat(subscriber.ofType("Notification")).hasSize(1);
            assertThat(n.header("x-amz-sns-message-id")).isEqualTo(id);
            assertThat(n.header("x-amz-sns-topic-arn")).isEqualTo(topic);
            assertThat(n.header("x-amz-sns-subscription-arn")).isEqualTo(subscriptionArn);
            assertThat(n.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
            JsonNode body = Json.parse(n.body());
            assertThat(body.path("Type").asText()).isEqualTo("Notification");
            assertThat(body.path("MessageId").asText()).isEqualTo(id);
            assertThat(body.path("TopicArn").asText()).isEqualTo(topic);
            assertThat(body.path("Subject").asText()).isEqualTo("Stock alert");
            assertThat(body.path("Message").asText()).isEqualTo("Out of stock: A-1");
            assertThat(body.path("SigningCertURL").asText()).isEqualTo(endpoint
                    + "/_sandbox/sns/SimpleNotificationService-sandbox.pem");
            assertThat(body.path("UnsubscribeURL").asText()).startsWith(endpoint + "/?Action=Unsubscribe&SubscriptionArn=");
            assertThat(body.path("MessageAttributes").path("sku").path("Type").asText()).isEqualTo("String");
            assertThat(body.path("MessageAttributes").path("sku").path("Value").asText()).isEqualTo("A-1");
            assertThat(body.path("MessageAttributes").path("qty").path("Type").asText()).isEqualTo("Number");
            assertThat(body.path("MessageAttributes").path("qty").path("Value").asText()).isEqualTo("0");
            List<String> fieldOrder = List.of("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp",
                    "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes");
            assertThat(body.fieldNames()).toIterable().containsExactlyElementsOf(fieldOrder);
            assertThat(signatureVerifies(body, List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn",
                    "Type"))).isTrue();

            sns.publish(b -> b.topicArn(topic).message("second"));
            sns.publish(b -> b.topicArn(topic).message("third"));
            List<HttpSubscriber.Received> all = await(subscriber, "Notification", 3);
            assertThat(all).extracting(r -> Json.parse(r.body()).path("Message").asText())
                    .containsExactly("Out of stock: A-1", "second", "third");
            assertThat(Json.parse(all.get(1).body()).has("Subject")).isFalse();
            assertThat(Json.parse(all.get(1).body()).has("MessageAttributes")).isFalse();
        }
    }

    @Test
    void rawMessageDeliveryPostsTheMessageItself() throws Exception {
        SnsClient sns = sns();
        String topic = topic(sns);
        try (HttpSubscriber subscriber = new HttpSubscriber()) {
            String arn = sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(subscriber.url("/raw"))
                    .returnSubscriptionArn(true).attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn();
            String token = Json.parse(await(subscriber, "SubscriptionConfirmation", 1).get(0).body())
                    .path("Token").asText();
            assertThat(sns.confirmSubscription(b -> b.topicArn(topic).token(token)).subscriptionArn()).isEqualTo(arn);
            sns.publish(b -> b.topicArn(topic).message("{\"sku\":\"A-1\",\"stock\":0}"));
            HttpSubscriber.Received n = await(subscriber, "Notification", 1).get(0);
            assertThat(n.body()).isEqualTo("{\"sku\":\"A-1\",\"stock\":0}");
            assertThat(n.header("x-amz-sns-rawdelivery")).isEqualTo("true");
            assertThat(n.header("x-amz-sns-subscription-arn")).isEqualTo(arn);
        }
    }

    @Test
    void aSubscriberThatFailsAtFirstGetsTheNotificationOnRetry() throws Exception {
        SnsClient sns = sns();
        String topic = topic(sns);
        try (HttpSubscriber flaky = new HttpSubscriber(2)) {
            String arn = sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(flaky.url("/flaky"))
                    .returnSubscriptionArn(true)).subscriptionArn();
            List<HttpSubscriber.Received> confirmations = await(flaky, "SubscriptionConfirmation", 3);
            assertThat(confirmations).extracting(r -> Json.parse(r.body()).path("MessageId").asText())
                    .as("a retry re-sends the same message").containsOnly(
                            Json.parse(confirmations.get(0).body()).path("MessageId").asText());
            sns.confirmSubscription(b -> b.topicArn(topic).token(Json.parse(confirmations.get(0).body())
                    .path("Token").asText()));
            String id = sns.publish(b -> b.topicArn(topic).message("retried")).messageId();
            HttpSubscriber.Received n = await(flaky, "Notification", 1).get(0);
            assertThat(Json.parse(n.body()).path("MessageId").asText()).isEqualTo(id);
            JsonNode records = Eventually.until("the notification record", () -> SnsPublishTest.deliveries(arn),
                    d -> d.size() == 2 && d.get(1).path("status").asText().equals("DELIVERED"));
            assertThat(records.get(0).path("type").asText()).isEqualTo("SubscriptionConfirmation");
            assertThat(records.get(0).path("attempts").asInt()).isEqualTo(3);
            assertThat(records.get(0).path("lastError").asText()).isEqualTo("HTTP 500 from " + flaky.url("/flaky"));
            assertThat(records.get(1).path("attempts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableSubscriberIsRecordedAsFailedAfterTheRetries() throws Exception {
        SnsClient sns = sns();
        String topic = topic(sns);
        HttpSubscriber gone = new HttpSubscriber();
        String url = gone.url("/gone");
        gone.close();
        String arn = sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(url).returnSubscriptionArn(true))
                .subscriptionArn();
        JsonNode record = Eventually.until("the confirmation to fail", () -> SnsPublishTest.deliveries(arn),
                d -> d.size() == 1 && d.get(0).path("status").asText().equals("FAILED"), Duration.ofSeconds(20)).get(0);
        assertThat(record.path("attempts").asInt()).isEqualTo(4);
        assertThat(record.path("lastError").asText()).isNotEmpty();
        assertThat(sns.publish(b -> b.topicArn(topic).message("nobody listens")).messageId()).isNotNull();
    }

    @Test
    void theUnsubscribeUrlUnsubscribesAndItsConfirmationCanRestore() throws Exception {
        SnsClient sns = sns();
        String topic = topic(sns);
        try (HttpSubscriber subscriber = new HttpSubscriber()) {
            sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(subscriber.url("/u")));
            JsonNode c = Json.parse(await(subscriber, "SubscriptionConfirmation", 1).get(0).body());
            assertThat(fetch(c.path("SubscribeURL").asText()).statusCode()).isEqualTo(200);
            sns.publish(b -> b.topicArn(topic).message("hello"));
            JsonNode n = Json.parse(await(subscriber, "Notification", 1).get(0).body());

            HttpResponse<String> unsubscribed = fetch(n.path("UnsubscribeURL").asText());
            assertThat(unsubscribed.statusCode()).isEqualTo(200);
            assertThat(unsubscribed.body()).contains("<UnsubscribeResponse");
            assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions()).isEmpty();
            JsonNode goodbye = Json.parse(await(subscriber, "UnsubscribeConfirmation", 1).get(0).body());
            assertThat(goodbye.path("Message").asText()).startsWith("You have chosen to deactivate subscription ");
            assertThat(signatureVerifies(goodbye, List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token",
                    "TopicArn", "Type"))).isTrue();

            assertThat(fetch(goodbye.path("SubscribeURL").asText()).statusCode()).isEqualTo(200);
            assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions()).hasSize(1);
            sns.publish(b -> b.topicArn(topic).message("welcome back"));
            assertThat(await(subscriber, "Notification", 2).get(1).body()).contains("welcome back");
        }
    }

    @Test
    void signatureVersion2SignsWithSha256() throws Exception {
        SnsClient sns = sns();
        String topic = topic(sns);
        sns.setTopicAttributes(b -> b.topicArn(topic).attributeName("SignatureVersion").attributeValue("2"));
        try (HttpSubscriber subscriber = new HttpSubscriber()) {
            sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(subscriber.url("/v2")));
            JsonNode c = Json.parse(await(subscriber, "SubscriptionConfirmation", 1).get(0).body());
            assertThat(c.path("SignatureVersion").asText()).isEqualTo("2");
            assertThat(signatureVerifies(c, List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token",
                    "TopicArn", "Type"))).isTrue();
        }
    }
}
