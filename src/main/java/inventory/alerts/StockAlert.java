package inventory.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inventory.InventorySettings.AlertFormat;

/** The alert for one change: what subscribers read, and the attributes SNS filter policies can match. */
public record StockAlert(String eventId, String store, String item, String quantity, String updatedAt) {

    public static final String SUBJECT = "Out of stock";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One GSM-7 SMS segment. */
    static final int SMS_LENGTH = 160;

    public static StockAlert of(StockChange change) {
        return new StockAlert(change.eventId(), change.store(), change.item(),
                change.newQuantity().stripTrailingZeros().toPlainString(), change.updatedAt());
    }

    /** {@code Out of stock: <item> at store <store> (quantity 0, updated <updatedAt>)}, or the JSON form. */
    public String message(AlertFormat format) {
        if (format == AlertFormat.JSON) {
            ObjectNode n = JSON.createObjectNode();
            n.put("alert", "out-of-stock").put("store", store).put("item", item).put("quantity", Long.parseLong(quantity))
                    .put("updatedAt", updatedAt).put("eventId", eventId);
            return n.toString();
        }
        String updated = updatedAt == null ? "" : ", updated " + updatedAt;
        String text = "Out of stock: " + item + " at store " + store + " (quantity " + quantity + updated + ")";
        if (text.length() <= SMS_LENGTH) {
            return text;
        }
        // long ids: shorten item and store so the alert still fits one SMS
        int room = SMS_LENGTH - (text.length() - item.length() - store.length());
        int storeMax = Math.min(store.length(), Math.max(room / 2, room - item.length()));
        int itemMax = room - storeMax;
        return "Out of stock: " + clip(item, itemMax) + " at store " + clip(store, storeMax)
                + " (quantity " + quantity + updated + ")";
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "…";
    }
}
