package sandbox.iam;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One question IAM asks of a request: may the caller perform {@code action} on {@code resource}, with these
 * condition keys in the request context (names in lower case: IAM compares key names case-insensitively).
 * One request may ask several (CopyObject: PutObject on the destination, GetObject on the source).
 */
public record AccessRequest(String action, String resource, Map<String, String> keys) {

    public AccessRequest {
        Map<String, String> lower = new HashMap<>();
        keys.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        keys = Map.copyOf(lower);
    }

    public static AccessRequest of(String action, String resource) {
        return new AccessRequest(action, resource, Map.of());
    }

    /** This question with more context keys (the caller's, the connection's). */
    AccessRequest with(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(more);
        all.putAll(keys);
        return new AccessRequest(action, resource, all);
    }

    /** The value of a condition key, or null when the request context has no such key. */
    String key(String name) {
        return keys.get(name.toLowerCase(Locale.ROOT));
    }
}
