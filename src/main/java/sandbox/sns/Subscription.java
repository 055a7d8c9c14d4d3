package sandbox.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import sandbox.core.Json;

/**
 * One subscription: endpoint, confirmation state and attributes (with the parsed filter policy).
 * Mutations happen under its monitor so the journal records them in order.
 */
final class Subscription {

    final String arn;
    final String topicArn;
    final String protocol;
    final String endpoint;
    final String owner;
    /** The confirmation token handed out in SubscriptionConfirmation / the SubscribeURL. */
    final String token;

    private boolean pending;
    private boolean authenticated;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private volatile FilterPolicy filter;
    private volatile boolean raw;

    Subscription(String arn, String topicArn, String protocol, String endpoint, String owner, String token,
                 boolean pending) {
        this.arn = arn;
        this.topicArn = topicArn;
        this.protocol = protocol;
        this.endpoint = endpoint;
        this.owner = owner;
        this.token = token;
        this.pending = pending;
        this.authenticated = !pending;
    }

    synchronized boolean isPending() {
        return pending;
    }

    synchronized void confirm() {
        pending = false;
        authenticated = true;
    }

    synchronized boolean confirmationWasAuthenticated() {
        return authenticated;
    }

    synchronized Map<String, String> attributes() {
        return new LinkedHashMap<>(attributes);
    }

    synchronized String attribute(String name) {
        return attributes.get(name);
    }

    /** Sets an attribute that was already validated; {@code parsedFilter} is the policy to apply now. */
    synchronized void setAttribute(String name, String value, FilterPolicy parsedFilter) {
        if (value == null || (value.isEmpty() && name.equals("FilterPolicy"))) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        this.filter = parsedFilter;
        this.raw = "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
    }

    FilterPolicy filter() {
        return filter;
    }

    boolean rawMessageDelivery() {
        return raw;
    }

    boolean isHttp() {
        return protocol.equals("http") || protocol.equals("https");
    }

    synchronized ObjectNode toJournal() {
        ObjectNode n = Json.object().put("t", "sub").put("arn", arn).put("topicArn", topicArn)
                .put("protocol", protocol).put("endpoint", endpoint).put("owner", owner).put("token", token)
                .put("pending", pending).put("authenticated", authenticated);
        ObjectNode a = n.putObject("attributes");
        attributes.forEach(a::put);
        return n;
    }

    static Subscription fromJournal(JsonNode n) {
        Subscription s = new Subscription(n.path("arn").asText(), n.path("topicArn").asText(),
                n.path("protocol").asText(), n.path("endpoint").asText(), n.path("owner").asText(),
                n.path("token").asText(), n.path("pending").asBoolean());
        s.authenticated = n.path("authenticated").asBoolean();
        n.path("attributes").fields().forEachRemaining(e -> s.attributes.put(e.getKey(), e.getValue().asText()));
        s.raw = "true".equalsIgnoreCase(s.attributes.get("RawMessageDelivery"));
        String policy = s.attributes.get("FilterPolicy");
        if (policy != null) {
            s.filter = FilterPolicy.parse(policy, scopeOf(s.attributes.get("FilterPolicyScope")), "");
        }
        return s;
    }

    static FilterPolicy.Scope scopeOf(String value) {
        return "MessageBody".equals(value) ? FilterPolicy.Scope.MessageBody : FilterPolicy.Scope.MessageAttributes;
    }
}
