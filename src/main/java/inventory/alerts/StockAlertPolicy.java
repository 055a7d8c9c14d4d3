package inventory.alerts;

import inventory.InventorySettings;
import inventory.InventorySettings.AlertMode;
import inventory.alerts.AlertDecision.SkipReason;
import inventory.table.ItemAttributes;
import inventory.streams.RecordFilter;
import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Which changes alert, decided once per stream record ({@link #decide}): INSERT or MODIFY whose new quantity is at or
 * below the threshold; in {@code on-transition} mode only when the item crosses to at/below it (or is inserted there),
 * not while it stays low. REMOVE never alerts. Any number DynamoDB holds counts as a quantity (-1, 0.5, 1E+100: the
 * alert states it as stored); a record that cannot be read as a stock change (no new image, no quantity, a quantity
 * that is not a number) is skipped with the reason, never retried.
 *
 * <p>As a {@link RecordFilter} it is the stream consumer's pre-filter, with the same decision: only records the route
 * acts on (to alert, or to report a skip) become exchanges; during a bulk import nearly every record is stock above
 * the threshold and is finished without one.
 */
public final class StockAlertPolicy implements RecordFilter {

    private final BigDecimal threshold;
    private final AlertMode mode;

    public StockAlertPolicy(long threshold, AlertMode mode) {
        this.threshold = BigDecimal.valueOf(threshold);
        this.mode = mode;
    }

    /** The policy the settings ask for ({@code inventory.alert.threshold}, {@code inventory.alert.mode}). */
    public static StockAlertPolicy of(InventorySettings settings) {
        return new StockAlertPolicy(settings.alertThreshold(), settings.alertMode());
    }

    /** The rule, read off the raw record (only the attributes it needs), cheapest and commonest answers first. */
    public AlertDecision decide(Record record) {
        String event = record.eventNameAsString();
        if ("REMOVE".equals(event)) {
            return AlertDecision.IGNORE;
        }
        StreamRecord ddb = record.dynamodb();
        if (ddb == null || !ddb.hasNewImage()) {
            return AlertDecision.skip(SkipReason.NO_NEW_IMAGE, "the record has no new image: the table's stream must "
                    + "have view type NEW_AND_OLD_IMAGES (or NEW_IMAGE)");
        }
        AttributeValue quantity = ddb.newImage().get(ItemAttributes.QUANTITY);
        if (quantity == null) {
            return AlertDecision.skip(SkipReason.NO_QUANTITY, "the item has no quantity attribute");
        }
        BigDecimal newQuantity = StockChange.number(quantity);
        if (newQuantity == null) {
            return AlertDecision.skip(SkipReason.QUANTITY_NOT_A_NUMBER, "its quantity is " + StockChange.describe(quantity)
                    + ", not a number (N)");
        }
        boolean low = newQuantity.compareTo(threshold) <= 0;
        if (low && !"INSERT".equals(event) && !"MODIFY".equals(event)) {
            return AlertDecision.skip(SkipReason.UNKNOWN_EVENT, "event name " + event + " is none of INSERT, MODIFY, REMOVE");
        }
        if (!low) {
            return AlertDecision.IGNORE; // the common case during an import
        }
        Map<String, AttributeValue> keys = ddb.hasKeys() ? ddb.keys() : Map.of();
        if (StockChange.string(keys, ItemAttributes.STORE) == null || StockChange.string(keys, ItemAttributes.ITEM) == null) {
            return AlertDecision.skip(SkipReason.NO_KEYS, "the record's keys lack store or item as strings: " + keys.keySet());
        }
        if ("MODIFY".equals(event) && mode == AlertMode.ON_TRANSITION) {
            BigDecimal old = ddb.hasOldImage() ? StockChange.number(ddb.oldImage().get(ItemAttributes.QUANTITY)) : null;
            // no old quantity (or not a number): treat as a crossing rather than miss it
            if (old != null && old.compareTo(threshold) <= 0) {
                return AlertDecision.IGNORE;
            }
        }
        return AlertDecision.ALERT;
    }

    /** The pre-filter: records to alert for, and records to report as skipped. */
    @Override
    public boolean wanted(Record record) {
        return decide(record).verdict() != AlertDecision.Verdict.IGNORE;
    }
}
