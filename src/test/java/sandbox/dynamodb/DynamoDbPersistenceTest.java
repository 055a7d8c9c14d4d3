package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.dynamodb.DynamoDbItemsTest.n;
import static sandbox.dynamodb.DynamoDbItemsTest.s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import sandbox.WholeStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class DynamoDbPersistenceTest {

    @TempDir
    Path dataDir;

    @Test
    void tablesAndItemsSurviveARestart() throws Exception {
        String tableId;
        try (Sandbox first = Sandbox.start(SandboxConfig.ephemeral().withDataDir(dataDir))) {
            DynamoDbClient ddb = SandboxTestSupport.dynamodb(first.endpoint());
            tableId = ddb.createTable(DynamoDbTablesTest.table("kept", true).billingMode((software.amazon.awssdk.services.dynamodb.model.BillingMode) null)
                    .provisionedThroughput(t -> t.readCapacityUnits(3L).writeCapacityUnits(4L)).build()).tableDescription().tableId();
            ddb.createTable(DynamoDbTablesTest.table("dropped", false).build());
            for (int i = 0; i < 20; i++) {
                String sk = Integer.toString(i);
                ddb.putItem(r -> r.tableName("kept").item(Map.of("pk", s("p"), "sk", n(sk), "v", n("0"))));
            }
            ddb.updateItem(r -> r.tableName("kept").key(Map.of("pk", s("p"), "sk", n("3")))
                    .updateExpression("SET v = :v, l = :l").expressionAttributeValues(Map.of(":v", n("33"),
                            ":l", AttributeValue.fromL(List.of(AttributeValue.fromBool(true))))));
            ddb.deleteItem(r -> r.tableName("kept").key(Map.of("pk", s("p"), "sk", n("4"))));
            ddb.putItem(r -> r.tableName("dropped").item(Map.of("id", s("x"))));
            ddb.deleteTable(r -> r.tableName("dropped"));
        }
        assertThat(dataDir.resolve("dynamodb").resolve("dynamodb.journal")).isNotEmptyFile();
        try (Sandbox second = Sandbox.start(SandboxConfig.ephemeral().withDataDir(dataDir))) {
            DynamoDbClient ddb = SandboxTestSupport.dynamodb(second.endpoint());
            assertThat(ddb.listTables().tableNames()).containsExactly("kept");
            TableDescription d = ddb.describeTable(r -> r.tableName("kept")).table();
            assertThat(d.tableId()).isEqualTo(tableId);
            assertThat(d.itemCount()).isEqualTo(19);
            assertThat(d.provisionedThroughput().writeCapacityUnits()).isEqualTo(4);
            assertThat(ddb.getItem(r -> r.tableName("kept").key(Map.of("pk", s("p"), "sk", n("3")))).item())
                    .containsEntry("v", n("33")).containsEntry("l", AttributeValue.fromL(List.of(AttributeValue.fromBool(true))));
            assertThat(ddb.getItem(r -> r.tableName("kept").key(Map.of("pk", s("p"), "sk", n("4")))).hasItem()).isFalse();
            assertThat(ddb.query(r -> r.tableName("kept").keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("p")))).count()).isEqualTo(19);
            ddb.putItem(r -> r.tableName("kept").item(Map.of("pk", s("p"), "sk", n("100"))));
        }
        try (Sandbox third = Sandbox.start(SandboxConfig.ephemeral().withDataDir(dataDir))) {
            DynamoDbClient ddb = SandboxTestSupport.dynamodb(third.endpoint());
            assertThat(ddb.describeTable(r -> r.tableName("kept")).table().itemCount()).isEqualTo(20);
        }
    }

    @Test
    void streamsOfPersistedTablesAreEnabledAgainAtStartUp() {
        try (RecordingSandbox first = new RecordingSandbox(dataDir)) {
            first.client().createTable(DynamoDbTablesTest.table("streamed-kept", false)
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)).build());
            first.client().createTable(DynamoDbTablesTest.table("plain-kept", false).build());
        }
        try (RecordingSandbox second = new RecordingSandbox(dataDir)) {
            assertThat(second.sink.enabled).singleElement().satisfies(e -> {
                assertThat(e.table()).isEqualTo("streamed-kept");
                assertThat(e.viewType()).isEqualTo("NEW_IMAGE");
            });
            TableDescription d = second.client().describeTable(r -> r.tableName("streamed-kept")).table();
            assertThat(d.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
            assertThat(d.latestStreamArn()).endsWith("table/streamed-kept/stream/2024-01-01T00:00:00.000");
            second.client().putItem(r -> r.tableName("streamed-kept").item(Map.of("id", s("after-restart"))));
            assertThat(second.sink.changesOf("streamed-kept")).hasSize(1);
        }
    }

    @Test
    void restartedTableKeepsItsStreamAndRecords() {
        String arn;
        try (Sandbox first = Sandbox.start(SandboxConfig.ephemeral().withDataDir(dataDir))) {
            DynamoDbClient ddb = SandboxTestSupport.dynamodb(first.endpoint());
            arn = ddb.createTable(DynamoDbTablesTest.table("streamed-restart", false)
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                    .build()).tableDescription().latestStreamArn();
            ddb.putItem(r -> r.tableName("streamed-restart").item(Map.of("id", s("a"), "v", n("1"))));
        }
        try (Sandbox second = Sandbox.start(SandboxConfig.ephemeral().withDataDir(dataDir))) {
            DynamoDbClient ddb = SandboxTestSupport.dynamodb(second.endpoint());
            assertThat(ddb.describeTable(r -> r.tableName("streamed-restart")).table().latestStreamArn()).isEqualTo(arn);
            ddb.putItem(r -> r.tableName("streamed-restart").item(Map.of("id", s("a"), "v", n("1"))));
            ddb.putItem(r -> r.tableName("streamed-restart").item(Map.of("id", s("a"), "v", n("2"))));
            var streams = SandboxTestSupport.streams(second.endpoint());
            assertThat(WholeStream.records(streams, arn))
                    .extracting(r -> r.eventNameAsString()).containsExactly("INSERT", "MODIFY");
        }
    }

    @Test
    void journalIsCompactedAtStartUp() throws Exception {
        try (Sandbox first = Sandbox.start(SandboxConfig.ephemeral().withDataDir(dataDir))) {
            DynamoDbClient ddb = SandboxTestSupport.dynamodb(first.endpoint());
            ddb.createTable(DynamoDbTablesTest.table("churn", false).build());
            for (int i = 0; i < 50; i++) {
                String v = Integer.toString(i);
                ddb.putItem(r -> r.tableName("churn").item(Map.of("id", s("same"), "v", n(v))));
            }
        }
        Path journal = dataDir.resolve("dynamodb").resolve("dynamodb.journal");
        long before = Files.readAllLines(journal).size();
        try (Sandbox second = Sandbox.start(SandboxConfig.ephemeral().withDataDir(dataDir))) {
            assertThat(SandboxTestSupport.dynamodb(second.endpoint()).getItem(r -> r.tableName("churn")
                    .key(Map.of("id", s("same")))).item()).containsEntry("v", n("49"));
        }
        assertThat(before).isEqualTo(51);
        assertThat(Files.readAllLines(journal)).hasSize(2);
    }
}
