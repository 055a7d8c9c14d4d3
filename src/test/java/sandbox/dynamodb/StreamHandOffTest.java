package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sandbox.dynamodb.DynamoDbItemsTest.n;
import static sandbox.dynamodb.DynamoDbItemsTest.s;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sandbox.core.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** What DynamoDB hands to the Streams side: exactly the real changes, in commit order, as wire JSON. */
class StreamHandOffTest {

    private static RecordingSandbox sandbox;
    private static DynamoDbClient ddb;
    private static RecordingSink sink;

    @BeforeAll
    static void start() {
        sandbox = new RecordingSandbox(null);
        sink = sandbox.sink;
        ddb = sandbox.client();
        ddb.createTable(DynamoDbTablesTest.table("streamed", false)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)).build());
        ddb.createTable(DynamoDbTablesTest.table("plain", false).build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void forget() {
        sink.changes.clear();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", s(id));
    }

    private static void put(String id, String v) {
        ddb.putItem(r -> r.tableName("streamed").item(Map.of("id", s(id), "v", n(v))));
    }

    private static List<String> kinds() {
        return sink.changesOf("streamed").stream().map(RecordingSink.Change::kind).toList();
    }

    @Test
    void creatingAStreamedTableEnablesItsStream() {
        RecordingSink.Enable e = sink.enabled.stream().filter(x -> x.table().equals("streamed")).findFirst().orElseThrow();
        assertThat(e.viewType()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(e.keySchema()).isEqualTo(Json.parse("[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]"));
        assertThat(ddb.describeTable(r -> r.tableName("streamed")).table().latestStreamArn())
                .isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/streamed/stream/2024-01-01T00:00:00.000");
        assertThat(sink.enabled).noneMatch(x -> x.table().equals("plain"));
    }

    @Test
    void putsHandOffInsertsAndModifiesButNotIdenticalItems() {
        put("p", "1");
        put("p", "1.0");
        ddb.putItem(r -> r.tableName("streamed").item(Map.of("v", n("1"), "id", s("p"))));
        put("p", "2");
        assertThat(kinds()).containsExactly("INSERT", "MODIFY");
        RecordingSink.Change modify = sink.changesOf("streamed").get(1);
        assertThat(modify.keys()).isEqualTo(Json.parse("{\"id\":{\"S\":\"p\"}}"));
        assertThat(modify.oldImage()).isEqualTo(Json.parse("{\"id\":{\"S\":\"p\"},\"v\":{\"N\":\"1\"}}"));
        assertThat(modify.newImage()).isEqualTo(Json.parse("{\"id\":{\"S\":\"p\"},\"v\":{\"N\":\"2\"}}"));
    }

    @Test
    void setsCompareRegardlessOfOrder() {
        ddb.putItem(r -> r.tableName("streamed").item(Map.of("id", s("set"), "tags", AttributeValue.fromSs(List.of("a", "b")))));
        ddb.putItem(r -> r.tableName("streamed").item(Map.of("id", s("set"), "tags", AttributeValue.fromSs(List.of("b", "a")))));
        assertThat(kinds()).containsExactly("INSERT");
    }

    @Test
    void updatesHandOffOnlyRealChanges() {
        ddb.updateItem(r -> r.tableName("streamed").key(key("u")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", n("1"))));
        ddb.updateItem(r -> r.tableName("streamed").key(key("u")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", n("1.00"))));
        ddb.updateItem(r -> r.tableName("streamed").key(key("u")).updateExpression("REMOVE nothing"));
        ddb.updateItem(r -> r.tableName("streamed").key(key("u")).updateExpression("ADD v :one")
                .expressionAttributeValues(Map.of(":one", n("1"))));
        assertThat(kinds()).containsExactly("INSERT", "MODIFY");
        assertThat(sink.changesOf("streamed").get(1).newImage().get("v").get("N").asText()).isEqualTo("2");
    }

    @Test
    void deletesHandOffRemovalsOfExistingItemsOnly() {
        put("d", "1");
        ddb.deleteItem(r -> r.tableName("streamed").key(key("d")));
        ddb.deleteItem(r -> r.tableName("streamed").key(key("d")));
        assertThat(kinds()).containsExactly("INSERT", "REMOVE");
        RecordingSink.Change remove = sink.changesOf("streamed").get(1);
        assertThat(remove.oldImage()).isEqualTo(Json.parse("{\"id\":{\"S\":\"d\"},\"v\":{\"N\":\"1\"}}"));
        assertThat(remove.newImage()).isNull();
    }

    @Test
    void failedConditionsHandOffNothing() {
        put("c", "1");
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("streamed").item(Map.of("id", s("c"), "v", n("9")))
                .conditionExpression("attribute_not_exists(id)"))).isInstanceOf(ConditionalCheckFailedException.class);
        assertThatThrownBy(() -> ddb.updateItem(r -> r.tableName("streamed").key(key("c")).updateExpression("SET v = :v")
                .conditionExpression("v = :v").expressionAttributeValues(Map.of(":v", n("9")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThatThrownBy(() -> ddb.deleteItem(r -> r.tableName("streamed").key(key("c"))
                .conditionExpression("attribute_not_exists(id)"))).isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(kinds()).containsExactly("INSERT");
    }

    @Test
    void batchItemsFollowTheSameRules() {
        put("b1", "1");
        ddb.batchWriteItem(b -> b.requestItems(Map.of("streamed", List.of(
                WriteRequest.builder().putRequest(p -> p.item(Map.of("id", s("b1"), "v", n("1")))).build(),
                WriteRequest.builder().putRequest(p -> p.item(Map.of("id", s("b2"), "v", n("1")))).build(),
                WriteRequest.builder().deleteRequest(d -> d.key(key("b-missing"))).build()))));
        assertThat(kinds()).containsExactly("INSERT", "INSERT");
        assertThat(sink.changesOf("streamed").get(1).keys().toString()).contains("b2");
    }

    @Test
    void transactionItemsHandOffOnlyWhenCommitted() {
        put("t1", "1");
        put("t-check", "1");
        assertThatThrownBy(() -> ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("streamed").item(Map.of("id", s("t2")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("streamed").item(Map.of("id", s("t1")))
                        .conditionExpression("attribute_not_exists(id)")).build())))
                .isInstanceOf(TransactionCanceledException.class);
        ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("streamed").item(Map.of("id", s("t2")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("streamed").item(Map.of("id", s("t1"), "v", n("1")))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("streamed").key(key("t-check"))
                        .conditionExpression("attribute_exists(id)")).build()));
        assertThat(kinds()).containsExactly("INSERT", "INSERT", "INSERT");
    }

    @Test
    void tablesWithoutStreamHandOffNothing() {
        ddb.putItem(r -> r.tableName("plain").item(Map.of("id", s("x"))));
        assertThat(sink.changesOf("plain")).isEmpty();
    }

    @Test
    void deletingAStreamedTableDisablesItsStream() {
        ddb.createTable(DynamoDbTablesTest.table("short-lived", false)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)).build());
        ddb.deleteTable(r -> r.tableName("short-lived"));
        assertThat(sink.disabled).contains("short-lived");
    }

    @Test
    void concurrentWritesToOneItemAreHandedOffInCommitOrder() throws Exception {
        put("order", "0");
        int threads = 8;
        int perThread = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        ddb.updateItem(r -> r.tableName("streamed").key(key("order")).updateExpression("ADD v :one")
                                .expressionAttributeValues(Map.of(":one", n("1"))));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<RecordingSink.Change> changes = sink.changesOf("streamed");
        assertThat(changes).hasSize(1 + threads * perThread);
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).oldImage()).isEqualTo(changes.get(i - 1).newImage());
        }
    }
}
