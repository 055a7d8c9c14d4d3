package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import inventory.PipelineMetrics;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.sqs.SqsClient;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.SandboxFaults;

/**
 * {@code inventory.alert.max-record-age}: an alert that SNS could not take until its change was older than that is
 * dead-lettered, not sent hours late; the next change goes out as usual once SNS answers.
 */
class TooOldAlertStoryTest extends PipelineTestSupport {

    @RegisterExtension
    final SandboxFaults faults = new SandboxFaults(sandbox().endpoint());

    @Override
    protected void extraProperties(Properties p) {
        p.setProperty("inventory.alert.max-record-age", "3");
        p.setProperty("inventory.alert.dead-letter-queue", "too-old-dlq-" + id);
    }

    @Test
    void anAlertStillFailingWhenItIsTooOldIsDeadLetteredNotSentLate() throws Exception {
        probe.awaitStreamReader();
        faults.add("{\"service\":\"sns\",\"operation\":\"Publish\",\"status\":503,\"code\":\"ServiceUnavailable\",\"durationMs\":600000}");
        probe.put("s1", "late", 0, "2026-11-24T10:00:00.000Z");
        PipelineMetrics metrics = context.getRegistry().findSingleByType(PipelineMetrics.class);
        await().atMost(PipelineProbe.TIMEOUT).until(() -> metrics.alertsDeadLettered() == 1);
        faults.clear();
        probe.put("s1", "on-time", 0, "2026-11-24T10:00:00.000Z");
        probe.awaitAlerts(1);
        probe.awaitAlertRouteCaughtUp();

        assertThat(probe.alerts()).extracting(m -> PipelineProbe.attr(m, "item")).containsExactly("on-time");
        try (SqsClient sqs = SandboxTestSupport.sqs(sandbox().endpoint())) {
            String url = sqs.getQueueUrl(g -> g.queueName("too-old-dlq-" + id)).queueUrl();
            var messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
            assertThat(messages).hasSize(1);
            JsonNode letter = PipelineProbe.JSON.readTree(messages.get(0).body());
            assertThat(letter.path("reason").asText()).isEqualTo("too-old");
            assertThat(letter.path("detail").asText()).contains("max-record-age");
            assertThat(letter.path("change").path("item").asText()).isEqualTo("late");
        }
    }
}
