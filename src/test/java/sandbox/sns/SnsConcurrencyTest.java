package sandbox.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.services.sns.SnsClient;

class SnsConcurrencyTest extends SandboxTestSupport {

    private static <T> List<T> inParallel(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(task));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentPublishesAreAllStoredAndDeliveredOnce() throws Exception {
        SnsClient sns = sns();
        String topic = sns.createTopic(b -> b.name("busy")).topicArn();
        String sub = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550100")).subscriptionArn();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        inParallel(8, () -> {
            for (int i = 0; i < 50; i++) {
                int n = i;
                ids.add(sns.publish(b -> b.topicArn(topic).message("m" + n)).messageId());
            }
            return null;
        });
        assertThat(ids).hasSize(400);
        assertThat(SnsPublishTest.messages(topic)).hasSize(400);
        JsonNode deliveries = Eventually.until("400 SMS deliveries", () -> SnsPublishTest.deliveries(sub),
                d -> d.size() == 400 && allDelivered(d));
        Set<String> delivered = new HashSet<>();
        deliveries.forEach(d -> delivered.add(d.path("messageId").asText()));
        assertThat(delivered).isEqualTo(ids);
    }

    private static boolean allDelivered(JsonNode records) {
        for (JsonNode r : records) {
            if (!r.path("status").asText().equals("DELIVERED")) {
                return false;
            }
        }
        return true;
    }

    @Test
    void concurrentFifoDuplicatesAreAcceptedOnce() throws Exception {
        SnsClient sns = sns();
        String topic = sns.createTopic(b -> b.name("busy.fifo").attributes(Map.of("FifoTopic", "true"))).topicArn();
        List<List<String>> answers = inParallel(6, () -> {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                mine.add(sns.publish(b -> b.topicArn(topic).message("order " + n).messageGroupId("g")
                        .messageDeduplicationId("order-" + n)).messageId());
            }
            return mine;
        });
        for (List<String> a : answers) {
            assertThat(a).isEqualTo(answers.get(0));
        }
        JsonNode stored = SnsPublishTest.messages(topic);
        assertThat(stored).hasSize(20);
        List<Long> sequence = new ArrayList<>();
        stored.forEach(m -> sequence.add(Long.parseLong(m.path("sequenceNumber").asText().substring(1))));
        assertThat(sequence).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void oneSubscriberSeesMessagesInPublishOrder() throws Exception {
        SnsClient sns = sns();
        String topic = sns.createTopic(b -> b.name("ordered")).topicArn();
        try (HttpSubscriber subscriber = new HttpSubscriber()) {
            sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(subscriber.url("/o")));
            JsonNode c = Json.parse(Eventually.until("the confirmation",
                    () -> subscriber.ofType("SubscriptionConfirmation"), l -> !l.isEmpty()).get(0).body());
            sns.confirmSubscription(b -> b.topicArn(topic).token(c.path("Token").asText()));
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String text = "message " + i;
                sns.publish(b -> b.topicArn(topic).message(text));
                sent.add(text);
            }
            List<HttpSubscriber.Received> got = Eventually.until("60 notifications",
                    () -> subscriber.ofType("Notification"), l -> l.size() == 60, Duration.ofSeconds(20));
            assertThat(got).extracting(r -> Json.parse(r.body()).path("Message").asText())
                    .containsExactlyElementsOf(sent);
        }
    }
}
