package inventory.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.InvalidSettingException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingSettingsTest {

    private static TracingSettings settings(String... keyValues) {
        Map<String, String> p = new HashMap<>(Map.of(TracingSettings.ENDPOINT, "", TracingSettings.SERVICE_NAME,
                "inventory-pipeline", TracingSettings.PROTOCOL, "http/protobuf"));
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return TracingSettings.of(p::get);
    }

    @Test
    void noEndpointMeansNoTracing() {
        assertThat(settings().on()).isFalse();
        assertThat(settings(TracingSettings.ENDPOINT, "  ").on()).isFalse();
    }

    @Test
    void anEndpointTurnsTracingOn() {
        TracingSettings s = settings(TracingSettings.ENDPOINT, "http://otel-collector:4318",
                TracingSettings.SERVICE_NAME, "inventory-eu");
        assertThat(s.on()).isTrue();
        assertThat(s.endpoint()).isEqualTo(URI.create("http://otel-collector:4318"));
        assertThat(s.serviceName()).isEqualTo("inventory-eu");
    }

    @Test
    void anEndpointThatIsNoHttpUrlStopsStartUpNamingTheVariable() {
        for (String bad : new String[] {"otel-collector:4318", "grpc://collector:4317", "http://", "http://c:4318/?a=b"}) {
            assertThatThrownBy(() -> settings(TracingSettings.ENDPOINT, bad)).isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("otel.exporter.otlp.endpoint")
                    .hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT")
                    .hasMessageContaining("empty for no tracing");
        }
    }

    @Test
    void grpcIsRefusedSayingWhichPortToUse() {
        assertThatThrownBy(() -> settings(TracingSettings.PROTOCOL, "grpc")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("OTEL_EXPORTER_OTLP_PROTOCOL")
                .hasMessageContaining("allowed http/protobuf")
                .hasMessageContaining("4318");
    }

    @Test
    void anEmptyServiceNameIsRefused() {
        assertThatThrownBy(() -> settings(TracingSettings.SERVICE_NAME, " ")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("OTEL_SERVICE_NAME");
    }
}
