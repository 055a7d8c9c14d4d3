package inventory.imports;

import inventory.table.ItemAttributes;
import inventory.table.WriteResult;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Writes one row when it is newer than what the table holds: a single PutItem with the condition
 * "the item does not exist, or its updatedAt is older". Part of the conditional-write adapter ({@link WriteStrategy}):
 * Camel's aws2-ddb PutItem can only send the legacy {@code Expected} map, one condition per attribute and no
 * ConditionalOperator, which cannot say this OR, so this uses the SDK client directly.
 */
public final class ConditionalPut {

    static final String CONDITION = "attribute_not_exists(#u) OR #u < :u";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ConditionalPut(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * @param source {@code s3://bucket/key} of the file the row came from
     */
    public WriteResult put(InventoryRow row, String source) {
        String stamp = UpdatedAt.format(row.updatedAt());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ItemAttributes.STORE, AttributeValue.fromS(row.store()));
        item.put(ItemAttributes.ITEM, AttributeValue.fromS(row.item()));
        item.put(ItemAttributes.QUANTITY, AttributeValue.fromN(Long.toString(row.quantity())));
        item.put(ItemAttributes.UPDATED_AT, AttributeValue.fromS(stamp));
        item.put(ItemAttributes.SOURCE, AttributeValue.fromS(source));
        row.extras().forEach((name, value) -> item.put(name, AttributeValue.fromS(value)));
        try {
            PutItemResponse response = dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(item)
                    .conditionExpression(CONDITION)
                    .expressionAttributeNames(Map.of("#u", ItemAttributes.UPDATED_AT))
                    .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(stamp)))
                    .returnValues(ReturnValue.ALL_OLD)
                    .build());
            return response.hasAttributes() && !response.attributes().isEmpty() ? WriteResult.UPDATED : WriteResult.INSERTED;
        } catch (ConditionalCheckFailedException e) {
            return WriteResult.STALE;
        }
    }
}
