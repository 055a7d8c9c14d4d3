package routes;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.PipelineMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.SandboxFaults;
import testsupport.StreamLedger;

/**
 * The alert route with its state in the shared table (the default): when that table fails, the stream is held
 * and the failing step retried; the alert is sent once, recorded, and never dead-lettered for it.
 */
class SharedStateStoriesTest extends PipelineTestSupport {

    private static final String STATE_TABLE = "inventory-pipeline-state";
    @RegisterExtension
    final SandboxFaults faults = new SandboxFaults(sandbox().endpoint());

    /** No lease renewal (an UpdateItem) during a story: the faults on UpdateItem below are the record step's. */
    @Override
    protected void extraProperties(java.util.Properties p) {
        p.setProperty("inventory.cluster.lease-duration", "600000");
        p.setProperty("inventory.cluster.renew-interval", "200000");
    }

    @Test
    void aStateTableThatCannotRecordTheAlertHoldsTheStreamAndSendsItOnce() throws Exception {
        probe.awaitStreamReader(); // its start bumps the reader term with an UpdateItem too
        probe.awaitAlertRouteCaughtUp();
        // not an error the SDK retries by itself: the route's own retry of the record step must take it. UpdateItem is
        // the state table's alone here: the import writes rows with BatchExecuteStatement, the lease is not renewed
        faults.add("{\"service\":\"dynamodb\",\"operation\":\"UpdateItem\",\"status\":400,"
                + "\"code\":\"ResourceNotFoundException\",\"count\":4}");
        probe.upload("incoming/held.csv", "store,item,quantity,updated_at\ns1,sku-held,0,2026-11-24T10:00:00.000Z\n");

        probe.awaitAlerts(1);
        probe.awaitAlertRouteCaughtUp();
        assertThat(faults.fired("dynamodb", "UpdateItem")).isEqualTo(4);
        assertThat(probe.alerts()).singleElement()
                .satisfies(m -> assertThat(PipelineProbe.attr(m, "item")).isEqualTo("sku-held"));
        assertThat(context.getRegistry().findSingleByType(PipelineMetrics.class).alertsPublished()).isEqualTo(1);
        assertThat(context.getRegistry().findSingleByType(PipelineMetrics.class).alertsDeadLettered()).isZero();
        String eventId = StreamLedger.records(probe.streams, table).stream()
                .filter(r -> r.dynamodb().keys().get("item").s().equals("sku-held")).findFirst().orElseThrow().eventID();
        assertThat(probe.dynamoDb.getItem(g -> g.tableName(STATE_TABLE).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS("alert#" + eventId)))).item()).containsKeys("publishedAt", "claimTerm")
                .doesNotContainKey("deadLetteredAt");
    }

    @Test
    void aThrottledStateTableHoldsTheStreamAndSendsTheAlertOnce() throws Exception {
        probe.awaitStreamReader();
        probe.awaitAlertRouteCaughtUp();
        faults.add("{\"service\":\"dynamodb\",\"operation\":\"TransactWriteItems\",\"status\":400,"
                + "\"code\":\"ProvisionedThroughputExceededException\",\"count\":3}");
        probe.put("s1", "sku-throttled", 0, "2026-11-24T10:00:00.000Z");

        probe.awaitAlerts(1);
        probe.awaitAlertRouteCaughtUp();
        assertThat(faults.fired("dynamodb", "TransactWriteItems")).isEqualTo(3);
        assertThat(probe.alerts()).singleElement()
                .satisfies(m -> assertThat(PipelineProbe.attr(m, "item")).isEqualTo("sku-throttled"));
        assertThat(context.getRegistry().findSingleByType(PipelineMetrics.class).alertsDeadLettered()).isZero();
    }
}
