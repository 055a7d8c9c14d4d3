package inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import testsupport.ShippedProperties;

/**
 * What the pipeline sends to CloudWatch (the sandbox has no CloudWatch): the PutMetricData requests the AWS SDK is
 * asked to send, caught by an SDK interceptor just before they would leave for AWS. The template's alarms name these
 * metrics and dimensions (CloudFormationTemplateTest).
 */
class CloudWatchMetricsTest {

    /** Keeps each PutMetricData and stops it before the network: no AWS here. */
    private static final class Catching implements ExecutionInterceptor {
        final List<PutMetricDataRequest> sent = new CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutMetricDataRequest put) {
                sent.add(put);
            }
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            throw new IllegalStateException("caught by the test before transmission");
        }
    }

    private static String key(MetricDatum d) {
        String dims = d.dimensions().stream().map(x -> x.name() + "=" + x.value()).sorted().collect(Collectors.joining(","));
        return d.metricName() + (dims.isEmpty() ? "" : "{" + dims + "}");
    }

    @Test
    void thePipelinesOwnMetersGoToTheNamespaceAndCamelsStayInPrometheus() {
        Catching catching = new Catching();
        CloudWatchAsyncClient client = CloudWatchAsyncClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(catching)).build();
        CloudWatchMetrics cloudWatch = new CloudWatchMetrics("inventory-pipeline", client);
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MeterRegistry both = cloudWatch.alongside(prometheus);

        PipelineMetrics metrics = new PipelineMetrics(both, Clock.systemUTC());
        metrics.fileFailed();
        metrics.fileProcessed();
        metrics.fileProcessed();
        metrics.alertDeadLettered("refused");
        metrics.streamTrimmed();
        metrics.streamReader(true);
        metrics.streamRecordRead(Instant.now().minusSeconds(90));
        Counter.builder("camel.exchanges.total").register(both).increment(); // not ours: Prometheus only

        cloudWatch.stop(); // publishes the partial minute, as at shutdown

        assertThat(catching.sent).as("PutMetricData sent").isNotEmpty();
        assertThat(catching.sent).allSatisfy(put -> assertThat(put.namespace()).isEqualTo("inventory-pipeline"));
        Map<String, MetricDatum> data = new TreeMap<>();
        catching.sent.forEach(put -> put.metricData().forEach(d -> data.put(key(d), d)));
        assertThat(data).containsKeys("inventory.files.count{outcome=failed}", "inventory.files.count{outcome=processed}",
                "inventory.alerts.dead.lettered.count{reason=refused}", "inventory.alerts.dead.lettered.count{reason=too-old}",
                "inventory.stream.trimmed.count",
                "inventory.stream.iterator.age.value", "inventory.stream.reader.value",
                "inventory.stream.records.read.count", "inventory.rows.count{outcome=rejected}");
        assertThat(data.get("inventory.files.count{outcome=failed}").value()).isEqualTo(1.0);
        assertThat(data.get("inventory.files.count{outcome=processed}").value()).isEqualTo(2.0);
        assertThat(data.get("inventory.alerts.dead.lettered.count{reason=refused}").value()).isEqualTo(1.0);
        assertThat(data.get("inventory.alerts.dead.lettered.count{reason=too-old}").value()).as("sent at 0").isZero();
        assertThat(data.get("inventory.stream.trimmed.count").value()).isEqualTo(1.0);
        assertThat(data.get("inventory.stream.reader.value").value()).isEqualTo(1.0);
        assertThat(data.get("inventory.stream.iterator.age.value").value()).isBetween(90_000.0, 150_000.0);
        assertThat(data.get("inventory.stream.iterator.age.value").unitAsString()).isEqualTo("Milliseconds");
        assertThat(data.keySet()).as("only the pipeline's own meters").allMatch(k -> k.startsWith("inventory."));

        String scraped = prometheus.scrape();
        assertThat(scraped).as("Prometheus keeps everything")
                .contains("inventory_files_total{outcome=\"failed\"} 1.0").contains("camel_exchanges_total 1.0");
    }

    @Test
    void onlyANamespaceTurnsItOnAndTheContextClosesIt() throws Exception {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (var context = new org.apache.camel.impl.DefaultCamelContext()) {
            InventorySettings off = ShippedProperties.settings(Map.of("aws.endpoint", "aws"));
            assertThat(CloudWatchMetrics.alongside(prometheus, off, null, context)).isSameAs(prometheus);
            assertThat(context.hasService(CloudWatchMetrics.class)).isNull();

            InventorySettings on = ShippedProperties.settings(Map.of("aws.endpoint", "aws",
                    "inventory.metrics.cloudwatch.namespace", "inventory-pipeline"));
            MeterRegistry both = CloudWatchMetrics.alongside(prometheus, on, null, context);
            assertThat(both).isInstanceOf(io.micrometer.core.instrument.composite.CompositeMeterRegistry.class);
            assertThat(((io.micrometer.core.instrument.composite.CompositeMeterRegistry) both).getRegistries())
                    .contains(prometheus).hasSize(2);
            assertThat(context.hasService(CloudWatchMetrics.class)).as("stopped, and so flushed, with the context")
                    .isNotNull();
        }
    }
}
