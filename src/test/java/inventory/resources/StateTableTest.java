package inventory.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The shared state table: created with its key and TTL, again without changing anything, and checked. */
class StateTableTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void createdWithKeyIdOnDemandAndTtlOnExpiresAtAndAgainIdempotently() {
        DynamoDbClient ddb = SandboxTestSupport.dynamodb(sandbox.endpoint());
        StateTable state = new StateTable(ddb, "state-created", WAIT);
        state.create();
        var table = ddb.describeTable(t -> t.tableName("state-created")).table();
        String id = table.tableId();
        ddb.putItem(p -> p.tableName("state-created").item(java.util.Map.of("id",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("kept"))));

        state.create(); // a second replica starting: no error, nothing re-created
        state.find();

        table = ddb.describeTable(t -> t.tableName("state-created")).table();
        assertThat(table.tableId()).isEqualTo(id);
        assertThat(table.itemCount()).isEqualTo(1);
        assertThat(table.keySchema()).singleElement().satisfies(k -> {
            assertThat(k.attributeName()).isEqualTo("id");
            assertThat(k.keyType()).isEqualTo(KeyType.HASH);
        });
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        var ttl = ddb.describeTimeToLive(t -> t.tableName("state-created")).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void aMissingTableIsAnErrorNamingThePropertyAndDeployAws() {
        StateTable state = new StateTable(SandboxTestSupport.dynamodb(sandbox.endpoint()), "state-missing", WAIT);
        assertThatThrownBy(state::find).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("state-missing").hasMessageContaining("inventory.state.table")
                .hasMessageContaining("deploy/aws").hasMessageContaining("inventory.provision=true");
    }

    @Test
    void aTableWithOtherKeysIsRefused() {
        DynamoDbClient ddb = SandboxTestSupport.dynamodb(sandbox.endpoint());
        ddb.createTable(t -> t.tableName("state-wrong").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S")));
        assertThatThrownBy(() -> new StateTable(ddb, "state-wrong", WAIT).find()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must have the one key id");
    }
}
