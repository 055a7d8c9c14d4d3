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
import sandbox.item.PackedItem;

/**
 * How streams and their records are written to the sandbox {@link Journal} (one JSON line each):
 * {@code stream} (a stream and its counter), {@code shard} (a shard with its range, parent and
 * counters), {@code close} (a shard closed), {@code rec} (one record of one shard), {@code disable}
 * and {@code drop} (a disabled stream past its 24 hours). In memory mode every write is a no-op.
 * Journals of the one-shard format (a {@code stream} line naming its shard, records naming none)
 * still load: their shard becomes the stream's one root shard.
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
    Map<String, TableStream> replay(ShardSettings settings) {
        Map<String, TableStream> streams = new LinkedHashMap<>();
        if (journal == null) {
            return streams;
        }
        for (JsonNode e : journal.replay()) {
            try {
                apply(e, streams, settings);
            } catch (RuntimeException ex) {
                LOG.warn("Skipping unreadable streams journal entry {} ({})", e, ex.toString());
            }
        }
        return streams;
    }

    private static void apply(JsonNode e, Map<String, TableStream> streams, ShardSettings settings) {
        String arn = e.path("arn").asText();
        TableStream s = streams.get(arn);
        switch (e.path("e").asText()) {
            case "stream":
                // a line written again after a compaction took the stream in must not replace it
                if (s == null) {
                    streams.put(arn, stream(e, arn, settings));
                }
                break;
            case "shard":
                if (s != null) {
                    s.shards().restoreShard(shard(e));
                }
                break;
            case "close":
                if (s != null) {
                    s.shards().restoreClose(e.path("id").asText(), e.path("end").asLong(), e.path("at").asLong());
                }
                break;
            case "disable":
                if (s != null) {
                    s.restoreDisabled(e.path("at").asLong());
                }
                break;
            case "rec":
                if (s != null) {
                    long[] id = StreamRecord.parseEventId(e.path("id").asText());
                    s.shards().restoreRecord(e.hasNonNull("shard") ? e.path("shard").asText() : null,
                            new StreamRecord(e.path("n").asLong(), id[0], id[1], StreamRecord.eventName(e.path("ev").asText()),
                                    e.path("at").asLong(), packed(e, "keys"), packed(e, "old"), packed(e, "new"),
                                    e.path("size").asInt()));
                }
                break;
            case "drop":
                streams.remove(arn);
                break;
            default:
                LOG.warn("Skipping unknown streams journal entry {}", e);
        }
    }

    private static TableStream stream(JsonNode e, String arn, ShardSettings settings) {
        StreamShards shards = new StreamShards(settings, new SequenceNumbers(e.path("prefix").asLong()));
        shards.restoreCounter(e.path("counter").asLong(0));
        if (e.hasNonNull("shard")) {
            // the one-shard format: its shard becomes the one root shard, owning the whole hash space
            Shard root = new Shard(e.path("shard").asText(), null, HashRange.WHOLE, 1, e.path("created").asLong(), 0);
            root.restoreCounters(e.path("last").asLong(0), e.path("last").asLong(0), e.path("trimmed").asLong(0));
            if (e.path("end").asLong(-1) >= 0) {
                root.restoreClose(e.path("end").asLong(), e.path("disabled").asLong());
            }
            shards.restoreShard(root);
        }
        TableStream stream = new TableStream(arn, e.path("label").asText(), e.path("table").asText(),
                e.path("view").asText(), (ArrayNode) e.path("keySchema"), e.path("created").asLong(), shards, -1);
        long disabled = e.path("disabled").asLong(-1);
        if (disabled >= 0) {
            stream.restoreDisabled(disabled);
        }
        return stream;
    }

    private static Shard shard(JsonNode e) {
        Shard s = new Shard(e.path("id").asText(), e.hasNonNull("parent") ? e.path("parent").asText() : null,
                new HashRange(e.path("lo").asLong(), e.path("hi").asLong()), e.path("start").asLong(),
                e.path("created").asLong(), e.path("gen").asInt());
        s.restoreCounters(e.path("last").asLong(), e.path("appended").asLong(), e.path("trimmed").asLong());
        if (e.path("closed").asLong(-1) >= 0) {
            s.restoreClose(e.path("end").asLong(), e.path("closed").asLong());
        }
        return s;
    }

    void stream(TableStream s) {
        if (journal != null) {
            journal.append(streamEntry(s));
        }
    }

    /** What a stream's shards report, as journal lines (nothing in memory mode). */
    StreamShards.Changes changes(TableStream s) {
        if (journal == null) {
            return StreamShards.UNRECORDED;
        }
        return new StreamShards.Changes() {
            @Override
            public void opened(Shard shard) {
                journal.append(shardEntry(s.arn(), shard));
            }

            @Override
            public void closed(Shard shard) {
                journal.append(Json.object().put("e", "close").put("arn", s.arn()).put("id", shard.shardId())
                        .put("end", shard.endCounter()).put("at", shard.closedMillis()));
            }

            @Override
            public void recorded(Shard shard, StreamRecord r) {
                journal.append(recordEntry(s.arn(), shard, r));
            }
        };
    }

    void disable(TableStream s) {
        if (journal != null) {
            journal.append(Json.object().put("e", "disable").put("arn", s.arn()).put("at", s.disabledMillis()));
        }
    }

    void drop(TableStream s) {
        if (journal != null) {
            journal.append(Json.object().put("e", "drop").put("arn", s.arn()));
        }
    }

    /** Rewrites the file as just these streams, their shards and their retained records. */
    void compact(Collection<TableStream> streams) {
        if (journal == null) {
            return;
        }
        Iterator<ObjectNode> entries = streams.stream()
                .flatMap(s -> Stream.concat(Stream.of(streamEntry(s)), s.shards().shards().stream()
                        .flatMap(shard -> Stream.concat(Stream.of(shardEntry(s.arn(), shard)),
                                StreamSupport.stream(shard.records().spliterator(), false)
                                        .map(r -> recordEntry(s.arn(), shard, r))))))
                .iterator();
        journal.rewrite(entries);
    }

    private static ObjectNode streamEntry(TableStream s) {
        ObjectNode e = Json.object().put("e", "stream").put("arn", s.arn()).put("label", s.label())
                .put("table", s.tableName()).put("view", s.viewType()).put("created", s.createdMillis())
                .put("prefix", s.shards().numbers().prefix()).put("counter", s.shards().counter())
                .put("disabled", s.disabledMillis());
        e.set("keySchema", s.keySchema());
        return e;
    }

    private static ObjectNode shardEntry(String arn, Shard s) {
        ObjectNode e = Json.object().put("e", "shard").put("arn", arn).put("id", s.shardId())
                .put("lo", s.range().low()).put("hi", s.range().high()).put("start", s.startCounter())
                .put("created", s.createdMillis()).put("gen", s.generation()).put("last", s.lastCounter())
                .put("appended", s.appended()).put("trimmed", s.trimmedThrough()).put("closed", s.closedMillis())
                .put("end", s.endCounter());
        if (s.parentShardId() != null) {
            e.put("parent", s.parentShardId());
        }
        return e;
    }

    private static ObjectNode recordEntry(String arn, Shard shard, StreamRecord r) {
        ObjectNode e = Json.object().put("e", "rec").put("arn", arn).put("shard", shard.shardId()).put("n", r.counter())
                .put("id", r.eventId()).put("ev", r.eventName()).put("at", r.createdMillis()).put("size", r.sizeBytes());
        e.putPOJO("keys", r.keys());
        if (r.oldImage() != null) {
            e.putPOJO("old", r.oldImage());
        }
        if (r.newImage() != null) {
            e.putPOJO("new", r.newImage());
        }
        return e;
    }

    private static PackedItem packed(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v != null && v.isObject() ? PackedItem.of(v) : null;
    }

    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
