package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.resources.StateTable;
import inventory.table.StateAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Import attempts in the shared state table, against the sandbox's DynamoDB with the AWS SDK. */
class TableImportAttemptsTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static UploadedFile file(String key, String etag) {
        return UploadedFile.of("bucket", key, "incoming/", etag, Instant.parse("2026-11-24T09:00:00Z"), 10, 900);
    }

    @Test
    void startsAreCountedAtomicallyAndAFinishedImportClearsItsCount() {
        DynamoDbClient dynamoDb = SandboxTestSupport.dynamodb(sandbox.endpoint());
        new StateTable(dynamoDb, "attempts-state", Duration.ofSeconds(10)).create();
        TableImportAttempts attempts = new TableImportAttempts(dynamoDb, "attempts-state", Clock.fixed(NOW, ZoneOffset.UTC));
        UploadedFile file = file("incoming/a.csv", "\"e1\"");

        assertThat(attempts.start(file)).isEqualTo(1);
        assertThat(attempts.start(file)).isEqualTo(2);
        Map<String, AttributeValue> item = dynamoDb.getItem(g -> g.tableName("attempts-state")
                .key(Map.of("id", AttributeValue.fromS("import#bucket/incoming/a.csv")))).item();
        assertThat(item.get("attempts").n()).isEqualTo("2");
        assertThat(item.get("version").s()).isEqualTo("\"e1\"@2026-11-24T09:00:00Z");
        assertThat(Long.parseLong(item.get(StateAttributes.EXPIRES_AT).n()))
                .isEqualTo(NOW.plus(TableImportAttempts.KEPT).getEpochSecond());

        assertThat(attempts.start(file("incoming/a.csv", "\"e2\""))).as("a new upload of the key").isEqualTo(1);
        attempts.finish(file("incoming/a.csv", "\"e2\""));
        Map<String, AttributeValue> cleared = dynamoDb.getItem(g -> g.tableName("attempts-state")
                .key(Map.of("id", AttributeValue.fromS("import#bucket/incoming/a.csv")))).item();
        assertThat(cleared.get("attempts").n()).isEqualTo("0");
        assertThat(Long.parseLong(cleared.get(StateAttributes.EXPIRES_AT).n()))
                .isEqualTo(NOW.plus(TableImportAttempts.CLEARED_KEPT).getEpochSecond());
        assertThat(attempts.start(file("incoming/a.csv", "\"e2\""))).isEqualTo(1);
    }
}
