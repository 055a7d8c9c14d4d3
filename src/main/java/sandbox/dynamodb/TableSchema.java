package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sandbox.core.Json;

/**
 * A table's primary key: partition key name and type, and optionally sort key name and type
 * (types S, N or B). Turns items and Key parameters into {@link ItemKey}s with AWS's checks.
 *
 * @param rangeName null for a table with a partition key only
 */
public record TableSchema(String hashName, String hashType, String rangeName, String rangeType) {

    static final int MAX_HASH_KEY_BYTES = 2048;
    static final int MAX_RANGE_KEY_BYTES = 1024;

    public boolean hasRange() {
        return rangeName != null;
    }

    public boolean isKeyAttribute(String name) {
        return name.equals(hashName) || name.equals(rangeName);
    }

    /** The key of an item being written (PutItem), with the messages AWS gives for a bad item. */
    public ItemKey keyOfItem(ObjectNode item) {
        KeyPart h = itemPart(item, hashName, hashType, true);
        KeyPart r = hasRange() ? itemPart(item, rangeName, rangeType, false) : null;
        return new ItemKey(h, r);
    }

    private static KeyPart itemPart(ObjectNode item, String name, String type, boolean hash) {
        JsonNode v = item.get(name);
        if (v == null) {
            throw DynamoException.validation(
                    "One or more parameter values were invalid: Missing the key " + name + " in the item");
        }
        String actual = AttributeValues.type(v);
        if (!actual.equals(type)) {
            throw DynamoException.validation("One or more parameter values were invalid: Type mismatch for key "
                    + name + " expected: " + type + " actual: " + actual);
        }
        return part(v, name, hash);
    }

    /** A Query's or Scan's ExclusiveStartKey: a key of this table, or AWS's refusal of one that is not. */
    public ItemKey startKeyOf(JsonNode exclusiveStartKey) {
        if (exclusiveStartKey == null || !exclusiveStartKey.isObject()
                || exclusiveStartKey.size() != (hasRange() ? 2 : 1)) {
            throw DynamoException.validation("Exclusive Start Key must have same size as table's key schema");
        }
        try {
            return keyOf(exclusiveStartKey);
        } catch (DynamoException e) {
            throw DynamoException.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }

    /** The key named by a Key parameter (GetItem, DeleteItem, UpdateItem, ...): exactly the key attributes. */
    public ItemKey keyOf(JsonNode key) {
        if (key == null || !key.isObject()) {
            throw DynamoException.validation("The provided key element does not match the schema");
        }
        ObjectNode k = AttributeValues.item(key);
        if (k.size() != (hasRange() ? 2 : 1)) {
            throw DynamoException.validation("The provided key element does not match the schema");
        }
        KeyPart h = keyParamPart(k, hashName, hashType, true);
        KeyPart r = hasRange() ? keyParamPart(k, rangeName, rangeType, false) : null;
        return new ItemKey(h, r);
    }

    private static KeyPart keyParamPart(ObjectNode key, String name, String type, boolean hash) {
        JsonNode v = key.get(name);
        if (v == null || !AttributeValues.type(v).equals(type)) {
            throw DynamoException.validation("The provided key element does not match the schema");
        }
        return part(v, name, hash);
    }

    private static KeyPart part(JsonNode v, String name, boolean hash) {
        String type = AttributeValues.type(v);
        String text = AttributeValues.inner(v).textValue();
        if (text.isEmpty()) {
            throw DynamoException.validation("One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty " + ("B".equals(type) ? "binary" : "string") + " value. Key: " + name);
        }
        KeyPart p = new KeyPart(v);
        if (hash && p.byteLength() > MAX_HASH_KEY_BYTES) {
            throw DynamoException.validation("One or more parameter values were invalid: "
                    + "Size of hashkey has exceeded the maximum size limit of2048 bytes");
        }
        if (!hash && p.byteLength() > MAX_RANGE_KEY_BYTES) {
            throw DynamoException.validation("One or more parameter values were invalid: "
                    + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
        return p;
    }

    /** The key attributes of a key, in wire form. */
    public ObjectNode keyNode(ItemKey key) {
        ObjectNode out = Json.object();
        out.set(hashName, key.hash().value());
        if (hasRange()) {
            out.set(rangeName, key.range().value());
        }
        return out;
    }

    public ArrayNode keySchemaJson() {
        ArrayNode a = Json.array();
        a.addObject().put("AttributeName", hashName).put("KeyType", "HASH");
        if (hasRange()) {
            a.addObject().put("AttributeName", rangeName).put("KeyType", "RANGE");
        }
        return a;
    }

    public ArrayNode attributeDefinitionsJson() {
        ArrayNode a = Json.array();
        a.addObject().put("AttributeName", hashName).put("AttributeType", hashType);
        if (hasRange()) {
            a.addObject().put("AttributeName", rangeName).put("AttributeType", rangeType);
        }
        return a;
    }
}
