package inventory.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.InventorySettings.AlertMode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

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

    /** Every combination of event, keys and (old and new) quantity, as the stream delivers them. */
    private static List<Record> records() {
        List<Record> all = new ArrayList<>();
        List<String> events = Arrays.asList("INSERT", "MODIFY", "REMOVE", null);
        List<String> quantities = Arrays.asList(null, "0", "-1", "1", "3", "4", "0.0", "2.5", "1e1", "abc", "");
        for (String event : events) {
            for (int keys = 0; keys < 4; keys++) {
                for (String newQuantity : quantities) {
                    for (String oldQuantity : quantities) {
                        all.add(record(event, keys, newQuantity, oldQuantity));
                    }
                }
            }
        }
        return all;
    }

    /** keys: 0 none, 1 store only, 2 item only, 3 both; a null quantity leaves that image out. */
    private static Record record(String event, int keys, String newQuantity, String oldQuantity) {
        Map<String, AttributeValue> k = new HashMap<>();
        if ((keys & 1) != 0) {
            k.put("store", AttributeValue.fromS("s1"));
        }
        if ((keys & 2) != 0) {
            k.put("item", AttributeValue.fromS("sku"));
        }
        StreamRecord.Builder ddb = StreamRecord.builder().sequenceNumber("1").approximateCreationDateTime(Instant.EPOCH);
        if (!k.isEmpty()) {
            ddb.keys(k);
        }
        if (newQuantity != null) {
            Map<String, AttributeValue> image = new HashMap<>(k);
            image.put("quantity", newQuantity.equals("abc") ? AttributeValue.fromS(newQuantity) : AttributeValue.fromN(newQuantity));
            ddb.newImage(image);
        }
        if (oldQuantity != null) {
            ddb.oldImage(Map.of("quantity", AttributeValue.fromN(oldQuantity)));
        }
        return Record.builder().eventID("e").eventName(event).dynamodb(ddb.build()).build();
    }

    @Test
    void thePreFilterOnTheRawRecordAgreesWithTheRuleOnEveryKindOfRecord() {
        List<Record> records = records();
        int alerting = 0;
        for (StockAlertPolicy policy : List.of(everyChange, onTransition, new StockAlertPolicy(3, AlertMode.EVERY_CHANGE),
                new StockAlertPolicy(3, AlertMode.ON_TRANSITION), new StockAlertPolicy(-1, AlertMode.ON_TRANSITION))) {
            for (Record r : records) {
                boolean rule = policy.shouldAlert(StockChange.of(r));
                assertThat(policy.canAlert(r)).as("%s", r).isEqualTo(rule);
                alerting += rule ? 1 : 0;
            }
        }
        assertThat(alerting).as("the grid holds alerting records too").isGreaterThan(100);
    }

    @Test
    void aRecordWithoutAnEventNameNeverAlerts() {
        assertThat(everyChange.shouldAlert(change(null, 0L, null))).isFalse();
        assertThat(everyChange.canAlert(record(null, 3, "0", null))).isFalse();
    }

    @Test
    void onTransitionNeedsTheOldImageOnTheRawRecordToo() {
        assertThat(onTransition.canAlert(record("MODIFY", 3, "0", "5"))).isTrue();
        assertThat(onTransition.canAlert(record("MODIFY", 3, "0", "0"))).isFalse();
        assertThat(onTransition.canAlert(record("MODIFY", 3, "0", null))).as("unknown old quantity").isTrue();
        assertThat(everyChange.canAlert(record("MODIFY", 3, "0", "0"))).isTrue();
    }
}
