package sandbox.sns;

import sandbox.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.sns.SnsAssertions.snsError;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** FIFO topics, on a sandbox whose clock the tests move past the 5-minute deduplication window. */
class SnsFifoTest {

    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private static Sandbox sandbox;
    private static SnsClient sns;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.ephemeral().withClock(CLOCK));
        sns = SandboxTestSupport.sns(sandbox.endpoint());
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    private static String fifoTopic(Map<String, String> extra) {
        Map<String, String> attrs = new java.util.HashMap<>(extra);
        attrs.put("FifoTopic", "true");
        return sns.createTopic(b -> b.name("orders-" + UUID.randomUUID().toString().substring(0, 8) + ".fifo")
                .attributes(attrs)).topicArn();
    }

    private static JsonNode messages(String topic) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.endpoint()
                + "/_sandbox/sns/messages?topicArn=" + URLEncoder.encode(topic, StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.parse(r.body());
    }

    @Test
    void fifoPublishNeedsAGroupAndADeduplicationId() {
        String topic = fifoTopic(Map.of());
        snsError(() -> sns.publish(b -> b.topicArn(topic).message("m")), 400, "InvalidParameter",
                "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
        snsError(() -> sns.publish(b -> b.topicArn(topic).message("m").messageGroupId("g")), 400, "InvalidParameter",
                "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or "
                        + "MessageDeduplicationId provided explicitly");
        snsError(() -> sns.publish(b -> b.topicArn(topic).message("m").messageGroupId("g")
                .messageDeduplicationId("x".repeat(129))), 400, "InvalidParameter", null);
        PublishResponse r = sns.publish(b -> b.topicArn(topic).message("m").messageGroupId("g")
                .messageDeduplicationId("d-1"));
        assertThat(r.sequenceNumber()).matches("\\d{20}");
    }

    @Test
    void aDuplicateWithinFiveMinutesGetsTheSameIdAndIsNotStoredAgain() throws Exception {
        String topic = fifoTopic(Map.of());
        PublishResponse first = sns.publish(b -> b.topicArn(topic).message("reserve A-1").messageGroupId("A-1")
                .messageDeduplicationId("order-1"));
        CLOCK.advance(Duration.ofMinutes(4));
        PublishResponse again = sns.publish(b -> b.topicArn(topic).message("reserve A-1 (resent)")
                .messageGroupId("A-1").messageDeduplicationId("order-1"));
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.sequenceNumber()).isEqualTo(first.sequenceNumber());
        assertThat(messages(topic)).hasSize(1);

        PublishResponse other = sns.publish(b -> b.topicArn(topic).message("reserve B-2").messageGroupId("B-2")
                .messageDeduplicationId("order-2"));
        assertThat(other.messageId()).isNotEqualTo(first.messageId());
        assertThat(new java.math.BigInteger(other.sequenceNumber()))
                .isGreaterThan(new java.math.BigInteger(first.sequenceNumber()));

        CLOCK.advance(Duration.ofMinutes(1).plusSeconds(1));
        PublishResponse later = sns.publish(b -> b.topicArn(topic).message("reserve A-1").messageGroupId("A-1")
                .messageDeduplicationId("order-1"));
        assertThat(later.messageId()).isNotEqualTo(first.messageId());
        JsonNode stored = messages(topic);
        assertThat(stored).hasSize(3);
        assertThat(stored.get(0).path("messageDeduplicationId").asText()).isEqualTo("order-1");
        assertThat(stored.get(0).path("messageGroupId").asText()).isEqualTo("A-1");
        assertThat(stored.get(0).path("sequenceNumber").asText()).isEqualTo(first.sequenceNumber());
        assertThat(stored.get(0).path("timestamp").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
    }

    @Test
    void contentBasedDeduplicationHashesTheBody() throws Exception {
        String topic = fifoTopic(Map.of("ContentBasedDeduplication", "true"));
        String a = sns.publish(b -> b.topicArn(topic).message("same body").messageGroupId("g")).messageId();
        String b2 = sns.publish(b -> b.topicArn(topic).message("same body").messageGroupId("other")).messageId();
        String c = sns.publish(b -> b.topicArn(topic).message("different body").messageGroupId("g")).messageId();
        String explicit = sns.publish(b -> b.topicArn(topic).message("same body").messageGroupId("g")
                .messageDeduplicationId("explicit")).messageId();
        assertThat(b2).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
        assertThat(explicit).isNotEqualTo(a);
        assertThat(messages(topic)).hasSize(3);
    }

    @Test
    void messageGroupScopeDeduplicatesPerGroup() throws Exception {
        String topic = fifoTopic(Map.of("FifoThroughputScope", "MessageGroup"));
        String a = sns.publish(b -> b.topicArn(topic).message("m").messageGroupId("g1").messageDeduplicationId("d"))
                .messageId();
        String b2 = sns.publish(b -> b.topicArn(topic).message("m").messageGroupId("g2").messageDeduplicationId("d"))
                .messageId();
        String c = sns.publish(b -> b.topicArn(topic).message("m").messageGroupId("g1").messageDeduplicationId("d"))
                .messageId();
        assertThat(b2).isNotEqualTo(a);
        assertThat(c).isEqualTo(a);
        assertThat(messages(topic)).hasSize(2);
    }

    @Test
    void publishBatchOnFifoReturnsSequenceNumbersAndDeduplicates() throws Exception {
        String topic = fifoTopic(Map.of());
        PublishBatchResponse r = sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("1").message("x").messageGroupId("g").messageDeduplicationId("d1")
                        .build(),
                PublishBatchRequestEntry.builder().id("2").message("y").messageGroupId("g").messageDeduplicationId("d1")
                        .build(),
                PublishBatchRequestEntry.builder().id("3").message("z").messageGroupId("g").messageDeduplicationId("d3")
                        .build()));
        assertThat(r.successful()).hasSize(3).allSatisfy(e -> assertThat(e.sequenceNumber()).matches("\\d{20}"));
        assertThat(r.successful().get(1).messageId()).isEqualTo(r.successful().get(0).messageId());
        assertThat(messages(topic)).extracting(n -> n.path("message").asText()).containsExactly("x", "z");
        snsError(() -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("1").message("x").messageDeduplicationId("d9").build())), 400,
                "InvalidParameter", "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
    }
}
