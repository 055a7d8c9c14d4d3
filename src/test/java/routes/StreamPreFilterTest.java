package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;

/**
 * The stream consumer's pre-filter (issue 12 item 4): records that cannot alert are counted and checkpointed
 * without becoming exchanges of the alert route; only the alerting ones go through it. In on-transition mode,
 * whose rule needs a MODIFY's old image as well as its new one.
 */
class StreamPreFilterTest extends PipelineTestSupport {

    private static final int BULK = 60;

    @Override
    protected void extraProperties(Properties p) {
        p.setProperty("inventory.alert.mode", "on-transition");
    }

    /** {@code BULK} items in stock at store s1 (none alerts), plus the given extra lines. */
    private String bulk(String time, String... extra) {
        StringBuilder csv = new StringBuilder("store,item,quantity,updated_at\n");
        for (int i = 0; i < BULK; i++) {
            csv.append("s1,bulk-").append(i).append(',').append(5 + i).append(',').append(time).append('\n');
        }
        for (String line : extra) {
            csv.append(line).append('\n');
        }
        return csv.toString();
    }

    private void upload(String name, String csv) {
        probe.upload("incoming/" + name + ".csv", csv);
        probe.awaitReport(name + ".csv");
    }

    @Test
    void onlyAlertingRecordsBecomeExchangesAndTheRestAreCountedAndCheckpointed() throws Exception {
        RoutedRecords routed = new RoutedRecords();
        context.getManagementStrategy().addEventNotifier(routed);
        routed.start();

        upload("1-sold-out", bulk("2026-11-24T10:00:00Z", "s1,sku,0,2026-11-24T10:00:00Z", "s2,gone,0,2026-11-24T10:00:00Z"));
        upload("2-still-zero", "store,item,quantity,updated_at\ns1,sku,0,2026-11-24T10:05:00Z\n"); // no crossing
        upload("3-restocked", "store,item,quantity,updated_at\ns1,sku,5,2026-11-24T10:10:00Z\n");
        upload("4-sold-out-again", "store,item,quantity,updated_at\ns1,sku,0,2026-11-24T10:15:00Z\n"); // old 5, new 0
        // last, so every shard's newest record is one that cannot alert: the checkpoint must still pass it
        upload("5-bulk-again", bulk("2026-11-24T10:20:00Z"));
        probe.awaitAlerts(3);
        probe.awaitAlertRouteCaughtUp();

        List<String> alerted = probe.alerts().stream().map(a -> PipelineProbe.attr(a, "item") + "@" + PipelineProbe.attr(a, "store")).toList();
        assertThat(alerted).containsExactlyInAnyOrder("sku@s1", "gone@s2", "sku@s1");
        assertThat(probe.alerts().stream().map(a -> a.get("message").asText()))
                .anyMatch(m -> m.contains("updated 2026-11-24T10:15:00.000Z"));
        long records = probe.streamRecords();
        assertThat(records).as("2 x %d bulk changes and 5 changes of sku and gone", BULK).isEqualTo(2L * BULK + 5);
        assertThat(probe.metrics().streamRecordsRead()).as("every record counted as read").isEqualTo(records);
        assertThat(routed.items).as("only the 3 alerting records became exchanges").containsExactlyInAnyOrder("sku", "sku", "gone");
    }

    /** The item of each stream record the consumer made an exchange of (not the multicast's copies of those). */
    private static final class RoutedRecords extends EventNotifierSupport {
        final List<String> items = new CopyOnWriteArrayList<>();

        @Override
        public void notify(CamelEvent event) {
            Exchange exchange = ((CamelEvent.ExchangeCreatedEvent) event).getExchange();
            if (StockAlertRoute.ROUTE_ID.equals(exchange.getFromRouteId())
                    && exchange.getProperty(ExchangePropertyKey.CORRELATION_ID) == null) {
                items.add(exchange.getMessage().getBody(Record.class).dynamodb().keys().get("item").s());
            }
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.ExchangeCreatedEvent;
        }
    }
}
