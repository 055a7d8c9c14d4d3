package sandbox.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import sandbox.core.Json;

/**
 * What the policy decided, for tests and users: every denial (the last {@value #KEPT}, and how many in all) and,
 * per caller, how often each action was allowed, i.e. which actions a workload really needs.
 */
final class AccessLog {

    static final int KEPT = 1000;

    /** One refused request, with the question that was refused. */
    record Denial(Instant at, String caller, String service, String operation, String action, String resource,
                  String reason) {
    }

    private final Deque<Denial> denials = new ArrayDeque<>();
    private final Map<String, Map<String, Long>> allowed = new TreeMap<>();
    private long denied;

    synchronized void denied(Denial d) {
        denied++;
        if (denials.size() == KEPT) {
            denials.removeFirst();
        }
        denials.addLast(d);
    }

    synchronized void allowed(String caller, String action) {
        allowed.computeIfAbsent(caller, c -> new TreeMap<>()).merge(action, 1L, Long::sum);
    }

    synchronized void clear() {
        denials.clear();
        allowed.clear();
        denied = 0;
    }

    synchronized ObjectNode denialsJson() {
        ObjectNode out = Json.object().put("count", denied);
        ArrayNode list = out.putArray("denials");
        for (Denial d : denials) {
            list.addObject().put("at", d.at().toString()).put("caller", d.caller()).put("service", d.service())
                    .put("operation", d.operation()).put("action", d.action()).put("resource", d.resource())
                    .put("reason", d.reason());
        }
        return out;
    }

    synchronized ObjectNode allowedJson() {
        ObjectNode out = Json.object();
        allowed.forEach((caller, actions) -> {
            ObjectNode counts = out.putObject(caller);
            actions.forEach(counts::put);
        });
        return out;
    }
}
