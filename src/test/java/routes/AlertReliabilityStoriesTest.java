package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import inventory.InventorySettings.AlertMode;
import inventory.PipelineMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import testsupport.AlertAudit;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.SandboxFaults;
import testsupport.StreamLedger;

/**
 * No record holds the stream for ever, and every alert that is not sent is kept: records other tools wrote are
 * decided once, refused and too-old alerts go to the dead-letter queue with their record, reason and attempts, and a
 * reader that cannot advance says so in readiness until it moves again.
 */
class AlertReliabilityStoriesTest extends PipelineTestSupport {

    private static final String UPDATED = "2026-11-24T10:00:00.000Z";
    @RegisterExtension
    final SandboxFaults faults = new SandboxFaults(sandbox().endpoint());

    @Override
    protected void extraProperties(Properties p) {
        p.setProperty("inventory.alert.dead-letter-queue", deadLetterQueue());
        p.setProperty("inventory.alert.max-attempts", "3");
        p.setProperty("inventory.alert.stall-after", "2");
        p.setProperty("inventory.alert.format", "json");
    }

    private String deadLetterQueue() {
        return "alerts-dlq-" + id;
    }

    private void put(String item, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> full = new HashMap<>(attributes);
        full.put("store", AttributeValue.fromS("s1"));
        full.put("item", AttributeValue.fromS(item));
        probe.dynamoDb.putItem(b -> b.tableName(table).item(full));
    }

    private static Map<String, AttributeValue> quantity(AttributeValue q) {
        return Map.of("quantity", q, "updatedAt", AttributeValue.fromS(UPDATED));
    }

