package inventory.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.InvalidSettingException;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SDK as the pipeline has OpenTelemetry's autoconfiguration build it. */
class TracingSdkTest {

    private static final TracingSettings ON = new TracingSettings(URI.create("http://127.0.0.1:1"), "inventory-test");

    @Test
    void otelPropertiesReachTheSdkAndOnlyTracesAreExported() {
        OpenTelemetrySdk sdk = Tracing.sdk(ON, Map.of("otel.bsp.schedule.delay", "250"));
        try {
            String provider = sdk.getSdkTracerProvider().toString();
            assertThat(provider).contains("service.name=\"inventory-test\"").contains("BatchSpanProcessor").contains("scheduleDelayNanos=250000000")
                    .contains("OtlpHttpSpanExporter").contains("endpoint=http://127.0.0.1:1/v1/traces");
            assertThat(sdk.getSdkMeterProvider().toString()).doesNotContain("PeriodicMetricReader");
        } finally {
            sdk.shutdown();
        }
    }

    @Test
    void aBadSdkSettingStopsStartUpNamingIt() {
        assertThatThrownBy(() -> Tracing.sdk(ON, Map.of("otel.bsp.max.queue.size", "lots")))
                .hasMessageContaining("otel.bsp.max.queue.size");
    }

    @Test
    void aGrpcTracesProtocolIsRefusedRatherThanFailingEveryExport() {
        assertThatThrownBy(() -> Tracing.sdk(ON, Map.of("otel.exporter.otlp.traces.protocol", "grpc")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL");
    }
}
