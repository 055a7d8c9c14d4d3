package sandbox.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import sandbox.core.Json;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/**
 * The IAM questions one service's operations ask, as AWS's Service Authorization Reference documents them.
 * Empty when the request names no resource to ask about: the service then refuses it as malformed.
 */
interface ServiceActions {

    List<AccessRequest> of(String operation, SandboxRequest request);

    /**
     * The question AWS asks before it tells a caller that what the request names does not exist ({@code answer} is
     * the service's 404); empty when anyone allowed the request may learn it.
     */
    default Optional<AccessRequest> toLearnNotFound(String operation, SandboxRequest request, SandboxResponse answer) {
        return Optional.empty();
    }

    /**
     * The JSON body (kept by the request for the service to read again), or null when it is not an object.
     * A body over {@code limit} throws {@link SandboxRequest.BodyTooLargeException}, which the gate answers itself.
     */
    static JsonNode jsonBody(SandboxRequest request, int limit) {
        byte[] bytes = request.bodyBytes(limit);
        try {
            JsonNode body = bytes.length == 0 ? Json.object() : Json.parse(bytes);
            return body != null && body.isObject() ? body : null;
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
