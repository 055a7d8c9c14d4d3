package inventory.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inventory.InventorySettings.AlertFormat;
import java.math.BigDecimal;

/**
 * The alert for one change: what subscribers read, and the attributes SNS filter policies can match. Every field
 * comes from the table, which other tools may write too: the quantity is stated as stored (any DynamoDB number),
 * control characters are shown as {@code ?}, and an oversized {@code updatedAt} is cut, so that any item makes an
 * alert SNS accepts.
 */
public record StockAlert(String eventId, String store, String item, String quantity, String updatedAt) {

    public static final String SUBJECT = "Out of stock";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One GSM-7 SMS segment. */
    static final int SMS_LENGTH = 160;
    /** Longer than the pipeline's own stamps (24 characters). */
    static final int UPDATED_AT_LENGTH = 40;
    /** Plain digits up to this length; a longer number (1E+100) keeps its exponent. */
    private static final int PLAIN_NUMBER_LENGTH = 24;

    public static StockAlert of(StockChange change) {
        return new StockAlert(change.eventId(), visible(change.store()), visible(change.item()),
                quantity(change.newQuantity()),
                change.updatedAt() == null ? null : clip(visible(change.updatedAt()), UPDATED_AT_LENGTH));
    }

    /** {@code Out of stock: <item> at store <store> (quantity 0, updated <updatedAt>)}, or the JSON form. */
    public String message(AlertFormat format) {
        if (format == AlertFormat.JSON) {
            ObjectNode n = JSON.createObjectNode();
            n.put("alert", "out-of-stock").put("store", store).put("item", item).put("quantity", new BigDecimal(quantity))
                    .put("updatedAt", updatedAt).put("eventId", eventId);
            return n.toString();
        }
        String updated = updatedAt == null ? "" : ", updated " + updatedAt;
        String text = "Out of stock: " + item + " at store " + store + " (quantity " + quantity + updated + ")";
        if (text.length() <= SMS_LENGTH) {
            return text;
        }
        // long ids: shorten item and store so the alert still fits one SMS
        int room = Math.max(2, SMS_LENGTH - (text.length() - item.length() - store.length()));
        int storeMax = Math.min(store.length(), Math.max(room / 2, room - item.length()));
        int itemMax = Math.max(1, room - storeMax);
        return "Out of stock: " + clip(item, itemMax) + " at store " + clip(store, storeMax)
                + " (quantity " + quantity + updated + ")";
    }

    /** The number as DynamoDB holds it: plain when short ({@code 0}, {@code -0.5}), else with its exponent. */
    static String quantity(BigDecimal n) {
        BigDecimal stripped = n.signum() == 0 ? BigDecimal.ZERO : n.stripTrailingZeros();
        String plain = stripped.toPlainString();
        return plain.length() <= PLAIN_NUMBER_LENGTH ? plain : stripped.toString();
    }

    /** Control characters (line breaks too) as {@code ?}: an SMS, a mail subject line or a log stays one line. */
    static String visible(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(s.substring(0, i));
                }
                out.append('?');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "…";
    }
}
