package inventory.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link StreamCheckpoint} as JSON, the one form every store keeps:
 * {@code {"version":1,"streamArn":"...","shards":{"<shardId>":{"sequenceNumber":"...","drained":false}}}};
 * {@code sequenceNumber} is null for a shard nothing of which has completed yet; {@code alertFrom} (optional) is the
 * instant before which changes are not alerted ({@code inventory.alert.start=latest}).
 */
final class CheckpointDocument {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is wrong with a document that is not a checkpoint; the store adds where it is and how to recover. */
    static final class Malformed extends Exception {
        Malformed(String why, Throwable cause) {
            super(why, cause);
        }
    }

    private CheckpointDocument() {
    }

    static byte[] write(StreamCheckpoint checkpoint, boolean pretty) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION).put("streamArn", checkpoint.streamArn());
        if (checkpoint.alertFrom() != null) {
            root.put("alertFrom", checkpoint.alertFrom().toString());
        }
        ObjectNode shards = root.putObject("shards");
        Set<String> ids = new TreeSet<>(checkpoint.completed().keySet());
        ids.addAll(checkpoint.drained());
        ids.addAll(checkpoint.pending());
        for (String id : ids) {
            shards.putObject(id).put("sequenceNumber", checkpoint.completed().get(id))
                    .put("drained", checkpoint.drained().contains(id));
        }
        try {
            return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root) : JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a checkpoint as JSON", e);
        }
    }

    static StreamCheckpoint read(byte[] bytes) throws Malformed {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new Malformed(e.getMessage(), e);
        }
        if (root == null || !root.isObject() || root.path("version").asInt() != VERSION
                || !root.path("streamArn").isTextual() || !root.path("shards").isObject()) {
            throw new Malformed("not a version " + VERSION + " checkpoint {\"version\",\"streamArn\",\"shards\"}", null);
        }
        Map<String, String> completed = new TreeMap<>();
        Set<String> drained = new HashSet<>();
        Set<String> pending = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("shards").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode seq = e.getValue().path("sequenceNumber");
            if (!e.getValue().isObject() || !(seq.isNull() || seq.isMissingNode() || seq.isTextual() && seq.asText().matches("[0-9]+"))) {
                throw new Malformed("shard " + e.getKey() + " has no valid sequenceNumber", null);
            }
            if (seq.isTextual()) {
                completed.put(e.getKey(), seq.asText());
            }
            if (e.getValue().path("drained").asBoolean(false)) {
                drained.add(e.getKey());
            } else if (!seq.isTextual()) {
                pending.add(e.getKey());
            }
        }
        java.time.Instant alertFrom = null;
        if (root.has("alertFrom")) {
            try {
                alertFrom = java.time.Instant.parse(root.get("alertFrom").asText());
            } catch (java.time.format.DateTimeParseException e) {
                throw new Malformed("alertFrom is not an ISO-8601 instant", e);
            }
        }
        return new StreamCheckpoint(root.get("streamArn").asText(), completed, drained, pending, alertFrom);
    }
}
