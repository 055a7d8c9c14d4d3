package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import testsupport.PipelineTestSupport;

/**
 * The {@code inventory-import} route ({@code inventory.import.trigger=poll}) in Camel's test idiom: its hand-over to
 * the file import woven to a mock by node id, its polls counted with a NotifyBuilder, the real aws2-s3 consumer
 * polling the sandbox's bucket. The consumer
 * hands over only uploads under the incoming prefix, each as its object's stream with the S3 headers, and never
 * moves or deletes one itself (the import archives it).
 */
class InventoryImportRouteAdviceTest extends PipelineTestSupport {

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void anIncomingUploadIsHandedOverAsItsStreamAndLeftWhereItIs() throws Exception {
        AdviceWith.adviceWith(context, InventoryImportRoute.ROUTE_ID,
                a -> a.weaveById("hand-over-polled-file").replace().to("mock:import"));
        MockEndpoint imports = context.getEndpoint("mock:import", MockEndpoint.class);
        // read while the exchange is alive: the consumer closes the object stream when the exchange completes
        List<String> bodies = new CopyOnWriteArrayList<>();
        imports.whenAnyExchangeReceived(e -> bodies.add(e.getMessage().getBody(String.class)));
        context.start();
        NotifyBuilder listedTwice = new NotifyBuilder(context).fromRoute(InventoryImportRoute.ROUTE_ID).whenCompleted(2).create();

        String csv = "store,item,quantity\ns1,x,1\n";
        probe.upload("done/elsewhere.csv", "store,item,quantity\ns1,y,1\n"); // listed before incoming/ without the prefix
        probe.upload("incoming/a.csv", csv);

        assertThat(listedTwice.matches(30, TimeUnit.SECONDS)).as("listed again on a later poll: nothing took it away").isTrue();
        assertThat(imports.getReceivedCounter()).isGreaterThanOrEqualTo(2);
        for (Exchange handed : imports.getReceivedExchanges()) {
            assertThat(handed.getMessage().getHeader(AWS2S3Constants.KEY, String.class)).isEqualTo("incoming/a.csv");
            assertThat(handed.getMessage().getHeader(AWS2S3Constants.BUCKET_NAME, String.class)).isEqualTo(bucket);
        }
        assertThat(bodies).isNotEmpty().allMatch(csv::equals);
        assertThat(probe.keys("incoming/")).containsExactly("incoming/a.csv");
        assertThat(probe.keys("done/")).containsExactly("done/elsewhere.csv");
        assertThat(probe.keys("reports/")).as("the import never ran").isEmpty();
    }
}
