package sandbox.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An item as kept in a table: the canonical wire JSON (never mutated once stored) and its DynamoDB size. */
record StoredItem(ObjectNode item, int size) {

    static StoredItem of(ObjectNode item) {
        return new StoredItem(item, AttributeValues.itemSize(item));
    }
}
