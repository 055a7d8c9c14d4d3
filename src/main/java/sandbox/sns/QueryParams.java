package sandbox.sns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sandbox.core.Router;
import sandbox.core.SandboxRequest;

/**
 * The parameters of an awsQuery request: query string and form body together (the SubscribeURL and
 * UnsubscribeURL the sandbox hands out are GETs with the parameters in the query string).
 * Lists arrive as {@code Name.member.N.Field}, maps as {@code Name.entry.N.key/value}.
 */
final class QueryParams {

    private final Map<String, String> values;

    QueryParams(Map<String, String> values) {
        this.values = values;
    }

    static QueryParams of(SandboxRequest request) {
        Map<String, String> all = new LinkedHashMap<>(request.query());
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            all.putAll(request.form(Router.FORM_LIMIT));
        }
        return new QueryParams(all);
    }

    /** The value, or null when the parameter is absent. */
    String get(String name) {
        return values.get(name);
    }

    /** The value; absent -> AWS's "Value null at 'member'" validation error. */
    String required(String name, String member) {
        String v = values.get(name);
        if (v == null) {
            throw SnsErrors.missing(member);
        }
        return v;
    }

    boolean flag(String name) {
        return "true".equalsIgnoreCase(values.get(name));
    }

    /** Entries {@code prefix.N.rest}, grouped by N in numeric order, each with {@code rest} as key. */
    Map<Integer, QueryParams> indexed(String prefix) {
        String p = prefix + ".";
        TreeMap<Integer, Map<String, String>> groups = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(p)) {
                continue;
            }
            int dot = k.indexOf('.', p.length());
            String index = dot < 0 ? k.substring(p.length()) : k.substring(p.length(), dot);
            try {
                int n = Integer.parseInt(index);
                groups.computeIfAbsent(n, x -> new LinkedHashMap<>()).put(dot < 0 ? "" : k.substring(dot + 1),
                        e.getValue());
            } catch (NumberFormatException ignored) {
                // not an indexed member: not ours to interpret
            }
        }
        Map<Integer, QueryParams> out = new TreeMap<>();
        groups.forEach((n, m) -> out.put(n, new QueryParams(m)));
        return out;
    }

    /** A map parameter ({@code prefix.entry.N.key} / {@code .value}), in request order. */
    Map<String, String> map(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (QueryParams entry : indexed(prefix + ".entry").values()) {
            String key = entry.get("key");
            if (key != null) {
                String value = entry.get("value");
                out.put(key, value == null ? "" : value);
            }
        }
        return out;
    }

    /** A list of structures ({@code prefix.member.N.Field}). */
    List<QueryParams> members(String prefix) {
        return List.copyOf(indexed(prefix + ".member").values());
    }

    /** A list of strings ({@code prefix.member.N}). */
    List<String> strings(String prefix) {
        return indexed(prefix + ".member").values().stream().map(q -> q.get("")).filter(v -> v != null).toList();
    }
}
