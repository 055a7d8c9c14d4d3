package inventory.alerts;

import inventory.table.StateAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Alert claims in the state table every replica shares, fenced by the reader's term.
 * <ul>
 * <li>The fence, {@code id = "reader#<inventory table>"}: {@code term} (N) goes up by one each time a consumer starts
 *     reading the stream on any instance ({@link #begin}), with {@code owner} and {@code since} for people.</li>
 * <li>An alert, {@code id = "alert#<stream eventID>"}: {@code claimTerm}, {@code claimedBy}, {@code claimedAt}, then
 *     {@code publishedAt} or {@code deadLetteredAt}; {@code expiresAt} (epoch seconds, 48 h on) for the table's TTL,
 *     since the stream cannot hand the record out again after 24 h.</li>
 * </ul>
 * A claim is one transaction: the fence still holds this reader's term, and the alert is neither published nor
 * dead-lettered. So once another instance began reading, this one can claim nothing more, whatever it believes about
 * its leadership (a paused process, a lease that expired in a partition, two instances configured to each elect
 * themselves); and the alert an instance claimed but never sent (it died, or was fenced out) is claimed and sent by the
 * next reader. What stays possible is one repeat for a publish already on its way when its sender froze or died.
 */
public final class TableAlertClaims implements AlertClaims {

    private static final Logger LOG = LoggerFactory.getLogger(TableAlertClaims.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String fenceId;
    private final String owner;
    private final Clock clock;
    /** This instance's reader term; 0 while it is not reading. */
    private volatile long term;
    private volatile boolean fencedOut;

    /**
     * @param scope the inventory table whose stream is read
     * @param owner this instance, as the fence and the claims name it
     */
    public TableAlertClaims(DynamoDbClient dynamoDb, String table, String scope, String owner, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.fenceId = "reader#" + scope;
        this.owner = owner;
        this.clock = clock;
    }

    @Override
    public void begin() {
        Map<String, AttributeValue> now;
        try {
            now = dynamoDb.updateItem(b -> b.tableName(table).key(key(fenceId))
                    .updateExpression("SET #term = if_not_exists(#term, :zero) + :one, #owner = :owner, #since = :since")
                    .expressionAttributeNames(Map.of("#term", "term", "#owner", "owner", "#since", "since"))
                    .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1"),
                            ":owner", AttributeValue.fromS(owner), ":since", AttributeValue.fromS(clock.instant().toString())))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        } catch (DynamoDbException e) {
            if ("ValidationException".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
                throw new IllegalStateException("The reader fence item " + fenceId + " in DynamoDB table " + table
                        + " is unreadable (" + e.awsErrorDetails().errorMessage() + "): its term must be a number. Delete "
                        + "it to reset (aws dynamodb delete-item --table-name " + table + " --key '{\"id\":{\"S\":\"" + fenceId
                        + "\"}}'); the next reader starts a new count", e);
            }
            throw unavailable("begin a reader term in", e);
        } catch (SdkException e) {
            throw unavailable("begin a reader term in", e);
        }
        term = Long.parseLong(now.get("term").n());
        fencedOut = false;
        LOG.info("Reading the stream as reader term {} (fence {} in table {}): alerts claimed by earlier terms are taken over",
                term, fenceId, table);
    }

    @Override
    public void end() {
        term = 0;
    }

    @Override
    public boolean active() {
        return term > 0 && !fencedOut;
    }

    @Override
    public Claim claim(String eventId) {
        long mine = turn();
        Instant at = clock.instant();
        TransactWriteItem fence = TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(key(fenceId)).conditionExpression("#term = :term").expressionAttributeNames(Map.of("#term", "term"))
                .expressionAttributeValues(Map.of(":term", AttributeValue.fromN(Long.toString(mine))))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
        TransactWriteItem claim = TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(alertId(eventId)))
                .updateExpression("SET claimTerm = :term, claimedBy = :owner, claimedAt = :at, " + StateAttributes.EXPIRES_AT + " = :expires")
                .conditionExpression("attribute_not_exists(publishedAt) AND attribute_not_exists(deadLetteredAt)")
                .expressionAttributeValues(Map.of(":term", AttributeValue.fromN(Long.toString(mine)),
                        ":owner", AttributeValue.fromS(owner), ":at", AttributeValue.fromS(at.toString()),
                        ":expires", expires(at)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(fence, claim));
            return Claim.CLAIMED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (failedCondition(reasons, 0)) {
                throw fencedOut(mine, reasons.get(0).item());
            }
            if (failedCondition(reasons, 1)) {
                return Claim.SETTLED;
            }
            throw unavailable("claim alert " + alertId(eventId) + " in", e);
        } catch (SdkException e) {
            throw unavailable("claim alert " + alertId(eventId) + " in", e);
        }
    }

    @Override
    public void confirm() {
        long mine = turn();
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.getItem(b -> b.tableName(table).key(key(fenceId)).consistentRead(true)).item();
        } catch (SdkException e) {
            throw unavailable("read the reader fence in", e);
        }
        AttributeValue current = item == null ? null : item.get("term");
        if (current == null || !Long.toString(mine).equals(current.n())) {
            throw fencedOut(mine, item);
        }
    }

    @Override
    public void published(String eventId) {
        settle(eventId, "publishedAt");
    }

    @Override
    public void deadLettered(String eventId) {
        settle(eventId, "deadLetteredAt");
    }

    @Override
    public String describe() {
        return "DynamoDB table " + table + ", items alert#<eventID> kept " + PublishedAlertLog.RETENTION.toHours()
                + " h (TTL on " + StateAttributes.EXPIRES_AT + "), fenced by " + fenceId;
    }

    private void settle(String eventId, String attribute) {
        Instant at = clock.instant();
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(alertId(eventId)))
                    .updateExpression("SET " + attribute + " = :at, " + StateAttributes.EXPIRES_AT + " = :expires")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()), ":expires", expires(at))));
        } catch (SdkException e) {
            throw unavailable("record " + attribute + " of alert " + alertId(eventId) + " in", e);
        }
    }

    private long turn() {
        long mine = term;
        if (mine == 0 || fencedOut) {
            throw new FencedOutException("This instance does not read the stream (any more): it publishes nothing");
        }
        return mine;
    }

    private FencedOutException fencedOut(long mine, Map<String, AttributeValue> fence) {
        fencedOut = true;
        AttributeValue now = fence == null ? null : fence.get("term");
        AttributeValue by = fence == null ? null : fence.get("owner");
        String message = "Another instance reads the stream now (reader term " + (now == null ? "?" : now.n()) + ", "
                + (by == null ? "?" : by.s()) + "; this instance's term " + mine + " ended): it publishes nothing more";
        LOG.warn(message);
        return new FencedOutException(message);
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private AttributeValue expires(Instant at) {
        return AttributeValue.fromN(Long.toString(at.plus(PublishedAlertLog.RETENTION).getEpochSecond()));
    }

    private static String alertId(String eventId) {
        return "alert#" + eventId;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(StateAttributes.KEY, AttributeValue.fromS(id));
    }

    private AlertLogUnavailableException unavailable(String what, SdkException e) {
        return new AlertLogUnavailableException("Cannot " + what + " DynamoDB table " + table + ": " + e.getMessage(), e);
    }
}
