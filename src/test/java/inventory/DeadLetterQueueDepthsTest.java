package inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The dead-letter queues' depth gauge against the sandbox's SQS: what a sample finds, a failed sample keeping the
 * last value, and a scrape that answers at once while the sampler waits on a slow SQS.
 */
class DeadLetterQueueDepthsTest {

    private static Sandbox sandbox;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.ephemeral());
        sqs = SandboxTestSupport.sqs(sandbox.endpoint());
    }

    @AfterAll
    static void stop() {
        sqs.close();
        sandbox.stop();
    }

    private static double gauge(PrometheusMeterRegistry registry, String queue) {
        return registry.get("inventory.dead.letter.queue.messages").tag("queue", queue).tag("kind", "uploads").gauge().value();
    }

    @Test
    void aSampleShowsTheMessagesWaitingAndAFailedOneKeepsTheLastValue() {
        String url = sqs.createQueue(b -> b.queueName("uploads-dlq-a")).queueUrl();
        for (int i = 0; i < 3; i++) {
            int n = i;
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("dead letter " + n));
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DeadLetterQueueDepths depths = new DeadLetterQueueDepths(sqs, registry, Duration.ofHours(1),
                Executors.newSingleThreadScheduledExecutor()).watch("uploads", url);
        assertThat(gauge(registry, "uploads-dlq-a")).as("no sample yet").isNaN();

        depths.sample();
        assertThat(gauge(registry, "uploads-dlq-a")).isEqualTo(3.0);
        assertThat(registry.scrape()).contains("inventory_dead_letter_queue_messages{kind=\"uploads\",queue=\"uploads-dlq-a\"} 3.0");

        sqs.deleteQueue(b -> b.queueUrl(url));
        depths.sample();
        assertThat(gauge(registry, "uploads-dlq-a")).as("the queue is gone: the last value stays").isEqualTo(3.0);
    }

    @Test
    void aScrapeAnswersAtOnceWhileTheSamplerWaitsOnASlowSqs() {
        String url = sqs.createQueue(b -> b.queueName("uploads-dlq-b")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("dead letter"));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DeadLetterQueueDepths depths = new DeadLetterQueueDepths(sqs, registry, Duration.ofMillis(200),
                Executors.newSingleThreadScheduledExecutor()).watch("uploads", url);
        depths.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge(registry, "uploads-dlq-b") == 1.0);
            // every later GetQueueAttributes hangs longer than the sampler's call timeout
            AtomicLong slowCalls = sandbox.faults().add(Json.parse("{\"service\":\"sqs\",\"operation\":"
                    + "\"GetQueueAttributes\",\"delayMs\":" + (DeadLetterQueueDepths.CALL_TIMEOUT.toMillis() + 5000) + "}"))
                    .fired();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("another"));
            await().atMost(Duration.ofSeconds(10)).until(() -> slowCalls.get() >= 1);
            String scraped = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> registry.scrape(),
                    "a scrape must not wait for the sampler's SQS call");
            assertThat(scraped).contains("inventory_dead_letter_queue_messages{kind=\"uploads\",queue=\"uploads-dlq-b\"} 1.0");
        } finally {
            depths.stop();
            sandbox.faults().clear();
        }
    }
}
