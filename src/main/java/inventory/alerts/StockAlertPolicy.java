package inventory.alerts;

import inventory.InventorySettings;
import inventory.InventorySettings.AlertMode;
import inventory.imports.ItemAttributes;
import inventory.streams.RecordFilter;
import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Which changes alert: INSERT or MODIFY whose new quantity is at or below the threshold. In
 * {@code on-transition} mode only when the item crosses to at/below the threshold (or is inserted
 * there); staying low does not alert again. REMOVE never alerts.
 *
 * <p>As a {@link RecordFilter} it is the stream consumer's pre-filter: {@link #canAlert} decides the same rule
 * on the raw SDK record, without building a {@link StockChange}, so a record that cannot alert (nearly every
 * record of a bulk import) is finished without an exchange. It answers exactly what {@link #shouldAlert}
 * answers for {@code StockChange.of(record)} (StockAlertPolicyTest checks it), so the route's own filter step
 * keeps every record the consumer lets through.
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

    public boolean shouldAlert(StockChange change) {
        return change.store() != null && change.item() != null
                && alerts(change.eventName(), change.newQuantity(), change.oldQuantity());
    }

    /** {@link #shouldAlert} of {@code StockChange.of(record)}, reading only the attributes the rule needs. */
    public boolean canAlert(Record record) {
        StreamRecord ddb = record.dynamodb();
        if (ddb == null || !ddb.hasKeys() || !ddb.hasNewImage()) {
            return false;
        }
        Map<String, AttributeValue> keys = ddb.keys();
        BigDecimal newQuantity = StockChange.number(ddb.newImage().get(ItemAttributes.QUANTITY));
        if (newQuantity == null || newQuantity.compareTo(threshold) > 0) {
            return false; // the common case during an import: stock above the threshold
        }
        if (StockChange.string(keys, ItemAttributes.STORE) == null || StockChange.string(keys, ItemAttributes.ITEM) == null) {
            return false;
        }
        BigDecimal oldQuantity = ddb.hasOldImage() ? StockChange.number(ddb.oldImage().get(ItemAttributes.QUANTITY)) : null;
        return alerts(record.eventNameAsString(), newQuantity, oldQuantity);
    }

    @Override
    public boolean wanted(Record record) {
        return canAlert(record);
    }

    private boolean alerts(String eventName, BigDecimal newQuantity, BigDecimal oldQuantity) {
        if (newQuantity == null || eventName == null) {
            return false;
        }
        boolean low = newQuantity.compareTo(threshold) <= 0;
        switch (eventName) {
            case "INSERT":
                return low;
            case "MODIFY":
                if (!low) {
                    return false;
                }
                if (mode == AlertMode.EVERY_CHANGE) {
                    return true;
                }
                // no old quantity (e.g. it was not a number): treat as a crossing rather than miss it
                return oldQuantity == null || oldQuantity.compareTo(threshold) > 0;
            default:
                return false;
        }
    }
}
