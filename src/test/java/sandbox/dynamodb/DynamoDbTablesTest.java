package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

class DynamoDbTablesTest extends SandboxTestSupport {

    static CreateTableRequest.Builder table(String name, boolean withSortKey) {
        CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
        if (withSortKey) {
            return b.keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                    .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N));
        }
        return b.keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(def("id", ScalarAttributeType.S));
    }

    static KeySchemaElement key(String name, String type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    @Test
    void createdTableIsDescribedInFull() {
        DynamoDbClient ddb = dynamodb();
        Instant before = Instant.now().minusSeconds(1);
        TableDescription created = ddb.createTable(table("described", true).build()).tableDescription();
        assertThat(created.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        TableDescription d = ddb.describeTable(r -> r.tableName("described")).table();
        assertThat(d.tableName()).isEqualTo("described");
        assertThat(d.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/described");
        assertThat(d.tableId()).isEqualTo(created.tableId()).hasSize(36);
        assertThat(d.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("pk", "sk");
        assertThat(d.attributeDefinitions()).contains(def("sk", ScalarAttributeType.N));
        assertThat(d.creationDateTime()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(d.itemCount()).isZero();
        assertThat(d.tableSizeBytes()).isZero();
        assertThat(d.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(d.provisionedThroughput().readCapacityUnits()).isZero();
        assertThat(d.streamSpecification()).isNull();
        assertThat(d.latestStreamArn()).isNull();
        assertThat(d.latestStreamLabel()).isNull();
    }

    @Test
    void itemCountAndSizeFollowWrites() {
        DynamoDbClient ddb = dynamodb();
        ddb.createTable(table("counted", false).build());
        ddb.putItem(r -> r.tableName("counted").item(java.util.Map.of("id",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("Fred"))));
        TableDescription d = ddb.describeTable(r -> r.tableName("counted")).table();
        assertThat(d.itemCount()).isEqualTo(1);
        assertThat(d.tableSizeBytes()).isEqualTo(6);
    }

    @Test
    void provisionedTableKeepsItsThroughput() {
        DynamoDbClient ddb = dynamodb();
        ddb.createTable(table("provisioned", false).billingMode((BillingMode) null)
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(7L)).build());
        TableDescription d = ddb.describeTable(r -> r.tableName("provisioned")).table();
        assertThat(d.provisionedThroughput().readCapacityUnits()).isEqualTo(5);
        assertThat(d.provisionedThroughput().writeCapacityUnits()).isEqualTo(7);
        assertThat(d.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
    }

    @Test
    void streamedTableShowsItsStream() {
        DynamoDbClient ddb = dynamodb();
        TableDescription created = ddb.createTable(table("streamed", false)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .build()).tableDescription();
        assertThat(created.latestStreamArn()).isNotBlank();
        TableDescription d = ddb.describeTable(r -> r.tableName("streamed")).table();
        assertThat(d.streamSpecification().streamEnabled()).isTrue();
        assertThat(d.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(d.latestStreamArn()).isEqualTo(created.latestStreamArn());
        assertThat(d.latestStreamLabel()).isNotBlank();
    }

    @Test
    void updateTableTurnsTheStreamOnAndOff() {
        DynamoDbClient ddb = dynamodb();
        ddb.createTable(table("toggled", false).build());
        TableDescription on = ddb.updateTable(r -> r.tableName("toggled")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))).tableDescription();
        assertThat(on.streamSpecification().streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
        assertThatThrownBy(() -> ddb.updateTable(r -> r.tableName("toggled")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))))
                .hasMessageStartingWith("Table already has an enabled stream: TableName: toggled");
        ddb.updateTable(r -> r.tableName("toggled").streamSpecification(s -> s.streamEnabled(false)));
        assertThat(ddb.describeTable(r -> r.tableName("toggled")).table().streamSpecification()).isNull();
    }

    @Test
    void existingTableCannotBeCreatedAgain() {
        DynamoDbClient ddb = dynamodb();
        ddb.createTable(table("twice", false).build());
        assertThatThrownBy(() -> ddb.createTable(table("twice", false).build()))
                .isInstanceOf(ResourceInUseException.class).hasMessageStartingWith("Table already exists: twice");
    }

    @Test
    void missingTableIsNotFound() {
        DynamoDbClient ddb = dynamodb();
        assertThatThrownBy(() -> ddb.describeTable(r -> r.tableName("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found: Table: nope not found");
        assertThatThrownBy(() -> ddb.deleteTable(r -> r.tableName("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found: Table: nope not found");
        assertThatThrownBy(() -> ddb.getItem(r -> r.tableName("nope").key(java.util.Map.of("id",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x")))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found (Service: DynamoDb, Status Code: 400");
    }

    @Test
    void deletedTableIsGone() {
        DynamoDbClient ddb = dynamodb();
        ddb.createTable(table("doomed", false).build());
        TableDescription d = ddb.deleteTable(r -> r.tableName("doomed")).tableDescription();
        assertThat(d.tableStatus()).isEqualTo(TableStatus.DELETING);
        assertThat(ddb.listTables().tableNames()).doesNotContain("doomed");
        ddb.createTable(table("doomed", true).build());
        assertThat(ddb.describeTable(r -> r.tableName("doomed")).table().keySchema()).hasSize(2);
    }

    @Test
    void listTablesPagesInNameOrder() {
        DynamoDbClient ddb = dynamodb();
        for (String n : new String[] {"page-c", "page-a", "page-b"}) {
            ddb.createTable(table(n, false).build());
        }
        ListTablesResponse first = ddb.listTables(r -> r.exclusiveStartTableName("page-").limit(2));
        assertThat(first.tableNames()).containsExactly("page-a", "page-b");
        assertThat(first.lastEvaluatedTableName()).isEqualTo("page-b");
        ListTablesResponse second = ddb.listTables(r -> r.exclusiveStartTableName("page-b").limit(1));
        assertThat(second.tableNames()).containsExactly("page-c");
        assertThat(ddb.listTablesPaginator().tableNames()).contains("page-a", "page-b", "page-c");
        assertThatThrownBy(() -> ddb.listTables(r -> r.limit(0))).hasMessageStartingWith("1 validation error detected: "
                + "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    @Test
    void invalidDefinitionsAreRefusedWithAwsMessages() {
        DynamoDbClient ddb = dynamodb();
        assertThatThrownBy(() -> ddb.createTable(table("ab", false).build())).hasMessageStartingWith(
                "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have "
                        + "length greater than or equal to 3");
        assertThatThrownBy(() -> ddb.createTable(table("undefined-key", false)
                .attributeDefinitions(def("other", ScalarAttributeType.S)).build())).hasMessageStartingWith(
                "One or more parameter values were invalid: Some index key attributes are not defined in "
                        + "AttributeDefinitions. Keys: [id], AttributeDefinitions: [other]");
        assertThatThrownBy(() -> ddb.createTable(table("extra-def", false)
                .attributeDefinitions(def("id", ScalarAttributeType.S), def("x", ScalarAttributeType.S)).build()))
                .hasMessageStartingWith("One or more parameter values were invalid: Number of attributes in KeySchema "
                        + "does not exactly match number of attributes defined in AttributeDefinitions");
        assertThatThrownBy(() -> ddb.createTable(table("range-first", false)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.RANGE).build()).build()))
                .hasMessageStartingWith("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        assertThatThrownBy(() -> ddb.createTable(table("no-throughput", false).billingMode(BillingMode.PROVISIONED).build()))
                .hasMessageStartingWith("One or more parameter values were invalid: ReadCapacityUnits and "
                        + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        assertThatThrownBy(() -> ddb.createTable(table("with-gsi", false).globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                .indexName("i").keySchema(key("id", "HASH")).projection(p -> p.projectionType("ALL")).build()).build()))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("secondary indexes (LocalSecondaryIndexes, GlobalSecondaryIndexes) are not supported");
        assertThatThrownBy(() -> ddb.createTable(table("stream-no-view", false)
                .streamSpecification(s -> s.streamEnabled(true)).build()))
                .hasMessageStartingWith("One or more parameter values were invalid: You must specify a StreamViewType "
                        + "when enabling a stream");
    }

    @Test
    void unknownOperationAndBadJsonGetAwsErrors() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("X-Amz-Target", "DynamoDB_20120810.RestoreTableFromBackup")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Json.parse(unknown.body()).path("__type").asText())
                .isEqualTo("com.amazonaws.dynamodb.v20120810#UnknownOperationException");
        HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("SerializationException");
        assertThat(garbage.headers().firstValue("x-amz-crc32")).isPresent();
    }
}
