package inventory.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checkpoint as a JSON file, replaced whole (temp file + atomic move) on every save:
 * {@code {"version":1,"streamArn":"...","shards":{"<shardId>":{"sequenceNumber":"...","drained":false}}}};
 * {@code sequenceNumber} is null for a shard nothing of which has completed yet.
 */
public final class FileCheckpointStore implements CheckpointStore {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public FileCheckpointStore(Path file) {
        this.file = file;
    }

    @Override
    public Optional<StreamCheckpoint> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(e.toString(), e);
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject() || root.path("version").asInt() != VERSION
                    || !root.path("streamArn").isTextual() || !root.path("shards").isObject()) {
                throw unreadable("not a version " + VERSION + " checkpoint {\"version\",\"streamArn\",\"shards\"}", null);
            }
            Map<String, String> completed = new TreeMap<>();
            Set<String> drained = new HashSet<>();
            Set<String> pending = new HashSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("shards").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode seq = e.getValue().path("sequenceNumber");
                if (!e.getValue().isObject() || !(seq.isNull() || seq.isMissingNode() || seq.isTextual() && seq.asText().matches("[0-9]+"))) {
                    throw unreadable("shard " + e.getKey() + " has no valid sequenceNumber", null);
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
            return Optional.of(new StreamCheckpoint(root.get("streamArn").asText(), completed, drained, pending));
        } catch (IOException e) {
            throw unreadable(e.getMessage(), e);
        }
    }

    private UnreadableCheckpointException unreadable(String why, Throwable cause) {
        return new UnreadableCheckpointException("Cannot read the stream checkpoint file " + file.toAbsolutePath()
                + " (" + why + "). Delete it to re-read the retained stream (24 hours) from its oldest record;"
                + " the published-alert log in the same folder prevents repeats.", cause);
    }

    @Override
    public void save(StreamCheckpoint checkpoint) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION).put("streamArn", checkpoint.streamArn());
        ObjectNode shards = root.putObject("shards");
        Set<String> ids = new java.util.TreeSet<>(checkpoint.completed().keySet());
        ids.addAll(checkpoint.drained());
        ids.addAll(checkpoint.pending());
        for (String id : ids) {
            shards.putObject(id).put("sequenceNumber", checkpoint.completed().get(id))
                    .put("drained", checkpoint.drained().contains(id));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the stream checkpoint " + file, e);
        }
    }

    @Override
    public String location() {
        return file.toAbsolutePath().toString();
    }
}
