package sandbox.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Test-only fault injection: rules that make matching requests fail with an AWS error, answer
 * late (before or after the request takes effect), and/or break the connection part-way through a
 * successful response's body (as a network failure mid-download does). Managed over HTTP at {@code /_sandbox/faults} (POST a rule, GET the list, DELETE
 * to clear). A rule matches a service and an operation ("*" for any), fires with a probability,
 * at most {@code count} times, and for {@code durationMs} after it was added. A rule may also name a part of
 * a request (see {@link #pickPart}): {@code dynamodb} / {@code BatchExecuteStatement.Statement} fails single
 * statements of a batch with a per-statement error instead of the whole request. A rule with {@code bodyContains}
 * matches only requests whose body holds that text (e.g. {@code "TableName":"inventory"}: one table's writes).
 */
public final class Faults {

    /**
     * One rule. {@code status} 0 means "no error": only the delay, or the cut body.
     *
     * @param cutAfterBytes   when above 0 (and status is 0), the response body stops after this many bytes
     *                        and the connection closes, though the headers announced the whole body
     * @param responseDelayMs the request takes effect at once, its answer comes this much later (a write
     *                        whose acknowledgement is slow or lost)
     * @param bodyContains    when not null, only requests whose body (as UTF-8 text) holds this
     */
    public record Rule(String service, String operation, int status, String code, String message,
                       double probability, long count, long durationMs, long delayMs, long cutAfterBytes,
                       long responseDelayMs, String bodyContains, Instant addedAt, AtomicLong fired) {

        /** The body is read last, only for a rule with bodyContains that matches everything else. */
        boolean matches(String svc, String op, Instant now, Supplier<String> body) {
            if (!"*".equals(service) && !service.equalsIgnoreCase(svc)) {
                return false;
            }
            if (!"*".equals(operation) && !operation.equalsIgnoreCase(op)) {
                return false;
            }
            if (durationMs > 0 && now.isAfter(addedAt.plusMillis(durationMs))) {
                return false;
            }
            if (count > 0 && fired.get() >= count) {
                return false;
            }
            return bodyContains == null || body != null && body.get().contains(bodyContains);
        }

        ObjectNode toJson() {
            ObjectNode n = Json.object();
            n.put("service", service).put("operation", operation).put("status", status).put("code", code)
                    .put("message", message).put("probability", probability).put("count", count)
                    .put("durationMs", durationMs).put("delayMs", delayMs).put("cutAfterBytes", cutAfterBytes)
                    .put("responseDelayMs", responseDelayMs).put("bodyContains", bodyContains)
                    .put("addedAt", addedAt.toString())
                    .put("fired", fired.get());
            return n;
        }
    }

    /**
     * What to do to one request: wait, then (if status > 0) fail, or serve it and (if cutAfterBytes > 0) cut
     * the body and/or (if responseDelayMs > 0) answer late.
     */
    public record Action(long delayMs, int status, String code, String message, long cutAfterBytes, long responseDelayMs) {
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public Faults(Clock clock) {
        this.clock = clock;
    }

    public Rule add(JsonNode spec) {
        String service = text(spec, "service", "*");
        int status = spec.path("status").asInt(0);
        long delay = spec.path("delayMs").asLong(0);
        long cut = spec.path("cutAfterBytes").asLong(0);
        long responseDelay = spec.path("responseDelayMs").asLong(0);
        if (status == 0 && delay <= 0 && cut <= 0 && responseDelay <= 0) {
            throw new IllegalArgumentException("a fault needs a status (4xx/5xx), a delayMs, a responseDelayMs or a cutAfterBytes");
        }
        if (status != 0 && cut > 0) {
            throw new IllegalArgumentException("cutAfterBytes cuts a successful response; it cannot have a status");
        }
        if (status != 0 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status must be 400..599, was " + status);
        }
        double p = spec.path("probability").asDouble(1.0);
        if (p <= 0 || p > 1) {
            throw new IllegalArgumentException("probability must be in (0, 1], was " + p);
        }
        Rule rule = new Rule(service, text(spec, "operation", "*"), status,
                text(spec, "code", status >= 500 ? "InternalError" : "ThrottlingException"),
                text(spec, "message", "Injected fault"), p, spec.path("count").asLong(0),
                spec.path("durationMs").asLong(0), delay, cut, responseDelay, text(spec, "bodyContains", null),
                clock.instant(), new AtomicLong());
        rules.add(rule);
        return rule;
    }

    public void clear() {
        rules.clear();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public ArrayNode toJson() {
        ArrayNode a = Json.array();
        rules.forEach(r -> a.add(r.toJson()));
        return a;
    }

    /** The fault to apply to this request, if a rule fires; {@code body} is read only for a rule with bodyContains. */
    public Optional<Action> pick(String service, String operation, Supplier<String> body) {
        return pick(service, operation, false, body);
    }

    /**
     * The fault for one part of a request (e.g. {@code BatchExecuteStatement.Statement}, one statement of a
     * batch), if a rule naming exactly that part fires: "*" rules apply to whole requests only.
     */
    public Optional<Action> pickPart(String service, String part) {
        return pick(service, part, true, null);
    }

    private Optional<Action> pick(String service, String operation, boolean named, Supplier<String> body) {
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Supplier<String> once = body == null ? null : new Supplier<>() { // decoded once, for however many rules ask
            private String text;

            @Override
            public String get() {
                if (text == null) {
                    text = body.get();
                }
                return text;
            }
        };
        for (Rule r : rules) {
            if ((!named || r.operation().equalsIgnoreCase(operation)) && r.matches(service, operation, now, once)
                    && (r.probability() >= 1.0 || ThreadLocalRandom.current().nextDouble() < r.probability())) {
                if (r.count() > 0 && r.fired().incrementAndGet() > r.count()) {
                    continue;
                } else if (r.count() <= 0) {
                    r.fired().incrementAndGet();
                }
                return Optional.of(new Action(r.delayMs(), r.status(), r.code(), r.message(), r.cutAfterBytes(),
                        r.responseDelayMs()));
            }
        }
        return Optional.empty();
    }

    private static String text(JsonNode n, String field, String def) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? def : v.asText();
    }
}
