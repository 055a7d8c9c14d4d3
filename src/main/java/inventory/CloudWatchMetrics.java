package inventory;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.net.URI;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * The pipeline's own meters ({@code inventory.*}) in CloudWatch as well as at /observe/metrics, for the alarms of
 * deploy/aws/template.yaml: Micrometer's CloudWatch registry sends them once a minute (one PutMetricData per 1000
 * values) from its own thread, so neither an import nor an alert waits on CloudWatch. Camel's and the JVM's meters
 * stay in Prometheus only. Meter names keep their dots and get the statistic as a suffix
 * ({@code inventory.files.count}, dimension {@code outcome}); the queues' depth is AWS/SQS's own metric.
 */
final class CloudWatchMetrics extends ServiceSupport {

    /** CloudWatch's standard resolution: one value a minute per metric and dimensions. */
    static final Duration STEP = Duration.ofMinutes(1);

    private final CloudWatchMeterRegistry registry;
    private final CloudWatchAsyncClient client;

    CloudWatchMetrics(String namespace, CloudWatchAsyncClient client) {
        this.client = client;
        this.registry = new CloudWatchMeterRegistry(config(namespace), Clock.SYSTEM, client);
        registry.config().meterFilter(MeterFilter.acceptNameStartsWith("inventory.")).meterFilter(MeterFilter.deny());
    }

    /**
     * Where the pipeline registers its meters: {@code local} alone, or with inventory.metrics.cloudwatch.namespace set,
     * {@code local} and CloudWatch (a client for the pipeline's AWS target; closed with the context).
     */
    static MeterRegistry alongside(MeterRegistry local, InventorySettings settings, URI endpoint, CamelContext context)
            throws Exception {
        if (!settings.metrics().toCloudWatch()) {
            return local;
        }
        var builder = CloudWatchAsyncClient.builder().region(Region.of(settings.aws().region()))
                .credentialsProvider(AwsClients.credentials(settings.aws()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        CloudWatchMetrics cloudWatch = new CloudWatchMetrics(settings.metrics().cloudWatchNamespace(), builder.build());
        context.addService(cloudWatch, true, true);
        return cloudWatch.alongside(local);
    }

    /** {@code local} and CloudWatch both: meters registered on the result appear in each. */
    MeterRegistry alongside(MeterRegistry local) {
        CompositeMeterRegistry both = new CompositeMeterRegistry();
        both.add(local);
        both.add(registry);
        return both;
    }

    private static CloudWatchConfig config(String namespace) {
        return new CloudWatchConfig() {
            @Override
            public String get(String key) {
                return null; // every other setting at Micrometer's default
            }

            @Override
            public String namespace() {
                return namespace;
            }

            @Override
            public Duration step() {
                return STEP;
            }
        };
    }

    @Override
    protected void doStop() {
        registry.close(); // sends what the last, partial minute counted
        client.close();
    }
}
