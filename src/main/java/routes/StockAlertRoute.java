package routes;

import inventory.InventorySettings;
import inventory.InventorySettings.ClusterKind;
import inventory.InventorySettings.StreamStart;
import inventory.alerts.AlertDestinations;
import inventory.alerts.AlertFailurePolicy;
import inventory.alerts.AlertSteps;
import inventory.streams.LineageStreamComponent;
import org.apache.camel.BeanInject;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.Ddb2StreamEndpointBuilderFactory.Ddb2StreamEndpointBuilder;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamConfiguration.StreamIteratorType;
import org.apache.camel.model.RouteDefinition;

/**
 * Table stream -> the rule's decision -> a fenced claim -> one alert per change -> recorded.
 * The stream is read by the pipeline's own component, {@code aws2-ddbstream-lineage} (inventory.streams, because of
 * CAMEL-24154; Camel's {@code aws2-ddbstream} options and headers): it reads every shard in lineage order and resumes from a per-shard checkpoint of the records
 * this route finished, starting from the oldest retained record (or the latest, {@code inventory.alert.start}) only
 * when there is none. Each alert is claimed in the state table before it is published and marked after: a record
 * read again is not sent again, and a reader that lost the stream to another cannot claim.
 * Failures are typed ({@link AlertFailurePolicy}): transient ones are retried with backoff, holding the stream, until
 * the change is too old; others are tried {@code inventory.alert.max-attempts} times; then the alert is dead-lettered.
 * With several instances one reads the stream at a time: the {@code master:} endpoint starts the stream consumer on
 * the instance the cluster service elects, and on another one when that one stops or dies.
 */
public final class StockAlertRoute extends EndpointRouteBuilder {

    public static final String ROUTE_ID = "stock-alert";
    /** The {@code master:} namespace: the lease, lock or Lease the instances compete for. */
    public static final String LEADER_NAMESPACE = "inventory-stream-reader";

    @BeanInject
    private InventorySettings settings;
    @BeanInject
    private AlertSteps steps;
    @BeanInject
    private AlertFailurePolicy failures;
    @BeanInject
    private AlertDestinations destinations;

    @Override
    public void configure() {
        // Camel's aws2-ddbstream options on our component's scheme; the streams client is the registry's, autowired by type
        Ddb2StreamEndpointBuilder stream = aws2Ddbstream(LineageStreamComponent.SCHEME, "{{inventory.table}}")
                .streamIteratorType(settings.alertStart() == StreamStart.LATEST
                        ? StreamIteratorType.FROM_LATEST : StreamIteratorType.FROM_START)
                .maxResultsPerRequest("{{inventory.alert.max-results-per-request}}")
                .greedy(true)
                .initialDelay(0) // readiness waits for each consumer's first poll: poll at once
                .delay("{{inventory.alert.poll-delay}}");

        // several instances: the cluster service (inventory.cluster) elects the one that reads; the others stand by
        RouteDefinition route = settings.cluster().kind() == ClusterKind.NONE ? from(stream)
                : from(master(LEADER_NAMESPACE + ":" + stream.getRawUri())); // the component's path: namespace:delegateUri
        route
            .routeId(ROUTE_ID)
            .onException(Exception.class)
                .retryWhile(failures::retry) // by type: transient until too old, others max-attempts, fenced never
                .redeliveryDelay("{{inventory.alert.redelivery-delay}}")
                .useExponentialBackOff()
                .backOffMultiplier("{{inventory.alert.backoff-multiplier}}")
                .maximumRedeliveryDelay("{{inventory.alert.maximum-redelivery-delay}}")
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logExhausted(false) // the dead letter logs its own ERROR; a held record, the consumer's WARN
                .onRedelivery(failures::beforeRetry) // publishing again only while the claim still holds
                .handled(failures::handled) // dead-lettered: done; held: the record stays unfinished
                .process(failures::deadLetter).id("dead-letter")
            .end()
            .process(steps::read).id("read-record")
            .process(steps::decide).id("decide")
            .filter(steps::shouldAlert).id("stock-check")
                .process(steps::claim).id("claim-alert")
                .filter(steps::claimed).id("not-sent-before")
                    .process(steps::prepare).id("format-alert")
                    .multicast().stopOnException().to(destinations.uris().toArray(String[]::new)).id("publish-alert").end()
                    .process(steps::sent).id("alert-accepted")
                    // a failure to record is retried at this step, never by publishing again
                    .process(steps::record).id("record-alert")
                    .process(steps::published).id("alert-sent")
                .end()
            .end();
    }
}
