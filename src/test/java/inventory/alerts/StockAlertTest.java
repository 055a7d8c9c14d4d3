package inventory.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inventory.InventorySettings.AlertFormat;
import org.junit.jupiter.api.Test;

class StockAlertTest {

    @Test
    void textMessageReadsLikeAnSms() {
        StockAlert a = new StockAlert("e1", "s1", "sku-1", "0", "2026-11-24T10:00:00.000Z");
        assertThat(a.message(AlertFormat.TEXT))
                .isEqualTo("Out of stock: sku-1 at store s1 (quantity 0, updated 2026-11-24T10:00:00.000Z)");
    }

    @Test
    void longIdsAreShortenedToFitOneSms() {
        StockAlert a = new StockAlert("e1", "store-" + "x".repeat(300), "item-" + "y".repeat(300), "0",
                "2026-11-24T10:00:00.000Z");
        String m = a.message(AlertFormat.TEXT);
        assertThat(m).hasSizeLessThanOrEqualTo(160).startsWith("Out of stock: item-").contains(" at store store-")
                .endsWith("(quantity 0, updated 2026-11-24T10:00:00.000Z)");
        StockAlert shortItem = new StockAlert("e1", "s".repeat(500), "i", "0", "2026-11-24T10:00:00.000Z");
        assertThat(shortItem.message(AlertFormat.TEXT)).hasSizeLessThanOrEqualTo(160).startsWith("Out of stock: i at store sss");
    }

    @Test
    void jsonMessageCarriesTheFields() throws Exception {
        StockAlert a = new StockAlert("e1", "s1", "sku-1", "0", "2026-11-24T10:00:00.000Z");
        JsonNode n = new ObjectMapper().readTree(a.message(AlertFormat.JSON));
        assertThat(n.get("store").asText()).isEqualTo("s1");
        assertThat(n.get("item").asText()).isEqualTo("sku-1");
        assertThat(n.get("quantity").asLong()).isZero();
        assertThat(n.get("updatedAt").asText()).isEqualTo("2026-11-24T10:00:00.000Z");
        assertThat(n.get("eventId").asText()).isEqualTo("e1");
    }
}
