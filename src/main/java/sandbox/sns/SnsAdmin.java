package sandbox.sns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Optional;
import sandbox.core.Json;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/**
 * The sandbox-only endpoints under {@code /_sandbox/sns/}: {@code messages} (GET, optional
 * {@code ?topicArn=}; DELETE clears), {@code deliveries} (GET; DELETE clears) and the signing
 * certificate that SigningCertURL names.
 */
final class SnsAdmin {

    private final SnsStore store;
    private final Deliveries deliveries;
    private final MessageSigner signer;

    SnsAdmin(SnsStore store, Deliveries deliveries, MessageSigner signer) {
        this.store = store;
        this.deliveries = deliveries;
        this.signer = signer;
    }

    Optional<SandboxResponse> handle(String path, SandboxRequest request) {
        return switch (path) {
            case "messages" -> Optional.of(messages(request));
            case "deliveries" -> Optional.of(deliveries(request));
            case SnsUrls.CERTIFICATE_PATH -> Optional.of("GET".equals(request.method())
                    ? SandboxResponse.text(200, "application/x-pem-file", signer.certificatePem())
                    : notAllowed("GET"));
            default -> Optional.empty();
        };
    }

    private SandboxResponse messages(SandboxRequest request) {
        switch (request.method()) {
            case "GET" -> {
                String topicArn = request.queryParam("topicArn");
                ArrayNode out = Json.array();
                for (PublishedMessage m : store.messages()) {
                    if (topicArn == null || topicArn.equals(m.topicArn())) {
                        out.add(m.toAdminJson());
                    }
                }
                return json(out);
            }
            case "DELETE" -> {
                store.clearMessages();
                return SandboxResponse.status(204);
            }
            default -> {
                return notAllowed("GET, DELETE");
            }
        }
    }

    private SandboxResponse deliveries(SandboxRequest request) {
        switch (request.method()) {
            case "GET" -> {
                String subscriptionArn = request.queryParam("subscriptionArn");
                ArrayNode out = Json.array();
                for (DeliveryRecord r : deliveries.records()) {
                    var json = r.toJson();
                    if (subscriptionArn == null || subscriptionArn.equals(json.path("subscriptionArn").asText())) {
                        out.add(json);
                    }
                }
                return json(out);
            }
            case "DELETE" -> {
                deliveries.clearRecords();
                return SandboxResponse.status(204);
            }
            default -> {
                return notAllowed("GET, DELETE");
            }
        }
    }

    private static SandboxResponse json(ArrayNode body) {
        return SandboxResponse.json(200, "application/json", Json.bytes(body));
    }

    private static SandboxResponse notAllowed(String allow) {
        return SandboxResponse.json(405, "application/json",
                Json.bytes(Json.object().put("error", "method not allowed"))).header("Allow", allow);
    }
}
