package inventory.tracing;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The spans a collector received, decoded from the OTLP protobuf export requests. */
public final class ExportedSpans {

    /**
     * One span as the collector saw it.
     *
     * @param service    its resource's {@code service.name}
     * @param attributes string, int (as Long), double and bool values
     * @param status     {@code STATUS_CODE_UNSET}, {@code _OK} or {@code _ERROR}
     */
    public record ExportedSpan(String service, String scope, String name, String kind, String traceId, String spanId,
                               String parentSpanId, Map<String, Object> attributes, String status,
                               String statusMessage) {

        public Object attribute(String key) {
            return attributes.get(key);
        }
    }

    private ExportedSpans() {
    }

    public static List<ExportedSpan> of(OtlpReceiver receiver) {
        List<ExportedSpan> spans = new ArrayList<>();
        for (byte[] body : receiver.traceRequests()) {
            try {
                for (ResourceSpans resource : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
                    Object service = attributes(resource.getResource().getAttributesList()).get("service.name");
                    for (ScopeSpans scope : resource.getScopeSpansList()) {
                        for (Span s : scope.getSpansList()) {
                            spans.add(new ExportedSpan(String.valueOf(service), scope.getScope().getName(), s.getName(),
                                    s.getKind().name(), hex(s.getTraceId().toByteArray()), hex(s.getSpanId().toByteArray()),
                                    hex(s.getParentSpanId().toByteArray()), attributes(s.getAttributesList()),
                                    s.getStatus().getCode().name(), s.getStatus().getMessage()));
                        }
                    }
                }
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("not an OTLP ExportTraceServiceRequest", e);
            }
        }
        return spans;
    }

    private static Map<String, Object> attributes(List<KeyValue> list) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (KeyValue kv : list) {
            AnyValue v = kv.getValue();
            map.put(kv.getKey(), switch (v.getValueCase()) {
                case STRING_VALUE -> v.getStringValue();
                case INT_VALUE -> v.getIntValue();
                case DOUBLE_VALUE -> v.getDoubleValue();
                case BOOL_VALUE -> v.getBoolValue();
                default -> v.toString();
            });
        }
        return map;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
