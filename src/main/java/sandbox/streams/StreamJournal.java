package sandbox.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.Journal;
import sandbox.core.Json;

/**
 * How streams and their records are written to the sandbox {@link Journal} (one JSON line each):
 * {@code stream} (a stream with its shard's counters), {@code disable}, {@code rec} (one record)
 * and {@code drop} (a disabled stream past its 24 hours). In memory mode every write is a no-op.
 */
final class StreamJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamJournal.class);
    static final String FILE_NAME = "streams.journal";

    private final Journal journal;

    private StreamJournal(Journal journal) {
        this.journal = journal;
    }

    static StreamJournal inMemory() {
        return new StreamJournal(null);
    }

    static StreamJournal open(Path folder) {
        return new StreamJournal(Journal.open(folder.resolve(FILE_NAME)));
    }

    boolean isPersistent() {
        return journal != null;
    }

    String where() {
        return journal == null ? "memory" : journal.file().toString();
    }

    /** Rebuilds the streams from the file, in the order they were created (empty in memory mode). */
    Map<String, TableStream> replay() {
        Map<String, TableStream> streams = new LinkedHashMap<>();
        if (journal == null) {
            return streams;
        }
        for (JsonNode e : journal.replay()) {
            try {
                apply(e, streams);
            } catch (RuntimeException ex) {
                LOG.warn("Skipping unreadable streams journal entry {} ({})", e, ex.toString());
            }
        }
        return streams;
    }

    private static void apply(JsonNode e, Map<String, TableStream> streams) {
        String arn = e.path("arn").asText();
        switch (e.path("e").asText()) {
            case "stream": {
                Shard shard = new Shard(e.path("shard").asText(), e.path("prefix").asLong(),
                        e.path("last").asLong(0), e.path("trimmed").asLong(0), e.path("end").asLong(-1));
                streams.put(arn, new TableStream(arn, e.path("label").asText(), e.path("table").asText(),
                        e.path("view").asText(), (ArrayNode) e.path("keySchema"), e.path("created").asLong(),
                        shard, e.path("disabled").asLong(-1)));
                break;
            }
            case "disable": {
                TableStream s = streams.get(arn);
                if (s != null) {
                    s.shard().restoreEnd(e.path("end").asLong());
                    s.disable(e.path("at").asLong());
                }
                break;
            }
            case "rec": {
                TableStream s = streams.get(arn);
                if (s != null) {
                    s.shard().restore(new StreamRecord(e.path("n").asLong(), e.path("id").asText(),
                            e.path("ev").asText(), e.path("at").asLong(), object(e, "keys"), object(e, "old"),
                            object(e, "new"), e.path("size").asLong()));
                }
                break;
            }
            case "drop":
                streams.remove(arn);
                break;
            default:
                LOG.warn("Skipping unknown streams journal entry {}", e);
        }
    }

    void stream(TableStream s) {
        if (journal != null) {
            journal.append(streamEntry(s));
        }
    }

    void disable(TableStream s) {
        if (journal != null) {
            journal.append(Json.object().put("e", "disable").put("arn", s.arn()).put("at", s.disabledMillis())
                    .put("end", s.shard().endCounter()));
        }
    }

    void record(TableStream s, StreamRecord r) {
        if (journal != null) {
            journal.append(recordEntry(s.arn(), r));
        }
    }

    void drop(TableStream s) {
        if (journal != null) {
            journal.append(Json.object().put("e", "drop").put("arn", s.arn()));
        }
    }

    /** Rewrites the file as just these streams and their retained records. */
    void compact(Collection<TableStream> streams) {
        if (journal == null) {
            return;
        }
        Iterator<ObjectNode> entries = streams.stream()
                .flatMap(s -> Stream.concat(Stream.of(streamEntry(s)),
                        StreamSupport.stream(s.shard().records().spliterator(), false)
                                .map(r -> recordEntry(s.arn(), r))))
                .iterator();
        journal.rewrite(entries);
    }

    private static ObjectNode streamEntry(TableStream s) {
        Shard shard = s.shard();
        ObjectNode e = Json.object().put("e", "stream").put("arn", s.arn()).put("label", s.label())
                .put("table", s.tableName()).put("view", s.viewType()).put("created", s.createdMillis())
                .put("shard", shard.shardId()).put("prefix", shard.prefix()).put("last", shard.lastCounter())
                .put("trimmed", shard.trimmedThrough()).put("end", shard.endCounter())
                .put("disabled", s.disabledMillis());
        e.set("keySchema", s.keySchema());
        return e;
    }

    private static ObjectNode recordEntry(String arn, StreamRecord r) {
        ObjectNode e = Json.object().put("e", "rec").put("arn", arn).put("n", r.counter()).put("id", r.eventId())
                .put("ev", r.eventName()).put("at", r.createdMillis()).put("size", r.sizeBytes());
        e.set("keys", r.keys());
        if (r.oldImage() != null) {
            e.set("old", r.oldImage());
        }
        if (r.newImage() != null) {
            e.set("new", r.newImage());
        }
        return e;
    }

    private static ObjectNode object(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v != null && v.isObject() ? (ObjectNode) v : null;
    }

    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
