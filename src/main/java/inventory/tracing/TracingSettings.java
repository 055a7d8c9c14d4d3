package inventory.tracing;

import inventory.InvalidSettingException;
import java.net.URI;
import java.util.function.Function;

/**
 * Whether and where spans go. Tracing is on exactly when {@code otel.exporter.otlp.endpoint}
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}) is set; the names are OpenTelemetry's own, so the variables a collector's
 * documentation gives work as they are.
 *
 * @param endpoint    the OTLP collector's base URL (the exporter adds {@code /v1/traces}), or null: no tracing
 * @param serviceName the {@code service.name} every span carries
 */
public record TracingSettings(URI endpoint, String serviceName) {

    static final String ENDPOINT = "otel.exporter.otlp.endpoint";
    static final String SERVICE_NAME = "otel.service.name";
    static final String PROTOCOL = "otel.exporter.otlp.protocol";
    /** The one OTLP protocol this jar sends: gRPC would need a sender (OkHttp or grpc-java) it does not carry. */
    static final String HTTP_PROTOBUF = "http/protobuf";

    /** @param props a property's resolved value (application.properties holds every default) */
    public static TracingSettings of(Function<String, String> props) {
        checkProtocol(PROTOCOL, value(props, PROTOCOL));
        String serviceName = value(props, SERVICE_NAME);
        if (serviceName.isEmpty()) {
            throw new InvalidSettingException(SERVICE_NAME, serviceName, "a non-empty name");
        }
        String endpoint = value(props, ENDPOINT);
        return new TracingSettings(endpoint.isEmpty() ? null : url(endpoint), serviceName);
    }

    /** A protocol this jar cannot send stops start-up rather than every export failing later. */
    static void checkProtocol(String property, String protocol) {
        if (!protocol.trim().equals(HTTP_PROTOBUF)) {
            throw new InvalidSettingException(property, protocol, HTTP_PROTOBUF + " (gRPC is not built in: point "
                    + "OTEL_EXPORTER_OTLP_ENDPOINT at the collector's OTLP/HTTP port, usually 4318)");
        }
    }

    public boolean on() {
        return endpoint != null;
    }

    private static URI url(String v) {
        try {
            URI uri = URI.create(v);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidSettingException(ENDPOINT, v, "an http(s) URL of an OTLP/HTTP collector such as "
                + "http://otel-collector:4318, or empty for no tracing");
    }

    private static String value(Function<String, String> props, String key) {
        String v = props.apply(key);
        if (v == null) {
            throw new IllegalStateException(key + " has no default in application.properties");
        }
        return v.trim();
    }
}
