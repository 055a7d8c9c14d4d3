package routes;

import inventory.PipelineConfiguration;
import inventory.alerts.AlertSteps;
import java.util.List;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.Ddb2StreamEndpointBuilderFactory.Ddb2StreamEndpointBuilder;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamConfiguration.StreamIteratorType;

/**
 * Table stream -> stock at or below the threshold -> one alert per change.
 * {@code aws2-ddbstream} here is the pipeline's own component under the stock scheme (inventory.streams, because
 * of CAMEL-24154): it reads every shard in lineage order and resumes from a per-shard checkpoint of the records
 * this route finished, starting from the oldest retained record only when there is none. Between checkpoints an
 * idempotent repository (stream eventID, recorded only after a successful publish) skips what was already sent.
 * Publishing is retried with backoff for as long as it takes, holding the stream; an alert the destination
 * refuses for good goes to the dead-letter file.
 */
public final class StockAlertRoute extends EndpointRouteBuilder {

    public static final String ROUTE_ID = "stock-alert";

    @Override
    public void configure() {
        @SuppressWarnings("unchecked")
        List<String> alertUris = getContext().getRegistry()
                .lookupByNameAndType(PipelineConfiguration.ALERT_URIS, List.class);

        Ddb2StreamEndpointBuilder stream = aws2Ddbstream("{{inventory.table}}")
                .advanced().amazonDynamoDbStreamsClient("#" + PipelineConfiguration.STREAMS_CLIENT).basic()
                .streamIteratorType(StreamIteratorType.FROM_START)
                .maxResultsPerRequest(1000)
                .greedy(true)
                .initialDelay(0) // readiness waits for each consumer's first poll: poll at once
                .delay("{{inventory.alert.poll-delay}}");

        from(stream)
            .routeId(ROUTE_ID)
            .onException(Exception.class)
                .onWhen(exchange -> !AlertSteps.isRetryable(exchange.getException()))
                .handled(true)
                .bean(PipelineConfiguration.ALERT_STEPS, "deadLetter")
            .end()
            .onException(Exception.class)
                .maximumRedeliveries(-1)
                .redeliveryDelay(250)
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(30_000)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .onRedelivery(exchange -> getContext().getRegistry()
                        .lookupByNameAndType(PipelineConfiguration.ALERT_STEPS, AlertSteps.class).publishFailed(exchange))
            .end()
            .bean(PipelineConfiguration.ALERT_STEPS, "read").id("read-record")
            .filter().method(PipelineConfiguration.ALERT_STEPS, "shouldAlert").id("stock-check")
                .idempotentConsumer(header("CamelAwsDdbStreamEventId"))
                    .idempotentRepository(PipelineConfiguration.ALERT_LOG)
                    .eager(false)
                    .removeOnFailure(false)
                    .id("once-per-event")
                    .bean(PipelineConfiguration.ALERT_STEPS, "prepare").id("format-alert")
                    .multicast().stopOnException().to(alertUris.toArray(String[]::new)).id("publish-alert").end()
                    .bean(PipelineConfiguration.ALERT_STEPS, "published").id("alert-sent")
                .end()
            .end();
    }
}
