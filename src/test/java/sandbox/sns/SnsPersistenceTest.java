package sandbox.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.Subscription;

/** With a data folder, topics, subscriptions and messages survive a stop and start. */
class SnsPersistenceTest {

    @TempDir
    Path dataDir;

    private static JsonNode admin(Sandbox sandbox, String path) throws Exception {
        return Json.parse(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void stateSurvivesARestart() throws Exception {
        String topic;
        String fifo;
        String smsSub;
        String emailSub;
        String firstFifoId;
        String deletedTopic;
        try (Sandbox first = Sandbox.start(SandboxConfig.ephemeral().withDataDir(dataDir))) {
            SnsClient sns = SandboxTestSupport.sns(first.endpoint());
            topic = sns.createTopic(b -> b.name("alerts").attributes(Map.of("DisplayName", "Stock"))).topicArn();
            sns.setTopicAttributes(b -> b.topicArn(topic).attributeName("DisplayName").attributeValue("Stock alerts"));
            smsSub = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550100")
                    .attributes(Map.of("FilterPolicy", "{\"level\":[\"error\"]}"))).subscriptionArn();
            emailSub = sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint("ops@example.com")
                    .returnSubscriptionArn(true)).subscriptionArn();
            String gone = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550199"))
                    .subscriptionArn();
            sns.unsubscribe(b -> b.subscriptionArn(gone));
            sns.publish(b -> b.topicArn(topic).subject("S").message("persisted").messageAttributes(Map.of("level",
                    MessageAttributeValue.builder().dataType("String").stringValue("error").build())));
            fifo = sns.createTopic(b -> b.name("orders.fifo").attributes(Map.of("FifoTopic", "true"))).topicArn();
            firstFifoId = sns.publish(b -> b.topicArn(fifo).message("o1").messageGroupId("g")
                    .messageDeduplicationId("d1")).messageId();
            deletedTopic = sns.createTopic(b -> b.name("short-lived")).topicArn();
            sns.deleteTopic(b -> b.topicArn(deletedTopic));
        }
        try (Stream<Path> files = Files.walk(dataDir.resolve("sns"))) {
            // one file whatever the topic names: no client-chosen name becomes a path
            assertThat(files.filter(Files::isRegularFile).map(p -> dataDir.relativize(p).toString()))
                    .containsExactly("sns/state.jsonl");
        }
        try (Sandbox second = Sandbox.start(SandboxConfig.ephemeral().withDataDir(dataDir))) {
            SnsClient sns = SandboxTestSupport.sns(second.endpoint());
            assertThat(sns.listTopics().topics()).extracting(t -> t.topicArn()).containsExactlyInAnyOrder(topic, fifo);
            Map<String, String> attrs = sns.getTopicAttributes(b -> b.topicArn(topic)).attributes();
            assertThat(attrs).containsEntry("DisplayName", "Stock alerts").containsEntry("SubscriptionsConfirmed", "1")
                    .containsEntry("SubscriptionsPending", "1").containsEntry("SubscriptionsDeleted", "1");
            assertThat(sns.getTopicAttributes(b -> b.topicArn(fifo)).attributes()).containsEntry("FifoTopic", "true");
            assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions())
                    .extracting(Subscription::subscriptionArn).containsExactlyInAnyOrder(smsSub, "PendingConfirmation");
            assertThat(sns.getSubscriptionAttributes(b -> b.subscriptionArn(smsSub)).attributes())
                    .containsEntry("FilterPolicy", "{\"level\":[\"error\"]}");
            assertThat(sns.getSubscriptionAttributes(b -> b.subscriptionArn(emailSub)).attributes())
                    .containsEntry("PendingConfirmation", "true");

            JsonNode messages = admin(second, "/_sandbox/sns/messages");
            assertThat(messages).hasSize(2);
            assertThat(messages.get(0).path("message").asText()).isEqualTo("persisted");
            assertThat(messages.get(0).path("subject").asText()).isEqualTo("S");
            assertThat(messages.get(0).path("messageAttributes").path("level").path("stringValue").asText())
                    .isEqualTo("error");

            String duplicate = sns.publish(b -> b.topicArn(fifo).message("o1").messageGroupId("g")
                    .messageDeduplicationId("d1")).messageId();
            assertThat(duplicate).as("the deduplication window survives a restart").isEqualTo(firstFifoId);
            String next = sns.publish(b -> b.topicArn(fifo).message("o2").messageGroupId("g")
                    .messageDeduplicationId("d2")).sequenceNumber();
            assertThat(next).isEqualTo("10000000000000000002");

            sns.publish(b -> b.topicArn(topic).message("matches").messageAttributes(Map.of("level",
                    MessageAttributeValue.builder().dataType("String").stringValue("error").build())));
            Eventually.until("a delivery to the restored SMS subscription", () -> {
                try {
                    return admin(second, "/_sandbox/sns/deliveries");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, d -> d.size() == 1 && d.get(0).path("content").asText().equals("matches"));
        }
    }
}
