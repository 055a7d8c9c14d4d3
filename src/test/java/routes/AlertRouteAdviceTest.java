package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamEndpoint;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import testsupport.PipelineTestSupport;

/**
 * The two routes in Camel's own test idiom: the real import and stream reading against the sandbox, with the
 * alert route's publish woven to a mock (AdviceWith) and the import awaited with a NotifyBuilder. Fast, and it
 * names the route's nodes the way an operator's trace does.
 */
class AlertRouteAdviceTest extends PipelineTestSupport {

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected void extraProperties(Properties p) {
        p.setProperty("inventory.alert.max-results-per-request", "500"); // not the default: the endpoint must take it
    }

    @Test
    void aZeroStockRowReachesThePublishStepOnceWithExactlyItsThreeAttributes() throws Exception {
        AdviceWith.adviceWith(context, "stock-alert", a -> a.weaveById("publish-alert").replace().to("mock:published"));
        context.start();
        assertThat(context.getEndpoints()).filteredOn(Ddb2StreamEndpoint.class::isInstance)
                .singleElement().extracting(e -> ((Ddb2StreamEndpoint) e).getConfiguration().getMaxResultsPerRequest())
                .as("inventory.alert.max-results-per-request").isEqualTo(500);
        MockEndpoint published = context.getEndpoint("mock:published", MockEndpoint.class);
        published.expectedMessageCount(1);
        published.expectedHeaderReceived("store", "s7");
        published.expectedHeaderReceived("item", "sku-0");
        published.expectedHeaderReceived("quantity", "0");
        NotifyBuilder imported = new NotifyBuilder(context).fromRoute("inventory-import").whenCompleted(1).create();

        probe.upload("incoming/advice.csv", "store,item,quantity,updated_at\n"
                + "s7,sku-0,0,2026-11-24T08:30:00Z\ns7,sku-1,4,2026-11-24T08:30:00Z\n");

        assertThat(imported.matches(30, TimeUnit.SECONDS)).as("the import route completed the file").isTrue();
        published.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));
        Exchange alert = published.getReceivedExchanges().get(0);
        assertThat(alert.getMessage().getBody(String.class))
                .isEqualTo("Out of stock: sku-0 at store s7 (quantity 0, updated 2026-11-24T08:30:00.000Z)");
        // Camel's SNS producer turns every non-Camel header into a message attribute: exactly these three
        assertThat(alert.getMessage().getHeaders().keySet().stream().filter(h -> !h.startsWith("Camel")).sorted().toList())
                .isEqualTo(List.of("item", "quantity", "store"));
        // the mock stood in for SNS: nothing reached the topic
        assertThat(probe.alerts()).isEmpty();
    }
}
