package routes;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.PipelineMetrics;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The alert route with its state in the shared table (the default): when that table fails, the stream is held
 * and the failing step retried; the alert is sent once, recorded, and never dead-lettered for it.
 */
class SharedStateStoriesTest extends PipelineTestSupport {

    private static final String STATE_TABLE = "inventory-pipeline-state";
    private SandboxFaults faults;

    @BeforeEach
    void faults() throws Exception {
        faults = new SandboxFaults(sandbox().endpoint());
        faults.clear();
    }

    @AfterEach
    void clearFaults() throws Exception {
        faults.clear();
    }

    @Test
    void aStateTableThatCannotRecordTheAlertHoldsTheStreamAndSendsItOnce() throws Exception {
        probe.awaitAlertRouteCaughtUp();
        // not an error the SDK retries by itself: the route's own retry of the record step must take it. PutItem is
        // the state table's alone here: the import writes rows with BatchExecuteStatement
        faults.add("{\"service\":\"dynamodb\",\"operation\":\"PutItem\",\"status\":400,"
                + "\"code\":\"ResourceNotFoundException\",\"count\":4}");
        probe.upload("incoming/held.csv", "store,item,quantity,updated_at\ns1,sku-held,0,2026-11-24T10:00:00.000Z\n");

        probe.awaitAlerts(1);
        probe.awaitAlertRouteCaughtUp();
        assertThat(faults.fired("dynamodb", "PutItem")).isEqualTo(4);
        assertThat(probe.alerts()).singleElement()
                .satisfies(m -> assertThat(PipelineProbe.attr(m, "item")).isEqualTo("sku-held"));
        assertThat(context.getRegistry().findSingleByType(PipelineMetrics.class).alertsPublished()).isEqualTo(1);
        assertThat(stateDir.resolve("dead-letter-alerts.jsonl")).doesNotExist();
        String eventId = StreamLedger.records(probe.streams, table).stream()
                .filter(r -> r.dynamodb().keys().get("item").s().equals("sku-held")).findFirst().orElseThrow().eventID();
        assertThat(probe.dynamoDb.getItem(g -> g.tableName(STATE_TABLE).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS("alert#" + eventId)))).hasItem()).isTrue();
    }

    @Test
    void aThrottledStateTableHoldsTheStreamAndSendsTheAlertOnce() throws Exception {
        probe.awaitAlertRouteCaughtUp();
        faults.add("{\"service\":\"dynamodb\",\"operation\":\"GetItem\",\"status\":400,"
                + "\"code\":\"ProvisionedThroughputExceededException\",\"count\":3}");
        probe.put("s1", "sku-throttled", 0, "2026-11-24T10:00:00.000Z");

        probe.awaitAlerts(1);
        probe.awaitAlertRouteCaughtUp();
        assertThat(faults.fired("dynamodb", "GetItem")).isEqualTo(3);
        assertThat(probe.alerts()).singleElement()
                .satisfies(m -> assertThat(PipelineProbe.attr(m, "item")).isEqualTo("sku-throttled"));
        assertThat(stateDir.resolve("dead-letter-alerts.jsonl")).doesNotExist();
    }
}
