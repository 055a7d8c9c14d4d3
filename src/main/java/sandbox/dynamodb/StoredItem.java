package sandbox.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import sandbox.item.PackedItem;

/**
 * An item as kept in a table: its canonical wire JSON, packed (immutable, and shared with the stream records that
 * show it), and its DynamoDB size.
 */
record StoredItem(PackedItem packed, int size) {

    static StoredItem of(ObjectNode item) {
        return new StoredItem(PackedItem.of(item), AttributeValues.itemSize(item));
    }

    /** A new tree of the item (decoded on each call: the caller may change it). */
    ObjectNode item() {
        return packed.toJson();
    }
}
