package inventory.alerts;

import inventory.table.ItemAttributes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * What a stream record says about an item's stock.
 *
 * @param eventName   INSERT, MODIFY or REMOVE
 * @param newQuantity the quantity after the change, or null (REMOVE, or not a number)
 * @param oldQuantity the quantity before, or null (INSERT, or not a number)
 * @param updatedAt   the new image's updatedAt when it is a string, else null
 * @param created     the record's ApproximateCreationDateTime
 */
public record StockChange(String eventId, String eventName, String store, String item, BigDecimal newQuantity,
                          BigDecimal oldQuantity, String updatedAt, Instant created) {

    public static StockChange of(Record record) {
        var ddb = record.dynamodb();
        Map<String, AttributeValue> keys = ddb != null && ddb.hasKeys() ? ddb.keys() : Map.of();
        Map<String, AttributeValue> newImage = ddb != null && ddb.hasNewImage() ? ddb.newImage() : Map.of();
        Map<String, AttributeValue> oldImage = ddb != null && ddb.hasOldImage() ? ddb.oldImage() : Map.of();
        return new StockChange(record.eventID(), record.eventNameAsString(), string(keys, ItemAttributes.STORE),
                string(keys, ItemAttributes.ITEM), number(newImage.get(ItemAttributes.QUANTITY)),
                number(oldImage.get(ItemAttributes.QUANTITY)), string(newImage, ItemAttributes.UPDATED_AT),
                ddb == null ? null : ddb.approximateCreationDateTime());
    }

    /** True when {@code maxAge} is set (not zero) and the change was made longer ago than that. */
    public boolean olderThan(java.time.Duration maxAge, Instant now) {
        return !maxAge.isZero() && created != null && created.plus(maxAge).isBefore(now);
    }

    static String string(Map<String, AttributeValue> image, String name) {
        AttributeValue v = image.get(name);
        return v == null ? null : v.s();
    }

    static BigDecimal number(AttributeValue v) {
        if (v == null || v.n() == null) {
            return null;
        }
        try {
            return new BigDecimal(v.n());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The type (and for short values the value) of an attribute, for a skip's reason. */
    static String describe(AttributeValue v) {
        String type = v.type() == null ? "of an unknown type" : "a " + v.type();
        return v.s() != null && v.s().length() <= 20 ? type + " '" + v.s() + "'" : type;
    }
}
