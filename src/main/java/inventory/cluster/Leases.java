package inventory.cluster;

import inventory.table.StateAttributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** The conditional reads and writes of one {@link LeaseItem}. */
final class Leases {

    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String id;

    Leases(DynamoDbClient dynamoDb, String table, String id) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.id = id;
    }

    String id() {
        return id;
    }

    /** The item as it is now (a consistent read), or null when there is none. */
    Map<String, AttributeValue> read() {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key()).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /**
     * Writes a new lease for {@code owner}, if the item's rvn is still {@code seenRvn} (null: if there is no item).
     *
     * @throws ConditionalCheckFailedException when someone else changed it first
     */
    void take(String seenRvn, String owner, long term, String rvn, long leaseMs) {
        Map<String, AttributeValue> item = new HashMap<>(key());
        item.put(LeaseItem.OWNER, AttributeValue.fromS(owner));
        item.put(LeaseItem.TERM, AttributeValue.fromN(Long.toString(term)));
        item.put(LeaseItem.RVN, AttributeValue.fromS(rvn));
        item.put(LeaseItem.LEASE_MS, AttributeValue.fromN(Long.toString(leaseMs)));
        item.put(LeaseItem.RENEWED_AT, AttributeValue.fromS(Instant.now().toString()));
        dynamoDb.putItem(b -> {
            b.tableName(table).item(item);
            if (seenRvn == null) {
                b.conditionExpression("attribute_not_exists(id)");
            } else {
                b.conditionExpression("#rvn = :seen").expressionAttributeNames(Map.of("#rvn", LeaseItem.RVN))
                        .expressionAttributeValues(Map.of(":seen", AttributeValue.fromS(seenRvn)));
            }
        });
    }

    /**
     * Renews: a new rvn, if the item is still this owner's with {@code rvn}.
     *
     * @throws ConditionalCheckFailedException (with the item as it is) when another instance took it over
     */
    void renew(String rvn, String owner, String next, long leaseMs) {
        dynamoDb.updateItem(b -> b.tableName(table).key(key())
                .updateExpression("SET #rvn = :next, #leaseMs = :leaseMs, #renewedAt = :now")
                .conditionExpression("#rvn = :rvn AND #owner = :owner")
                .expressionAttributeNames(Map.of("#rvn", LeaseItem.RVN, "#owner", LeaseItem.OWNER,
                        "#leaseMs", LeaseItem.LEASE_MS, "#renewedAt", LeaseItem.RENEWED_AT))
                .expressionAttributeValues(Map.of(":next", AttributeValue.fromS(next), ":rvn", AttributeValue.fromS(rvn),
                        ":owner", AttributeValue.fromS(owner), ":leaseMs", AttributeValue.fromN(Long.toString(leaseMs)),
                        ":now", AttributeValue.fromS(Instant.now().toString())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
    }

    /** Gives the lease up (an instance stopping), so another takes over at once; a failure only costs the wait. */
    void release(String rvn) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key())
                    .updateExpression("SET #released = :yes, #renewedAt = :now")
                    .conditionExpression("#rvn = :rvn")
                    .expressionAttributeNames(Map.of("#released", LeaseItem.RELEASED, "#rvn", LeaseItem.RVN,
                            "#renewedAt", LeaseItem.RENEWED_AT))
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true), ":rvn", AttributeValue.fromS(rvn),
                            ":now", AttributeValue.fromS(Instant.now().toString()))));
        } catch (ConditionalCheckFailedException e) {
            // taken over meanwhile: nothing to give up
        } catch (SdkException e) {
            LOG.warn("Could not release the lease {} ({}): another instance takes over once it expires", id, e.getMessage());
        }
    }

    /** Who holds the item a failed condition returned, for the log. */
    String describe(ConditionalCheckFailedException e) {
        Map<String, AttributeValue> item = e.item();
        if (item == null || item.isEmpty()) {
            return "the item is gone";
        }
        AttributeValue owner = item.get(LeaseItem.OWNER);
        AttributeValue term = item.get(LeaseItem.TERM);
        return "now " + (owner == null ? "?" : owner.s()) + ", term " + (term == null ? "?" : term.n());
    }

    private Map<String, AttributeValue> key() {
        return Map.of(StateAttributes.KEY, AttributeValue.fromS(id));
    }
}
