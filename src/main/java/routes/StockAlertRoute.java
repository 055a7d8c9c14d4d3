package routes;

import inventory.InventorySettings;
import inventory.InventorySettings.ClusterKind;
import inventory.alerts.AlertDestinations;
import inventory.alerts.AlertSteps;
import org.apache.camel.BeanInject;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.builder.endpoint.dsl.Ddb2StreamEndpointBuilderFactory.Ddb2StreamEndpointBuilder;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamConfiguration.StreamIteratorType;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamConstants;
import org.apache.camel.spi.IdempotentRepository;

/**
 * Table stream -> stock at or below the threshold -> one alert per change.
 * {@code aws2-ddbstream} here is the pipeline's own component under the stock scheme (inventory.streams, because
 * of CAMEL-24154): it reads every shard in lineage order and resumes from a per-shard checkpoint of the records
 * this route finished, starting from the oldest retained record only when there is none. Between checkpoints an
 * idempotent repository (stream eventID, recorded only after a successful publish) skips what was already sent.
 * Publishing is retried with backoff for as long as it takes, holding the stream; an alert the destination
 * refuses for good goes to the dead-letter file. With several instances, one reads the stream at a time: the
 * {@code master:} endpoint starts the stream consumer on the instance the cluster service elects, and on another one
 * when that one stops or dies, which continues from the shared checkpoint.
 */
public final class StockAlertRoute extends EndpointRouteBuilder {

    public static final String ROUTE_ID = "stock-alert";
    /** The {@code master:} namespace: the lock or Lease the instances compete for. */
    public static final String LEADER_NAMESPACE = "inventory-stream-reader";

    @BeanInject
    private InventorySettings settings;
    @BeanInject
    private AlertSteps steps;
    /** The shared table's log with inventory.state.table, else the state folder's file; bound by this interface. */
    @BeanInject
    private IdempotentRepository publishedAlerts;
    @BeanInject
    private AlertDestinations destinations;

    @Override
    public void configure() {
        // the streams client is the registry's single DynamoDbStreamsClient, autowired by type
        Ddb2StreamEndpointBuilder stream = aws2Ddbstream("{{inventory.table}}")
                .streamIteratorType(StreamIteratorType.FROM_START)
                .maxResultsPerRequest(1000)
                .greedy(true)
                .initialDelay(0) // readiness waits for each consumer's first poll: poll at once
                .delay("{{inventory.alert.poll-delay}}");

        // several instances: the cluster service (inventory.cluster) elects the one that reads; the others stand by
        RouteDefinition route = settings.cluster().kind() == ClusterKind.NONE ? from(stream)
                : from("master:" + LEADER_NAMESPACE + ":" + stream.getRawUri());
        route
            .routeId(ROUTE_ID)
            .onException(Exception.class) // the destination refused the alert for good: keep it, count it, go on
                .onWhen(exchange -> !AlertSteps.isRetryable(exchange.getException()))
                .handled(true)
                .process(steps::deadLetter).id("dead-letter")
            .end()
            .onException(Exception.class) // throttling, 5xx, network: hold the stream and try again, for as long as it takes
                .maximumRedeliveries(-1)
                .redeliveryDelay(250)
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(30_000)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .onRedelivery(steps::publishFailed)
            .end()
            .process(steps::read).id("read-record")
            .filter(steps::shouldAlert).id("stock-check")
                .idempotentConsumer(header(Ddb2StreamConstants.EVENT_ID))
                    .idempotentRepository(publishedAlerts)
                    .eager(false)
                    .removeOnFailure(false)
                    .id("once-per-event")
                    .process(steps::prepare).id("format-alert")
                    .multicast().stopOnException().to(destinations.uris().toArray(String[]::new)).id("publish-alert").end()
                    // recorded here, not only when the exchange completes: a failure is retried at this step, never by publishing again
                    .process(e -> publishedAlerts.add(e, e.getProperty(AlertSteps.EVENT_ID, String.class))).id("record-alert")
                    .process(steps::published).id("alert-sent")
                .end()
            .end();
    }
}
