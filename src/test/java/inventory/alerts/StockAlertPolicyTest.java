package inventory.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.InventorySettings.AlertMode;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StockAlertPolicyTest {

    private static StockChange change(String event, Long newQty, Long oldQty) {
        return new StockChange("e1", event, "s1", "sku", newQty == null ? null : BigDecimal.valueOf(newQty),
                oldQty == null ? null : BigDecimal.valueOf(oldQty), "2026-11-24T10:00:00.000Z", Instant.EPOCH);
    }

    private final StockAlertPolicy everyChange = new StockAlertPolicy(0, AlertMode.EVERY_CHANGE);
    private final StockAlertPolicy onTransition = new StockAlertPolicy(0, AlertMode.ON_TRANSITION);

    @Test
    void insertAtZeroAlertsInBothModes() {
        assertThat(everyChange.shouldAlert(change("INSERT", 0L, null))).isTrue();
        assertThat(onTransition.shouldAlert(change("INSERT", 0L, null))).isTrue();
    }

    @Test
    void stockAboveTheThresholdNeverAlerts() {
        assertThat(everyChange.shouldAlert(change("INSERT", 1L, null))).isFalse();
        assertThat(everyChange.shouldAlert(change("MODIFY", 3L, 0L))).isFalse();
    }

    @Test
    void stayingAtZeroAlertsOnlyInEveryChangeMode() {
        assertThat(everyChange.shouldAlert(change("MODIFY", 0L, 0L))).isTrue();
        assertThat(onTransition.shouldAlert(change("MODIFY", 0L, 0L))).isFalse();
    }

    @Test
    void crossingToZeroAlertsInBothModes() {
        assertThat(everyChange.shouldAlert(change("MODIFY", 0L, 5L))).isTrue();
        assertThat(onTransition.shouldAlert(change("MODIFY", 0L, 5L))).isTrue();
    }

    @Test
    void thresholdIsInclusive() {
        StockAlertPolicy low = new StockAlertPolicy(3, AlertMode.ON_TRANSITION);
        assertThat(low.shouldAlert(change("MODIFY", 3L, 4L))).isTrue();
        assertThat(low.shouldAlert(change("MODIFY", 2L, 3L))).isFalse();
        assertThat(low.shouldAlert(change("MODIFY", 4L, 9L))).isFalse();
    }

    @Test
    void removeNeverAlerts() {
        assertThat(everyChange.shouldAlert(change("REMOVE", null, 0L))).isFalse();
    }

    @Test
    void itemsWithoutANumericQuantityDoNotAlert() {
        assertThat(everyChange.shouldAlert(change("INSERT", null, null))).isFalse();
    }

    @Test
    void unknownOldQuantityCountsAsACrossing() {
        assertThat(onTransition.shouldAlert(change("MODIFY", 0L, null))).isTrue();
    }
}