    private List<JsonNode> deadLetters() throws Exception {
        try (SqsClient sqs = SandboxTestSupport.sqs(sandbox().endpoint())) {
            String url = sqs.getQueueUrl(g -> g.queueName(deadLetterQueue())).queueUrl();
            List<JsonNode> letters = new ArrayList<>();
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .messageAttributeNames("All")).messages()) {
                letters.add(PipelineProbe.JSON.readTree(m.body()));
            }
            return letters;
        }
    }

    private PipelineMetrics metrics() {
        return context.getRegistry().findSingleByType(PipelineMetrics.class);
    }

    private HealthCheck.Result readiness() {
        return context.getRegistry().findSingleByType(inventory.WorkReadinessCheck.class).call();
    }

    @Test
    void recordsAnotherToolWroteAreDecidedOnceAndTheAlertsAfterThemGoOut() throws Exception {
        probe.awaitStreamReader();
        put("good-1", quantity(AttributeValue.fromN("0")));
        put("fraction", quantity(AttributeValue.fromN("-0.5")));
        put("negative", quantity(AttributeValue.fromN("-1")));
        put("exponent", quantity(AttributeValue.fromN("0E+5")));
        put("huge", quantity(AttributeValue.fromN("1E+125")));
        put("huge-negative", quantity(AttributeValue.fromN("-9.9999999999999999999999999999999999999E+125")));
        put("string", quantity(AttributeValue.fromS("0")));
        put("missing", Map.of("updatedAt", AttributeValue.fromS(UPDATED)));
        put("list", quantity(AttributeValue.fromL(List.of(AttributeValue.fromN("0")))));
        Map<String, AttributeValue> big = new HashMap<>(quantity(AttributeValue.fromN("0")));
        big.put("blob", AttributeValue.fromS("x".repeat(390_000)));
        big.put("extra", AttributeValue.fromM(Map.of("a", AttributeValue.fromBool(true))));
        put("big", big);
        Map<String, AttributeValue> controls = new HashMap<>(quantity(AttributeValue.fromN("0")));
        controls.put("updatedAt", AttributeValue.fromS("2026\n" + "y".repeat(300_000)));
        put("controls", controls);
        probe.dynamoDb.deleteItem(d -> d.tableName(table).key(Map.of("store", AttributeValue.fromS("s1"),
                "item", AttributeValue.fromS("negative"))));
        put("good-2", quantity(AttributeValue.fromN("0")));

        probe.awaitAlertRouteCaughtUp();
        var qualifying = StreamLedger.qualifying(StreamLedger.records(probe.streams, table), 0, AlertMode.EVERY_CHANGE);
        AlertAudit audit = AlertAudit.of(qualifying, AlertAudit.alerts(sandbox().endpoint(), AlertAudit.topicArn(topic)));
        assertThat(audit.lost()).as("lost alerts").isEmpty();
        assertThat(audit.duplicates()).as("repeated alerts").isEmpty();
        assertThat(audit.mismatched()).as("alerts that misstate their change: %s", AlertAudit.alerts(sandbox().endpoint(),
                AlertAudit.topicArn(topic))).isEmpty();
        assertThat(probe.alerts()).extracting(m -> PipelineProbe.attr(m, "item")).containsExactlyInAnyOrder(
                "good-1", "fraction", "negative", "exponent", "huge-negative", "big", "controls", "good-2");
        assertThat(probe.alerts()).filteredOn(m -> PipelineProbe.attr(m, "item").equals("huge-negative")).singleElement()
                .satisfies(m -> assertThat(PipelineProbe.attr(m, "quantity")).isEqualTo("-9.9999999999999999999999999999999999999E+125"));
        assertThat(probe.alerts()).filteredOn(m -> PipelineProbe.attr(m, "item").equals("controls")).singleElement()
                .satisfies(m -> assertThat(m.path("message").asText()).hasSizeLessThan(400).doesNotContain("\n"));
        assertThat(metrics().recordsSkipped("quantity-not-a-number")).isEqualTo(2);
        assertThat(metrics().recordsSkipped("no-quantity")).isEqualTo(1);
        assertThat(metrics().alertsDeadLettered()).isZero();
        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void anAlertTheDestinationRefusesIsDeadLetteredWithItsRecordAfterMaxAttemptsAndTheNextGoesOut() throws Exception {
        probe.awaitStreamReader();
        faults.add("{\"service\":\"sns\",\"operation\":\"Publish\",\"status\":400,\"code\":\"InvalidParameter\","
                + "\"message\":\"Invalid parameter: Message\",\"count\":3}");
        put("refused", quantity(AttributeValue.fromN("0")));
        await().atMost(PipelineProbe.TIMEOUT).until(() -> metrics().alertsDeadLettered() == 1);
        put("after", quantity(AttributeValue.fromN("0")));
        probe.awaitAlerts(1);
        probe.awaitAlertRouteCaughtUp();

        assertThat(probe.alerts()).extracting(m -> PipelineProbe.attr(m, "item")).containsExactly("after");
        assertThat(deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.path("reason").asText()).isEqualTo("refused");
            assertThat(letter.path("attempts").asInt()).isEqualTo(3);
            assertThat(letter.path("detail").asText()).contains("Invalid parameter");
            assertThat(letter.path("change").path("item").asText()).isEqualTo("refused");
            assertThat(letter.path("alert").path("message").asText()).contains("\"item\":\"refused\"");
            assertThat(letter.path("record").path("newImage").path("quantity").path("N").asText()).isEqualTo("0");
        });
        assertThat(faults.fired("sns", "Publish")).isEqualTo(3);
    }

    @Test
    void aReaderHeldByAnOutageTurnsReadinessDownSayingWhereAndComesBackUpByItself() throws Exception {
        probe.awaitStreamReader();
        faults.add("{\"service\":\"sns\",\"operation\":\"Publish\",\"status\":500,\"code\":\"InternalError\",\"durationMs\":600000}");
        put("late", Map.of("quantity", AttributeValue.fromN("0"), "updatedAt", AttributeValue.fromS(UPDATED)));
        // the reader holds the stream, retrying: readiness says where, and since when
        await().atMost(PipelineProbe.TIMEOUT).until(() -> readiness().getState() == HealthCheck.State.DOWN);
        assertThat(readiness().getMessage()).get().asString().contains("stream reader stalled: shard").contains("not advanced for");
        assertThat(metrics().alertsDeadLettered()).isZero();
        faults.clear();
        probe.awaitAlerts(1);
        await().atMost(PipelineProbe.TIMEOUT).until(() -> readiness().getState() == HealthCheck.State.UP);
        assertThat(probe.alerts()).extracting(m -> PipelineProbe.attr(m, "item")).containsExactly("late");
    }
}
