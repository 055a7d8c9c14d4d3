package inventory.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.InventorySettings.AlertMode;
import inventory.alerts.AlertDecision.SkipReason;
import inventory.alerts.AlertDecision.Verdict;
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

    private final StockAlertPolicy everyChange = new StockAlertPolicy(0, AlertMode.EVERY_CHANGE);
    private final StockAlertPolicy onTransition = new StockAlertPolicy(0, AlertMode.ON_TRANSITION);

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

    private static Record withImage(String event, Map<String, AttributeValue> image) {
        Map<String, AttributeValue> keys = Map.of("store", AttributeValue.fromS("s1"), "item", AttributeValue.fromS("sku"));
        Map<String, AttributeValue> full = new HashMap<>(keys);
        full.putAll(image);
        return Record.builder().eventID("e").eventName(event).dynamodb(StreamRecord.builder().sequenceNumber("1")
                .keys(keys).newImage(full).build()).build();
    }

    private static Verdict verdict(StockAlertPolicy policy, String event, String newQuantity, String oldQuantity) {
        return policy.decide(record(event, 3, newQuantity, oldQuantity)).verdict();
    }

    @Test
    void insertAtZeroAlertsInBothModes() {
        assertThat(verdict(everyChange, "INSERT", "0", null)).isEqualTo(Verdict.ALERT);
        assertThat(verdict(onTransition, "INSERT", "0", null)).isEqualTo(Verdict.ALERT);
    }

    @Test
    void stockAboveTheThresholdNeverAlerts() {
        assertThat(verdict(everyChange, "INSERT", "1", null)).isEqualTo(Verdict.IGNORE);
        assertThat(verdict(everyChange, "MODIFY", "3", "0")).isEqualTo(Verdict.IGNORE);
    }

    @Test
    void stayingAtZeroAlertsOnlyInEveryChangeMode() {
        assertThat(verdict(everyChange, "MODIFY", "0", "0")).isEqualTo(Verdict.ALERT);
        assertThat(verdict(onTransition, "MODIFY", "0", "0")).isEqualTo(Verdict.IGNORE);
    }

    @Test
    void crossingToZeroAlertsInBothModes() {
        assertThat(verdict(everyChange, "MODIFY", "0", "5")).isEqualTo(Verdict.ALERT);
        assertThat(verdict(onTransition, "MODIFY", "0", "5")).isEqualTo(Verdict.ALERT);
    }

    @Test
    void thresholdIsInclusive() {
        StockAlertPolicy low = new StockAlertPolicy(3, AlertMode.ON_TRANSITION);
        assertThat(verdict(low, "MODIFY", "3", "4")).isEqualTo(Verdict.ALERT);
        assertThat(verdict(low, "MODIFY", "2", "3")).isEqualTo(Verdict.IGNORE);
        assertThat(verdict(low, "MODIFY", "4", "9")).isEqualTo(Verdict.IGNORE);
    }

    @Test
    void removeNeverAlertsNorIsItSkipped() {
        assertThat(verdict(everyChange, "REMOVE", null, "0")).isEqualTo(Verdict.IGNORE);
        assertThat(verdict(everyChange, "REMOVE", "0", "0")).isEqualTo(Verdict.IGNORE);
    }

    @Test
    void unknownOldQuantityCountsAsACrossing() {
        assertThat(verdict(onTransition, "MODIFY", "0", null)).isEqualTo(Verdict.ALERT);
    }

    @Test
    void anyNumberDynamoDbHoldsIsAQuantityAndIsDecidedOnce() {
        // written by another tool: negative, fractional, exponent, huge; each decided at once, none retried
        assertThat(verdict(everyChange, "INSERT", "-0.5", null)).isEqualTo(Verdict.ALERT);
        assertThat(verdict(everyChange, "INSERT", "-1", null)).isEqualTo(Verdict.ALERT);
        assertThat(verdict(everyChange, "INSERT", "0E+5", null)).isEqualTo(Verdict.ALERT);
        assertThat(verdict(everyChange, "INSERT", "1E+125", null)).isEqualTo(Verdict.IGNORE);
        assertThat(verdict(everyChange, "INSERT", "-9.9999999999999999999999999999999999999E+125", null)).isEqualTo(Verdict.ALERT);
        assertThat(verdict(everyChange, "INSERT", "0.00000000000000000000000000000000000001", null)).isEqualTo(Verdict.IGNORE);
    }

    @Test
    void aRecordThatIsNoStockChangeIsSkippedWithItsReason() {
        AlertDecision string = everyChange.decide(withImage("INSERT", Map.of("quantity", AttributeValue.fromS("0"))));
        assertThat(string.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(string.skip()).isEqualTo(SkipReason.QUANTITY_NOT_A_NUMBER);
        assertThat(string.detail()).contains("quantity is a S '0'");
        AlertDecision missing = everyChange.decide(withImage("MODIFY", Map.of("note", AttributeValue.fromS("x"))));
        assertThat(missing.skip()).isEqualTo(SkipReason.NO_QUANTITY);
        AlertDecision list = everyChange.decide(withImage("INSERT", Map.of("quantity", AttributeValue.fromL(List.of()))));
        assertThat(list.skip()).isEqualTo(SkipReason.QUANTITY_NOT_A_NUMBER);
        Record keysOnly = Record.builder().eventID("e").eventName("INSERT").dynamodb(StreamRecord.builder()
                .sequenceNumber("1").keys(Map.of("store", AttributeValue.fromS("s"))).build()).build();
        assertThat(everyChange.decide(keysOnly).skip()).isEqualTo(SkipReason.NO_NEW_IMAGE);
        assertThat(everyChange.decide(record("INSERT", 1, "0", null)).skip()).isEqualTo(SkipReason.NO_KEYS);
        assertThat(everyChange.decide(record(null, 3, "0", null)).skip()).isEqualTo(SkipReason.UNKNOWN_EVENT);
    }

    @Test
    void extraAttributesAndBigItemsChangeNothing() {
        Map<String, AttributeValue> image = new HashMap<>();
        image.put("quantity", AttributeValue.fromN("0"));
        image.put("blob", AttributeValue.fromS("x".repeat(390_000)));
        image.put("nested", AttributeValue.fromM(Map.of("a", AttributeValue.fromL(List.of(AttributeValue.fromN("1"))))));
        assertThat(everyChange.decide(withImage("INSERT", image)).verdict()).isEqualTo(Verdict.ALERT);
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

    @Test
    void thePreFilterPassesExactlyWhatTheRouteActsOn() {
        int alerting = 0;
        int skipped = 0;
        for (StockAlertPolicy policy : List.of(everyChange, onTransition, new StockAlertPolicy(3, AlertMode.EVERY_CHANGE),
                new StockAlertPolicy(3, AlertMode.ON_TRANSITION), new StockAlertPolicy(-1, AlertMode.ON_TRANSITION))) {
            for (Record r : records()) {
                Verdict v = policy.decide(r).verdict();
                assertThat(policy.wanted(r)).as("%s", r).isEqualTo(v != Verdict.IGNORE);
                alerting += v == Verdict.ALERT ? 1 : 0;
                skipped += v == Verdict.SKIP ? 1 : 0;
            }
        }
        assertThat(alerting).as("the grid holds alerting records too").isGreaterThan(100);
        assertThat(skipped).as("and records to skip").isGreaterThan(100);
    }
}
