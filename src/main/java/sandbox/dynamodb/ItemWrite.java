package sandbox.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import sandbox.dynamodb.expr.Condition;
import sandbox.dynamodb.expr.Evaluator;
import sandbox.dynamodb.expr.UpdateApplier;
import sandbox.dynamodb.expr.UpdateExpression;

/**
 * One validated write of one item (PutItem, UpdateItem, DeleteItem, a ConditionCheck, or one item of a
 * batch or transaction): given the stored item, it checks the condition and computes the new item.
 *
 * @param putItem     the new item, for PUT
 * @param update      the update actions, for UPDATE
 * @param condition   null when unconditional
 * @param returnOldOnConditionFailure ReturnValuesOnConditionCheckFailure=ALL_OLD
 */
record ItemWrite(Kind kind, Table table, ItemKey key, ObjectNode putItem, UpdateExpression update,
                 Condition condition, boolean returnOldOnConditionFailure) {

    enum Kind { PUT, UPDATE, DELETE, CHECK }

    /**
     * The item after this write (null: no item), or ConditionalCheckFailedException.
     *
     * @param cur the stored item, decoded (null: no item)
     */
    ObjectNode apply(ObjectNode cur) {
        if (condition != null && !Evaluator.matches(condition, cur)) {
            throw DynamoException.conditionFailed(returnOldOnConditionFailure ? cur : null);
        }
        return switch (kind) {
            case PUT -> putItem;
            case DELETE -> null;
            case CHECK -> cur;
            case UPDATE -> {
                ObjectNode updated = UpdateApplier.apply(update, cur != null ? cur : table.schema().keyNode(key),
                        cur != null);
                // a value set into a nested path can take the item past AWS's 32 levels
                AttributeValues.checkNesting(updated);
                if (AttributeValues.itemSize(updated) > AttributeValues.MAX_ITEM_SIZE) {
                    throw DynamoException.validation("Item size to update has exceeded the maximum allowed size");
                }
                yield updated;
            }
        };
    }

    /**
     * What a committed write did: the item before and after (either may be null), stored and as trees (decoded
     * once, for the response).
     */
    record Outcome(StoredItem before, StoredItem after, ObjectNode beforeItem, ObjectNode afterItem) {
    }

    /** Whether a write changes nothing: DynamoDB then writes no stream record (trees compare maps unordered). */
    static boolean unchanged(ObjectNode before, ObjectNode after) {
        if (before == null) {
            return after == null;
        }
        return before.equals(after);
    }
}
