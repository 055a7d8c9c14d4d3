package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sandbox.dynamodb.DynamoDbItemsTest.n;
import static sandbox.dynamodb.DynamoDbItemsTest.s;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import sandbox.WholeStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** AWS-FIDELITY "when a record is written", rules 1-8, through the real DynamoDB and Streams services. */
class DynamoDbStreamsEndToEndTest extends SandboxTestSupport {

    private static DynamoDbClient ddb;
    private static DynamoDbStreamsClient streams;

    @BeforeAll
    static void clients() {
        ddb = dynamodb();
        streams = streams();
    }

    private static String streamedTable(String name, StreamViewType view) {
        return ddb.createTable(DynamoDbTablesTest.table(name, false)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(view)).build())
                .tableDescription().latestStreamArn();
    }

    /** Every record of the stream, every shard read to its end (an item's records stay in write order). */
    private static List<Record> records(String streamArn) {
        return WholeStream.records(streams, streamArn);
    }

    private static List<String> events(String streamArn) {
        return records(streamArn).stream().map(r -> r.eventNameAsString()).toList();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", s(id));
    }

    @Test
    void putsWriteInsertThenModifyButNothingForAnIdenticalItem() {
        String arn = streamedTable("e2e-puts", StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(streams.listStreams(r -> r.tableName("e2e-puts")).streams()).singleElement()
                .satisfies(st -> assertThat(st.streamArn()).isEqualTo(arn));
        ddb.putItem(r -> r.tableName("e2e-puts").item(Map.of("id", s("a"), "v", n("1"), "gone", s("x"))));
        ddb.putItem(r -> r.tableName("e2e-puts").item(Map.of("gone", s("x"), "v", n("1.0"), "id", s("a"))));
        ddb.putItem(r -> r.tableName("e2e-puts").item(Map.of("id", s("a"), "v", n("2"))));
        List<Record> recs = records(arn);
        assertThat(recs).extracting(r -> r.eventNameAsString()).containsExactly("INSERT", "MODIFY");
        Record insert = recs.get(0);
        assertThat(insert.dynamodb().keys()).isEqualTo(key("a"));
        assertThat(insert.dynamodb().newImage()).containsEntry("v", n("1"));
        assertThat(insert.dynamodb().hasOldImage()).isFalse();
        Record modify = recs.get(1);
        assertThat(modify.dynamodb().oldImage()).isEqualTo(Map.of("id", s("a"), "v", n("1"), "gone", s("x")));
        assertThat(modify.dynamodb().newImage()).isEqualTo(Map.of("id", s("a"), "v", n("2")));
        assertThat(new java.math.BigInteger(modify.dynamodb().sequenceNumber()))
                .isGreaterThan(new java.math.BigInteger(insert.dynamodb().sequenceNumber()));
    }

    @Test
    void updatesWriteOnlyRealChanges() {
        String arn = streamedTable("e2e-updates", StreamViewType.NEW_AND_OLD_IMAGES);
        for (String v : new String[] {"1", "1", "1.00", "2"}) {
            ddb.updateItem(r -> r.tableName("e2e-updates").key(key("u")).updateExpression("SET v = :v")
                    .expressionAttributeValues(Map.of(":v", n(v))));
        }
        assertThat(events(arn)).containsExactly("INSERT", "MODIFY");
    }

    @Test
    void deletesWriteRemoveOnlyForExistingItems() {
        String arn = streamedTable("e2e-deletes", StreamViewType.NEW_AND_OLD_IMAGES);
        ddb.putItem(r -> r.tableName("e2e-deletes").item(Map.of("id", s("d"), "v", n("1"))));
        ddb.deleteItem(r -> r.tableName("e2e-deletes").key(key("d")));
        ddb.deleteItem(r -> r.tableName("e2e-deletes").key(key("d")));
        ddb.deleteItem(r -> r.tableName("e2e-deletes").key(key("never")));
        List<Record> recs = records(arn);
        assertThat(recs).extracting(r -> r.eventNameAsString()).containsExactly("INSERT", "REMOVE");
        assertThat(recs.get(1).dynamodb().oldImage()).isEqualTo(Map.of("id", s("d"), "v", n("1")));
        assertThat(recs.get(1).dynamodb().hasNewImage()).isFalse();
    }

    @Test
    void failedConditionsWriteNoRecord() {
        String arn = streamedTable("e2e-conditions", StreamViewType.NEW_AND_OLD_IMAGES);
        ddb.putItem(r -> r.tableName("e2e-conditions").item(Map.of("id", s("c"), "updatedAt", s("2024-05-02"))));
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("e2e-conditions")
                .item(Map.of("id", s("c"), "updatedAt", s("2024-05-02"), "qty", n("9")))
                .conditionExpression("attribute_not_exists(#s) OR #u < :u")
                .expressionAttributeNames(Map.of("#s", "id", "#u", "updatedAt"))
                .expressionAttributeValues(Map.of(":u", s("2024-05-02")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThatThrownBy(() -> ddb.deleteItem(r -> r.tableName("e2e-conditions").key(key("c"))
                .conditionExpression("attribute_not_exists(id)"))).isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(events(arn)).containsExactly("INSERT");
    }

    @Test
    void batchAndTransactionItemsFollowTheSameRules() {
        String arn = streamedTable("e2e-batches", StreamViewType.NEW_AND_OLD_IMAGES);
        ddb.putItem(r -> r.tableName("e2e-batches").item(Map.of("id", s("same"))));
        ddb.batchWriteItem(b -> b.requestItems(Map.of("e2e-batches", List.of(
                WriteRequest.builder().putRequest(p -> p.item(Map.of("id", s("same")))).build(),
                WriteRequest.builder().putRequest(p -> p.item(Map.of("id", s("new")))).build(),
                WriteRequest.builder().deleteRequest(d -> d.key(key("missing"))).build()))));
        assertThatThrownBy(() -> ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("e2e-batches").item(Map.of("id", s("t1")))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("e2e-batches").key(key("same"))
                        .conditionExpression("attribute_not_exists(id)")).build())))
                .isInstanceOf(TransactionCanceledException.class);
        ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("e2e-batches").item(Map.of("id", s("t1")))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("e2e-batches").key(key("new"))).build(),
                TransactWriteItem.builder().put(p -> p.tableName("e2e-batches").item(Map.of("id", s("same")))).build()));
        // items are in different shards: order holds per item only
        assertThat(events(arn)).containsExactlyInAnyOrder("INSERT", "INSERT", "INSERT", "REMOVE");
        assertThat(records(arn).stream().filter(r -> r.dynamodb().keys().get("id").s().equals("new"))
                .map(r -> r.eventNameAsString())).containsExactly("INSERT", "REMOVE");
    }

    @Test
    void viewTypesDecideWhichImagesRecordsCarry() {
        Map<StreamViewType, String> arns = new java.util.EnumMap<>(StreamViewType.class);
        for (StreamViewType view : List.of(StreamViewType.KEYS_ONLY, StreamViewType.NEW_IMAGE, StreamViewType.OLD_IMAGE)) {
            String table = "e2e-view-" + view.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            arns.put(view, streamedTable(table, view));
            ddb.putItem(r -> r.tableName(table).item(Map.of("id", s("k"), "v", n("1"))));
            ddb.putItem(r -> r.tableName(table).item(Map.of("id", s("k"), "v", n("2"))));
        }
        List<Record> keysOnly = records(arns.get(StreamViewType.KEYS_ONLY));
        assertThat(keysOnly).hasSize(2).allSatisfy(r -> {
            assertThat(r.dynamodb().keys()).isEqualTo(key("k"));
            assertThat(r.dynamodb().hasNewImage()).isFalse();
            assertThat(r.dynamodb().hasOldImage()).isFalse();
        });
        List<Record> newImage = records(arns.get(StreamViewType.NEW_IMAGE));
        assertThat(newImage.get(1).dynamodb().newImage()).containsEntry("v", n("2"));
        assertThat(newImage.get(1).dynamodb().hasOldImage()).isFalse();
        List<Record> oldImage = records(arns.get(StreamViewType.OLD_IMAGE));
        assertThat(oldImage.get(1).dynamodb().oldImage()).containsEntry("v", n("1"));
        assertThat(oldImage.get(1).dynamodb().hasNewImage()).isFalse();
        assertThat(oldImage.get(1).dynamodb().streamViewTypeAsString()).isEqualTo("OLD_IMAGE");
    }

    @Test
    void describeTableShowsTheStreamTheStreamsApiServes() {
        String arn = streamedTable("e2e-describe", StreamViewType.NEW_IMAGE);
        var d = ddb.describeTable(r -> r.tableName("e2e-describe")).table();
        assertThat(d.latestStreamArn()).isEqualTo(arn)
                .startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/e2e-describe/stream/")
                .endsWith(d.latestStreamLabel());
        assertThat(streams.describeStream(r -> r.streamArn(arn)).streamDescription().streamStatusAsString())
                .isEqualTo("ENABLED");
        ddb.deleteTable(r -> r.tableName("e2e-describe"));
        assertThat(streams.describeStream(r -> r.streamArn(arn)).streamDescription().streamStatusAsString())
                .isEqualTo("DISABLED");
    }
}
