package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static sandbox.dynamodb.DynamoDbItemsTest.n;
import static sandbox.dynamodb.DynamoDbItemsTest.s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class DynamoDbBatchAndTransactionTest extends SandboxTestSupport {

    private static DynamoDbClient ddb;

    @BeforeAll
    static void tables() {
        ddb = dynamodb();
        ddb.createTable(DynamoDbTablesTest.table("batch", false).build());
        ddb.createTable(DynamoDbTablesTest.table("accounts", false).build());
    }

    private static WriteRequest put(String id) {
        return WriteRequest.builder().putRequest(p -> p.item(Map.of("id", s(id), "v", n("1")))).build();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", s(id));
    }

    private static Map<String, AttributeValue> get(String table, String id) {
        return ddb.getItem(r -> r.tableName(table).key(key(id))).item();
    }

    @Test
    void batchWriteAppliesEveryRequestAndLeavesNothingUnprocessed() {
        List<WriteRequest> requests = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            requests.add(put("b" + i));
        }
        ddb.putItem(r -> r.tableName("batch").item(Map.of("id", s("to-delete"))));
        requests.add(WriteRequest.builder().deleteRequest(d -> d.key(key("to-delete"))).build());
        BatchWriteItemResponse r = ddb.batchWriteItem(b -> b.requestItems(Map.of("batch", requests)));
        assertThat(r.unprocessedItems()).isEmpty();
        assertThat(get("batch", "b23")).containsEntry("v", n("1"));
        assertThat(get("batch", "to-delete")).isEmpty();
    }

    @Test
    void batchWriteRefusesMoreThan25AndDuplicates() {
        List<WriteRequest> requests = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            requests.add(put("x" + i));
        }
        assertThatThrownBy(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of("batch", requests))))
                .hasMessageContaining("Member must have length less than or equal to 25");
        assertThatThrownBy(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of("batch", List.of(put("dup"), put("dup"))))))
                .hasMessageStartingWith("Provided list of item keys contains duplicates");
        assertThat(get("batch", "dup")).isEmpty();
        assertThatThrownBy(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of("no-such-table", List.of(put("a"))))))
                .hasMessageStartingWith("Requested resource not found");
        assertThatThrownBy(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of("batch",
                List.of(put("valid-one"), WriteRequest.builder().putRequest(p -> p.item(Map.of("nokey", s("x")))).build())))))
                .hasMessageStartingWith("One or more parameter values were invalid: Missing the key id in the item");
        assertThat(get("batch", "valid-one")).isEmpty();
    }

    @Test
    void batchGetReturnsFoundItemsProjected() {
        ddb.putItem(r -> r.tableName("batch").item(Map.of("id", s("g1"), "a", n("1"), "b", n("2"))));
        ddb.putItem(r -> r.tableName("batch").item(Map.of("id", s("g2"), "a", n("3"))));
        BatchGetItemResponse r = ddb.batchGetItem(b -> b.requestItems(Map.of("batch", KeysAndAttributes.builder()
                .keys(List.of(key("g1"), key("g2"), key("g-missing"))).projectionExpression("id, a").build())));
        assertThat(r.responses().get("batch")).containsExactlyInAnyOrder(Map.of("id", s("g1"), "a", n("1")),
                Map.of("id", s("g2"), "a", n("3")));
        assertThat(r.unprocessedKeys()).isEmpty();
        assertThatThrownBy(() -> ddb.batchGetItem(b -> b.requestItems(Map.of("batch", KeysAndAttributes.builder()
                .keys(List.of(key("g1"), key("g1"))).build())))).hasMessageStartingWith("Provided list of item keys contains duplicates");
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add(key("k" + i));
        }
        assertThatThrownBy(() -> ddb.batchGetItem(b -> b.requestItems(Map.of("batch", KeysAndAttributes.builder()
                .keys(keys).build())))).hasMessageStartingWith("Too many items requested for the BatchGetItem call");
    }

    private static TransactWriteItem transfer(String id, String amount, boolean mustHaveFunds) {
        return TransactWriteItem.builder().update(u -> {
            u.tableName("accounts").key(key(id)).updateExpression("ADD balance :a")
                    .expressionAttributeValues(mustHaveFunds ? Map.of(":a", n(amount), ":min", n(amount.replace("-", "")))
                            : Map.of(":a", n(amount)));
            if (mustHaveFunds) {
                u.conditionExpression("balance >= :min").returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            }
        }).build();
    }

    @Test
    void transactionsApplyAllOrNothing() {
        ddb.putItem(r -> r.tableName("accounts").item(Map.of("id", s("alice"), "balance", n("100"))));
        ddb.putItem(r -> r.tableName("accounts").item(Map.of("id", s("bob"), "balance", n("0"))));
        ddb.transactWriteItems(b -> b.transactItems(transfer("alice", "-60", true), transfer("bob", "60", false)));
        assertThat(get("accounts", "alice").get("balance").n()).isEqualTo("40");
        assertThat(get("accounts", "bob").get("balance").n()).isEqualTo("60");

        TransactionCanceledException e = catchThrowableOfType(TransactionCanceledException.class,
                () -> ddb.transactWriteItems(b -> b.transactItems(transfer("bob", "50", false), transfer("alice", "-60", true))));
        assertThat(e).hasMessageStartingWith("Transaction cancelled, please refer cancellation reasons for specific "
                + "reasons [None, ConditionalCheckFailed]");
        assertThat(e.cancellationReasons()).hasSize(2);
        assertThat(e.cancellationReasons().get(0).code()).isEqualTo("None");
        assertThat(e.cancellationReasons().get(1).code()).isEqualTo("ConditionalCheckFailed");
        assertThat(e.cancellationReasons().get(1).message()).isEqualTo("The conditional request failed");
        assertThat(e.cancellationReasons().get(1).item()).containsEntry("balance", n("40"));
        assertThat(get("accounts", "bob").get("balance").n()).isEqualTo("60");
        assertThat(get("accounts", "alice").get("balance").n()).isEqualTo("40");
    }

    @Test
    void transactionSupportsEveryActionKind() {
        ddb.putItem(r -> r.tableName("accounts").item(Map.of("id", s("check-me"), "ok", AttributeValue.fromBool(true))));
        ddb.putItem(r -> r.tableName("accounts").item(Map.of("id", s("remove-me"))));
        ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("accounts").key(key("check-me"))
                        .conditionExpression("ok = :t").expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true)))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("accounts").item(Map.of("id", s("put-me")))
                        .conditionExpression("attribute_not_exists(id)")).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("accounts").key(key("remove-me"))).build()));
        assertThat(get("accounts", "put-me")).isNotEmpty();
        assertThat(get("accounts", "remove-me")).isEmpty();
    }

    @Test
    void transactionRefusesTwoActionsOnOneItem() {
        assertThatThrownBy(() -> ddb.transactWriteItems(b -> b.transactItems(transfer("carol", "1", false),
                TransactWriteItem.builder().delete(d -> d.tableName("accounts").key(key("carol"))).build())))
                .hasMessageStartingWith("Transaction request cannot include multiple operations on one item");
    }

    @Test
    void repeatedClientRequestTokenWritesOnce() {
        ddb.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(transfer("dave", "5", false)));
        ddb.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(transfer("dave", "5", false)));
        assertThat(get("accounts", "dave").get("balance").n()).isEqualTo("5");
        assertThatThrownBy(() -> ddb.transactWriteItems(b -> b.clientRequestToken("token-1")
                .transactItems(transfer("dave", "7", false))))
                .hasMessageStartingWith("Request contains parameters that do not match the original request");
    }

    @Test
    void clientRequestTokenIsForgottenAfterTenMinutes() {
        MovableClock clock = new MovableClock();
        try (Sandbox own = Sandbox.start(SandboxConfig.ephemeral().withClock(clock))) {
            DynamoDbClient client = SandboxTestSupport.dynamodb(own.endpoint());
            client.createTable(DynamoDbTablesTest.table("accounts", false).build());
            java.util.function.Supplier<String> balance = () -> client.getItem(r -> r.tableName("accounts")
                    .key(key("erin"))).item().get("balance").n();
            client.transactWriteItems(b -> b.clientRequestToken("token-2").transactItems(transfer("erin", "5", false)));
            clock.advance(java.time.Duration.ofMinutes(9));
            client.transactWriteItems(b -> b.clientRequestToken("token-2").transactItems(transfer("erin", "5", false)));
            assertThat(balance.get()).isEqualTo("5");
            clock.advance(java.time.Duration.ofMinutes(2));
            client.transactWriteItems(b -> b.clientRequestToken("token-2").transactItems(transfer("erin", "5", false)));
            assertThat(balance.get()).isEqualTo("10");
        }
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends java.time.Clock {
        private volatile java.time.Instant now = java.time.Instant.parse("2024-05-02T10:00:00Z");

        void advance(java.time.Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void transactGetReadsSeveralItems() {
        ddb.putItem(r -> r.tableName("accounts").item(Map.of("id", s("tg"), "x", n("1"))));
        var r = ddb.transactGetItems(b -> b.transactItems(List.of(
                TransactGetItem.builder().get(g -> g.tableName("accounts").key(key("tg"))).build(),
                TransactGetItem.builder().get(g -> g.tableName("accounts").key(key("tg-missing"))).build())));
        assertThat(r.responses()).hasSize(2);
        assertThat(r.responses().get(0).item()).containsEntry("x", n("1"));
        assertThat(r.responses().get(1).hasItem()).isFalse();
    }
}
