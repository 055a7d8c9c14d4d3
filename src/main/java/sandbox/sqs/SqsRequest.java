package sandbox.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed access to the members of an SQS JSON request, with AWS's errors for missing or malformed ones. */
final class SqsRequest {

    private final JsonNode body;

    SqsRequest(JsonNode body) {
        this.body = body;
    }

    JsonNode json() {
        return body;
    }

    String text(String member) {
        JsonNode n = body.get(member);
        return n == null || n.isNull() ? null : n.asText();
    }

    String required(String member) {
        String v = text(member);
        if (v == null || v.isEmpty()) {
            throw SqsErrors.missingParameter(member);
        }
        return v;
    }

    /** An integer member within [min, max], or null when absent. */
    Integer integer(String member, int min, int max, String reason) {
        return integer(body, member, min, max, reason);
    }

    static Integer integer(JsonNode node, String member, int min, int max, String reason) {
        JsonNode n = node.get(member);
        if (n == null || n.isNull()) {
            return null;
        }
        long v;
        try {
            v = n.isIntegralNumber() ? n.asLong() : Long.parseLong(n.asText().trim());
        } catch (NumberFormatException e) {
            throw SqsErrors.invalidParameter(member, n.asText(), reason);
        }
        if (v < min || v > max) {
            throw SqsErrors.invalidParameter(member, v, reason);
        }
        return (int) v;
    }

    List<String> strings(String member) {
        List<String> out = new ArrayList<>();
        JsonNode n = body.get(member);
        if (n != null && n.isArray()) {
            n.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    /** A string-to-string map member ({@code Attributes}, {@code Tags}); empty when absent. */
    Map<String, String> map(String member) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode n = body.get(member);
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return out;
    }

    /** The {@code Entries} of a batch request: 1 to 10, distinct ids of letters, digits, '-' and '_'. */
    List<JsonNode> batchEntries(String entryShape) {
        JsonNode n = body.get("Entries");
        List<JsonNode> entries = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(entries::add);
        }
        if (entries.isEmpty()) {
            throw SqsErrors.emptyBatch(entryShape);
        }
        if (entries.size() > 10) {
            throw SqsErrors.tooManyEntries(entries.size());
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode e : entries) {
            String id = e.path("Id").asText("");
            if (!id.matches("[A-Za-z0-9_-]{1,80}")) {
                throw SqsErrors.invalidBatchEntryId();
            }
            if (!ids.add(id)) {
                throw SqsErrors.idsNotDistinct(id);
            }
        }
        return entries;
    }
}
