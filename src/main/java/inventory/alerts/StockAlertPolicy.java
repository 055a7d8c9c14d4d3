package inventory.alerts;

import inventory.InventorySettings.AlertMode;
import java.math.BigDecimal;

/**
 * Which changes alert: INSERT or MODIFY whose new quantity is at or below the threshold. In
 * {@code on-transition} mode only when the item crosses to at/below the threshold (or is inserted
 * there); staying low does not alert again. REMOVE never alerts.
 */
public final class StockAlertPolicy {

    private final BigDecimal threshold;
    private final AlertMode mode;

    public StockAlertPolicy(long threshold, AlertMode mode) {
        this.threshold = BigDecimal.valueOf(threshold);
        this.mode = mode;
    }

    public boolean shouldAlert(StockChange change) {
        if (change.store() == null || change.item() == null || change.newQuantity() == null) {
            return false;
        }
        boolean low = change.newQuantity().compareTo(threshold) <= 0;
        switch (change.eventName()) {
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
                return change.oldQuantity() == null || change.oldQuantity().compareTo(threshold) > 0;
            default:
                return false;
        }
    }
}
