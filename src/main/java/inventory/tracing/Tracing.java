package inventory.tracing;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Tracing, when an OTLP endpoint is configured: the OpenTelemetry SDK, configured by its own autoconfiguration from
 * the {@code otel.*} properties and {@code OTEL_*} variables, sends an {@code import} span per file and an
 * {@code alert} span per stream record ({@link ImportSpans}, {@link AlertSpans}) over OTLP http/protobuf. Spans go
 * through the SDK's batch span processor: a bounded queue, sent from its own thread, so a collector that is down or
 * slow costs dropped spans, never a slower import or alert. Without an endpoint nothing is installed at all.
 */
public final class Tracing extends ServiceSupport implements RoutePolicyFactory {

    private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);
    /** The SDK logs through java.util.logging; JUL holds its loggers weakly, so this one is kept for the bridge. */
    private static final java.util.logging.Logger SDK_LOG = java.util.logging.Logger.getLogger("io.opentelemetry");
    /** At stop, how long the last spans may take to reach the collector: a collector that never answers holds no stop. */
    static final Duration LAST_SPANS_WAIT = Duration.ofSeconds(5);
    /** The SDK's per-signal protocol, which would win over {@code otel.exporter.otlp.protocol}. */
    static final String TRACES_PROTOCOL = "otel.exporter.otlp.traces.protocol";

    private final TracingSettings settings;
    private final OpenTelemetrySdk sdk;
    private final ImportSpans imports;
    private final AlertSpans alerts;

    private Tracing(TracingSettings settings, OpenTelemetrySdk sdk) {
        this.settings = settings;
        this.sdk = sdk;
        var tracer = sdk.getTracer("inventory.tracing");
        this.imports = new ImportSpans(tracer);
        this.alerts = new AlertSpans(tracer);
    }

    /** Before the routes are created: their spans come from the route policies this installs. */
    public static void install(CamelContext context, TracingSettings settings) throws Exception {
        if (!settings.on()) {
            LOG.info("Tracing off (set OTEL_EXPORTER_OTLP_ENDPOINT to send spans over OTLP)");
            return;
        }
        Tracing tracing = new Tracing(settings, sdk(settings, sdkProperties(context.getPropertiesComponent())));
        context.addRoutePolicyFactory(tracing);
        context.addService(tracing, true, true);
        LOG.info("Tracing on: spans of service {} to {} (OTLP http/protobuf)", settings.serviceName(), settings.endpoint());
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        return switch (routeId) {
            case ImportSpans.ROUTE_ID -> imports;
            case AlertSpans.ROUTE_ID -> alerts;
            default -> null;
        };
    }

    /** After the routes stopped (the file in progress finished): the spans still open, then the SDK, flushed. */
    @Override
    protected void doStop() {
        imports.endOpen();
        alerts.endOpen();
        CompletableResultCode done = sdk.shutdown().join(LAST_SPANS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (!done.isSuccess()) {
            LOG.warn("Tracing: the last spans did not reach {} within {} s and are dropped", settings.endpoint(),
                    LAST_SPANS_WAIT.toSeconds());
        }
    }

    /**
     * The SDK as its autoconfiguration builds it from {@code defaults} (the {@code otel.*} properties Camel knows,
     * e.g. from application.properties), the {@code OTEL_*} environment and {@code -Dotel.*}; only what this jar can do
     * is fixed: traces to OTLP http/protobuf, no OpenTelemetry metrics or logs (metrics are Prometheus's, at
     * /observe/metrics).
     */
    static OpenTelemetrySdk sdk(TracingSettings settings, Map<String, String> defaults) {
        bridgeSdkLogging();
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .addPropertiesCustomizer(config -> {
                    TracingSettings.checkProtocol(TRACES_PROTOCOL,
                            config.getString(TRACES_PROTOCOL, TracingSettings.HTTP_PROTOBUF));
                    return Map.of(TracingSettings.ENDPOINT, settings.endpoint().toString(),
                            TracingSettings.PROTOCOL, TracingSettings.HTTP_PROTOBUF,
                            TracingSettings.SERVICE_NAME, settings.serviceName(),
                            "otel.traces.exporter", "otlp",
                            "otel.metrics.exporter", "none",
                            "otel.logs.exporter", "none");
                })
                .disableShutdownHook() // the CamelContext's stop shuts it down, after the routes
                .build()
                .getOpenTelemetrySdk();
    }

    private static Map<String, String> sdkProperties(PropertiesComponent properties) {
        Map<String, String> otel = new HashMap<>();
        for (String key : properties.loadProperties(k -> k.startsWith("otel.")).stringPropertyNames()) {
            properties.resolveProperty(key).ifPresent(v -> otel.put(key, v));
        }
        return otel;
    }

    /** The SDK's own warnings (e.g. a collector that cannot be reached) in the pipeline's log, not on stderr. */
    private static synchronized void bridgeSdkLogging() {
        if (Arrays.stream(SDK_LOG.getHandlers()).noneMatch(SdkLogBridge.class::isInstance)) {
            SDK_LOG.addHandler(new SdkLogBridge());
            SDK_LOG.setUseParentHandlers(false);
        }
    }

    /**
     * An export failure says in its message what failed (e.g. {@code java.net.ConnectException}); its 40-line stack
     * trace, once a minute for as long as a collector is out of reach, would bury the pipeline's own lines.
     */
    private static final class SdkLogBridge extends SLF4JBridgeHandler {
        @Override
        public void publish(LogRecord record) {
            if (record != null && record.getLoggerName() != null
                    && record.getLoggerName().startsWith("io.opentelemetry.exporter")) {
                record.setThrown(null);
            }
            super.publish(record);
        }
    }
}
