package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;

/** The alert stories: which uploads alert, how often, and exactly what subscribers receive. */
class AlertStoriesTest extends PipelineTestSupport {

    private List<String> alertKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        for (JsonNode m : probe.alerts()) {
            keys.add(PipelineProbe.attr(m, "store") + "/" + PipelineProbe.attr(m, "item"));
        }
        return keys;
    }

    @Test
    void firstUploadAlertsForEachZeroStockItem() throws Exception {
        probe.uploadSample("inventory.csv");
        probe.awaitAlerts(2);
        probe.awaitAlertRouteCaughtUp();
        assertThat(alertKeys()).containsExactlyInAnyOrder("s001/sku-1002", "s002/sku-1001");
    }

    @Test
    void snsMessageAndAttributesAreExactlyAsSpecified() throws Exception {
        probe.upload("incoming/one.csv", "store,item,quantity,updated_at,name\ns1,sku-9,0,2026-11-24T08:30:00Z,Tea\n");
        JsonNode alert = probe.awaitAlerts(1).get(0);

        assertThat(alert.get("subject").asText()).isEqualTo("Out of stock");
        assertThat(alert.get("message").asText())
                .isEqualTo("Out of stock: sku-9 at store s1 (quantity 0, updated 2026-11-24T08:30:00.000Z)");
        List<String> names = new ArrayList<>();
        alert.get("messageAttributes").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("store", "item", "quantity");
        assertThat(alert.at("/messageAttributes/store/dataType").asText()).isEqualTo("String");
        assertThat(PipelineProbe.attr(alert, "store")).isEqualTo("s1");
        assertThat(PipelineProbe.attr(alert, "item")).isEqualTo("sku-9");
        assertThat(PipelineProbe.attr(alert, "quantity")).isEqualTo("0");
    }

    @Test
    void reuploadWithSameTimestampsSendsNoAlert() throws Exception {
        probe.uploadSample("inventory.csv");
        probe.awaitAlerts(2);
        var before = probe.item("s001", "sku-1002");

        probe.uploadSample("inventory.csv");
        probe.awaitReport("inventory.csv", r -> r.get("stale").asLong() == 5);
        probe.awaitAlertRouteCaughtUp();

        assertThat(probe.alerts()).hasSize(2);
        assertThat(probe.item("s001", "sku-1002")).isEqualTo(before);
    }

    @Test
    void reuploadWithoutTimestampsAlertsAgain() throws Exception {
        probe.uploadSample("no-timestamps.csv");
        probe.awaitAlerts(1);
        String firstStamp = probe.item("s003", "sku-2001").get("updatedAt").s();

        // S3's LastModified has one-second precision: the re-upload must land in a later second
        Instant next = Instant.parse(firstStamp).plusSeconds(1);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> !Instant.now().isBefore(next));
        probe.uploadSample("no-timestamps.csv");
        List<JsonNode> alerts = probe.awaitAlerts(2);
        probe.awaitAlertRouteCaughtUp();

        assertThat(alerts).hasSize(2);
        assertThat(alertKeys()).containsExactly("s003/sku-2001", "s003/sku-2001");
        assertThat(probe.item("s003", "sku-2001").get("updatedAt").s()).isGreaterThan(firstStamp);
    }

    @Test
    void restockAndStaleRowsDoNotAlertButANewSellOutDoes() throws Exception {
        probe.uploadSample("inventory.csv");
        probe.awaitAlerts(2);
        probe.uploadSample("restock.csv");
        probe.awaitAlerts(3);
        probe.awaitAlertRouteCaughtUp();
        assertThat(alertKeys()).containsExactlyInAnyOrder("s001/sku-1002", "s002/sku-1001", "s002/sku-1002");
    }

    @Test
    void deletingAnItemNeverAlerts() throws Exception {
        probe.upload("incoming/a.csv", "store,item,quantity\ns1,x,0\n");
        probe.awaitAlerts(1);
        probe.dynamoDb.deleteItem(b -> b.tableName(table).key(java.util.Map.of(
                "store", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("s1"),
                "item", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x"))));
        probe.awaitAlertRouteCaughtUp();
        assertThat(probe.alerts()).hasSize(1);
    }
}
