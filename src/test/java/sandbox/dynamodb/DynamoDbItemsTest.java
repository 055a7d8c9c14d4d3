package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

class DynamoDbItemsTest extends SandboxTestSupport {

    private static DynamoDbClient ddb;

    @BeforeAll
    static void tables() {
        ddb = dynamodb();
        ddb.createTable(DynamoDbTablesTest.table("items", false).build());
        ddb.createTable(DynamoDbTablesTest.table("ranged", true).build());
        ddb.createTable(DynamoDbTablesTest.table("stock", false)
                .keySchema(DynamoDbTablesTest.key("sku", "HASH"))
                .attributeDefinitions(DynamoDbTablesTest.def("sku", software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S))
                .build());
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private static Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        return ddb.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> id(String id) {
        return Map.of("id", s(id));
    }

    @Test
    void everyTypeRoundTripsWithNumbersNormalised() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s("all-types"));
        item.put("s", s("héllo"));
        item.put("empty", s(""));
        item.put("n", n("5.0"));
        item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, (byte) 255})));
        item.put("bool", AttributeValue.fromBool(false));
        item.put("nul", AttributeValue.fromNul(true));
        item.put("ss", AttributeValue.fromSs(List.of("b", "a")));
        item.put("ns", AttributeValue.fromNs(List.of("1.50", "-2")));
        item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))));
        item.put("l", AttributeValue.fromL(List.of(n("1e2"), s("two"))));
        item.put("m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromM(Map.of("x", n("007"))))));
        ddb.putItem(r -> r.tableName("items").item(item));
        Map<String, AttributeValue> back = get("items", id("all-types"));
        assertThat(back.get("s").s()).isEqualTo("héllo");
        assertThat(back.get("empty").s()).isEmpty();
        assertThat(back.get("n").n()).isEqualTo("5");
        assertThat(back.get("b").b().asByteArray()).containsExactly(1, 2, 255);
        assertThat(back.get("bool").bool()).isFalse();
        assertThat(back.get("nul").nul()).isTrue();
        assertThat(back.get("ss").ss()).containsExactlyInAnyOrder("a", "b");
        assertThat(back.get("ns").ns()).containsExactlyInAnyOrder("1.5", "-2");
        assertThat(back.get("bs").bs()).containsExactly(SdkBytes.fromUtf8String("x"));
        assertThat(back.get("l").l()).containsExactly(n("100"), s("two"));
        assertThat(back.get("m").m().get("inner").m().get("x").n()).isEqualTo("7");
    }

    @Test
    void missingItemHasNoItem() {
        assertThat(ddb.getItem(r -> r.tableName("items").key(id("never"))).hasItem()).isFalse();
    }

    @Test
    void pipelineConditionalPutWritesNewAndOlderItemsOnly() {
        // the pipeline's write: attribute_not_exists(#s) OR #u < :u
        java.util.function.Function<String, PutItemRequest> put = updatedAt -> PutItemRequest.builder()
                .tableName("stock")
                .item(Map.of("sku", s("sku-1"), "store", s("s1"), "updatedAt", s(updatedAt), "qty", n(updatedAt.substring(9, 10))))
                .conditionExpression("attribute_not_exists(#s) OR #u < :u")
                .expressionAttributeNames(Map.of("#s", "store", "#u", "updatedAt"))
                .expressionAttributeValues(Map.of(":u", s(updatedAt)))
                .build();
        Map<String, AttributeValue> key = Map.of("sku", s("sku-1"));
        ddb.putItem(put.apply("2024-05-02T10:00:00Z"));
        assertThat(get("stock", key).get("qty").n()).isEqualTo("2");
        ddb.putItem(put.apply("2024-05-03T10:00:00Z"));
        assertThat(get("stock", key).get("qty").n()).isEqualTo("3");
        assertThatThrownBy(() -> ddb.putItem(put.apply("2024-05-03T10:00:00Z")))
                .isInstanceOf(ConditionalCheckFailedException.class)
                .hasMessageStartingWith("The conditional request failed");
        assertThatThrownBy(() -> ddb.putItem(put.apply("2024-05-01T10:00:00Z")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(get("stock", key).get("updatedAt").s()).isEqualTo("2024-05-03T10:00:00Z");
    }

    @Test
    void failedConditionCanReturnTheCurrentItem() {
        ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("current"), "v", n("1"))));
        ConditionalCheckFailedException e = (ConditionalCheckFailedException) org.assertj.core.api.Assertions
                .catchThrowable(() -> ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("current")))
                        .conditionExpression("attribute_not_exists(id)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertThat(e.item()).containsEntry("v", n("1"));
        ConditionalCheckFailedException noItem = (ConditionalCheckFailedException) org.assertj.core.api.Assertions
                .catchThrowable(() -> ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("current")))
                        .conditionExpression("attribute_not_exists(id)")));
        assertThat(noItem.hasItem()).isFalse();
        ConditionalCheckFailedException missing = (ConditionalCheckFailedException) org.assertj.core.api.Assertions
                .catchThrowable(() -> ddb.deleteItem(r -> r.tableName("items").key(id("absent-one"))
                        .conditionExpression("attribute_exists(id)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertThat(missing.hasItem()).isFalse();
    }

    @Test
    void putReturnsTheOldItemOnlyWhenAsked() {
        PutItemResponse first = ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("rv"), "v", n("1")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(first.hasAttributes()).isFalse();
        PutItemResponse second = ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("rv"), "v", n("2")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(second.attributes()).containsEntry("v", n("1"));
        assertThat(ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("rv")))).hasAttributes()).isFalse();
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("rv")))
                .returnValues(ReturnValue.ALL_NEW))).hasMessageStartingWith("Return values set to invalid value");
    }

    @Test
    void updateItemReturnsWhatWasAskedFor() {
        ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("upd"), "a", n("1"), "b", s("x"))));
        java.util.function.Function<ReturnValue, UpdateItemResponse> update = rv -> ddb.updateItem(r -> r
                .tableName("items").key(id("upd")).updateExpression("SET a = a + :one").returnValues(rv)
                .expressionAttributeValues(Map.of(":one", n("1"))));
        assertThat(update.apply(ReturnValue.UPDATED_OLD).attributes()).isEqualTo(Map.of("a", n("1")));
        assertThat(update.apply(ReturnValue.UPDATED_NEW).attributes()).isEqualTo(Map.of("a", n("3")));
        assertThat(update.apply(ReturnValue.ALL_OLD).attributes()).isEqualTo(Map.of("id", s("upd"), "a", n("3"), "b", s("x")));
        assertThat(update.apply(ReturnValue.ALL_NEW).attributes()).isEqualTo(Map.of("id", s("upd"), "a", n("5"), "b", s("x")));
        assertThat(update.apply(ReturnValue.NONE).hasAttributes()).isFalse();
    }

    @Test
    void updateOfMissingItemCreatesIt() {
        ddb.updateItem(r -> r.tableName("ranged").key(Map.of("pk", s("new"), "sk", n("1")))
                .updateExpression("ADD hits :one").expressionAttributeValues(Map.of(":one", n("1"))));
        assertThat(get("ranged", Map.of("pk", s("new"), "sk", n("1"))))
                .isEqualTo(Map.of("pk", s("new"), "sk", n("1"), "hits", n("1")));
    }

    @Test
    void keyAttributesCannotBeUpdated() {
        assertThatThrownBy(() -> ddb.updateItem(r -> r.tableName("items").key(id("k"))
                .updateExpression("SET id = :v").expressionAttributeValues(Map.of(":v", s("other")))))
                .hasMessageStartingWith("One or more parameter values were invalid: Cannot update attribute id. "
                        + "This attribute is part of the key");
    }

    @Test
    void deleteReturnsTheOldItemAndRespectsConditions() {
        ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("del"), "v", n("1"))));
        assertThatThrownBy(() -> ddb.deleteItem(r -> r.tableName("items").key(id("del"))
                .conditionExpression("v = :two").expressionAttributeValues(Map.of(":two", n("2")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(ddb.deleteItem(r -> r.tableName("items").key(id("del")).returnValues(ReturnValue.ALL_OLD)).attributes())
                .containsEntry("v", n("1"));
        assertThat(ddb.deleteItem(r -> r.tableName("items").key(id("del")).returnValues(ReturnValue.ALL_OLD))
                .hasAttributes()).isFalse();
    }

    @Test
    void getItemProjects() {
        ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("proj"), "a", n("1"), "m",
                AttributeValue.fromM(Map.of("x", n("1"), "y", n("2"))), "l", AttributeValue.fromL(List.of(n("0"), n("1"))))));
        assertThat(ddb.getItem(r -> r.tableName("items").key(id("proj")).projectionExpression("#m.y, l[1]")
                .expressionAttributeNames(Map.of("#m", "m"))).item()).isEqualTo(Map.of(
                "m", AttributeValue.fromM(Map.of("y", n("2"))), "l", AttributeValue.fromL(List.of(n("1")))));
        assertThat(ddb.getItem(r -> r.tableName("items").key(id("proj")).attributesToGet("a", "nothing")).item())
                .isEqualTo(Map.of("a", n("1")));
    }

    @Test
    void badKeysAndItemsAreRefusedWithAwsMessages() {
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(Map.of("other", s("x")))))
                .hasMessageStartingWith("One or more parameter values were invalid: Missing the key id in the item");
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(Map.of("id", n("1")))))
                .hasMessageStartingWith("One or more parameter values were invalid: Type mismatch for key id expected: S actual: N");
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("")))))
                .hasMessageStartingWith("One or more parameter values are not valid. The AttributeValue for a key "
                        + "attribute cannot contain an empty string value. Key: id");
        assertThatThrownBy(() -> ddb.getItem(r -> r.tableName("items").key(Map.of("id", n("1")))))
                .hasMessageStartingWith("The provided key element does not match the schema");
        assertThatThrownBy(() -> ddb.getItem(r -> r.tableName("items").key(Map.of("id", s("1"), "x", s("2")))))
                .hasMessageStartingWith("The provided key element does not match the schema");
        assertThatThrownBy(() -> ddb.getItem(r -> r.tableName("ranged").key(Map.of("pk", s("1")))))
                .hasMessageStartingWith("The provided key element does not match the schema");
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("x".repeat(2049))))))
                .hasMessageStartingWith("One or more parameter values were invalid: Size of hashkey has exceeded the "
                        + "maximum size limit of2048 bytes");
        ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("x".repeat(2048)))));
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("ranged").item(Map.of("pk", s("p"), "sk", n("1"),
                "big", s("x".repeat(400 * 1024))))))
                .hasMessageStartingWith("Item size has exceeded the maximum allowed size");
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("x"), "n",
                n("1E+126"))))).hasMessageStartingWith("Number overflow. Attempting to store a number with magnitude "
                + "larger than supported range");
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("x"), "ss",
                AttributeValue.fromSs(List.of("a", "a")))))).hasMessageStartingWith(
                "One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("x"), "ns",
                AttributeValue.fromNs(List.of()))))).hasMessageStartingWith(
                "One or more parameter values were invalid: An number set  may not be empty");
    }

    @Test
    void rangeKeyLimitIs1024Bytes() {
        ddb.createTable(DynamoDbTablesTest.table("string-range", false)
                .keySchema(DynamoDbTablesTest.key("pk", "HASH"), DynamoDbTablesTest.key("sk", "RANGE"))
                .attributeDefinitions(DynamoDbTablesTest.def("pk", software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S),
                        DynamoDbTablesTest.def("sk", software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S))
                .build());
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("string-range").item(Map.of("pk", s("p"), "sk",
                s("é".repeat(513)))))).hasMessageStartingWith("One or more parameter values were invalid: Aggregated "
                + "size of all range keys has exceeded the size limit of 1024 bytes");
        ddb.putItem(r -> r.tableName("string-range").item(Map.of("pk", s("p"), "sk", s("é".repeat(512)))));
    }

    @Test
    void legacyExpectedWorksAsCamelSendsIt() {
        Map<String, AttributeValue> item = Map.of("id", s("legacy"), "v", n("1"));
        ddb.putItem(r -> r.tableName("items").item(item)
                .expected(Map.of("id", ExpectedAttributeValue.builder().exists(false).build())));
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(item)
                .expected(Map.of("id", ExpectedAttributeValue.builder().exists(false).build()))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("legacy"), "v", n("2")))
                .expected(Map.of("v", ExpectedAttributeValue.builder().value(n("1.0")).build())));
        ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("legacy"), "v", n("3")))
                .expected(Map.of("v", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.LT)
                        .attributeValueList(n("3")).build())));
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(item)
                .expected(Map.of("v", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.LT)
                        .attributeValueList(n("3")).build(), "id", ExpectedAttributeValue.builder().exists(false).build()))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("legacy"), "v", n("4")))
                .conditionalOperator(ConditionalOperator.OR)
                .expected(Map.of("v", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.LT)
                        .attributeValueList(n("3")).build(), "id", ExpectedAttributeValue.builder()
                        .comparisonOperator(ComparisonOperator.NOT_NULL).build())));
        assertThat(get("items", id("legacy")).get("v").n()).isEqualTo("4");
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(item)
                .expected(Map.of("v", ExpectedAttributeValue.builder().exists(true).build()))))
                .hasMessageStartingWith("One or more parameter values were invalid: Value must be provided when "
                        + "Exists is true for Attribute: v");
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(item).conditionExpression("attribute_exists(id)")
                .expected(Map.of("v", ExpectedAttributeValue.builder().exists(false).build()))))
                .hasMessageStartingWith("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
    }

    @Test
    void legacyAttributeUpdatesWork() {
        ddb.putItem(r -> r.tableName("items").item(Map.of("id", s("au"), "n", n("1"), "gone", s("x"),
                "tags", AttributeValue.fromSs(List.of("a", "b")))));
        ddb.updateItem(r -> r.tableName("items").key(id("au")).attributeUpdates(Map.of(
                "n", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("2")).build(),
                "gone", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build(),
                "tags", AttributeValueUpdate.builder().action(AttributeAction.DELETE).value(AttributeValue.fromSs(List.of("a"))).build(),
                "put", AttributeValueUpdate.builder().value(s("p")).build())));
        assertThat(get("items", id("au"))).isEqualTo(Map.of("id", s("au"), "n", n("3"), "put", s("p"),
                "tags", AttributeValue.fromSs(List.of("b"))));
    }

    @Test
    void expressionErrorsReachTheClient() {
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(id("e")).conditionExpression("status = :v")
                .expressionAttributeValues(Map.of(":v", s("x")))))
                .hasMessageStartingWith("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status");
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("items").item(id("e")).conditionExpression("a = :v")
                .expressionAttributeValues(Map.of(":v", s("x"), ":w", s("y")))))
                .hasMessageStartingWith("Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
        assertThatThrownBy(() -> ddb.updateItem(r -> r.tableName("items").key(id("e")).updateExpression("SET a = :v")))
                .hasMessageStartingWith("Invalid UpdateExpression: An expression attribute value used in expression is "
                        + "not defined; attribute value: :v");
        assertThatThrownBy(() -> ddb.updateItem(r -> r.tableName("items").key(id("e")).updateExpression("SET a = b +")))
                .hasMessageStartingWith("Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"+\"");
    }

    @Test
    void consumedCapacityIsReportedWhenAsked() {
        PutItemResponse r = ddb.putItem(b -> b.tableName("items").item(Map.of("id", s("cap"), "big", s("x".repeat(1500))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(r.consumedCapacity().tableName()).isEqualTo("items");
        assertThat(r.consumedCapacity().capacityUnits()).isEqualTo(2.0);
        assertThat(ddb.getItem(b -> b.tableName("items").key(id("cap")).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity().table().capacityUnits()).isEqualTo(0.5);
        assertThat(ddb.putItem(b -> b.tableName("items").item(id("cap"))).consumedCapacity()).isNull();
    }
}
