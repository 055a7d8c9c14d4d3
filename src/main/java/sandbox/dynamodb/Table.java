package sandbox.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import sandbox.core.Json;
import sandbox.streams.TableChangeSink;

/**
 * One table: its schema and settings, and its items in a sorted map (partition key, then sort key, in
 * DynamoDB order) so that a Query is a range scan. Writes go through {@link #commit} while the caller
 * holds the item's lock.
 */
final class Table {

    /** Where committed changes go besides memory: the journal and the stream. */
    interface ChangeListener {
        void committed(Table table, ItemKey key, StoredItem before, StoredItem after);
    }

    private final String name;
    private final String id;
    private final TableSchema schema;
    private final Instant created;
    private final NavigableMap<ItemKey, StoredItem> items = new ConcurrentSkipListMap<>();
    private final AtomicLong itemCount = new AtomicLong();
    private final AtomicLong sizeBytes = new AtomicLong();
    private volatile Settings settings;
    private volatile TableChangeSink.StreamInfo stream;

    /**
     * The mutable settings: capacity mode, stream specification, and the Time to Live attribute (null while TTL
     * is disabled).
     */
    record Settings(String billingMode, long readCapacity, long writeCapacity, boolean streamEnabled,
                    String streamViewType, String ttlAttribute) {

        Settings withTtl(String attribute) {
            return new Settings(billingMode, readCapacity, writeCapacity, streamEnabled, streamViewType, attribute);
        }
    }

    Table(String name, String id, TableSchema schema, Instant created, Settings settings) {
        this.name = name;
        this.id = id;
        this.schema = schema;
        this.created = created;
        this.settings = settings;
    }

    String name() {
        return name;
    }

    String id() {
        return id;
    }

    TableSchema schema() {
        return schema;
    }

    Instant created() {
        return created;
    }

    Settings settings() {
        return settings;
    }

    void settings(Settings s) {
        this.settings = s;
    }

    TableChangeSink.StreamInfo stream() {
        return stream;
    }

    void stream(TableChangeSink.StreamInfo info) {
        this.stream = info;
    }

    NavigableMap<ItemKey, StoredItem> items() {
        return items;
    }

    StoredItem get(ItemKey key) {
        return items.get(key);
    }

    long itemCount() {
        return itemCount.get();
    }

    long sizeBytes() {
        return sizeBytes.get();
    }

    /** Replaces or removes one item; the caller holds the item's lock and has checked it really changes. */
    void commit(ItemKey key, StoredItem before, StoredItem after, ChangeListener listener) {
        if (after == null) {
            items.remove(key);
        } else {
            items.put(key, after);
        }
        itemCount.addAndGet((after == null ? 0 : 1) - (before == null ? 0 : 1));
        sizeBytes.addAndGet((after == null ? 0 : after.size()) - (before == null ? 0 : before.size()));
        listener.committed(this, key, before, after);
    }

    /** Loads an item from the journal at start-up (no listener: it is already persisted). */
    void restore(ItemKey key, StoredItem item) {
        StoredItem before = items.put(key, item);
        itemCount.addAndGet(before == null ? 1 : 0);
        sizeBytes.addAndGet(item.size() - (before == null ? 0 : before.size()));
    }

    void restoreRemove(ItemKey key) {
        StoredItem before = items.remove(key);
        if (before != null) {
            itemCount.decrementAndGet();
            sizeBytes.addAndGet(-before.size());
        }
    }

    /** The settings and identity, for the journal. */
    ObjectNode toJson() {
        Settings s = settings;
        ObjectNode o = Json.object().put("name", name).put("id", id).put("created", created.toEpochMilli())
                .put("hashName", schema.hashName()).put("hashType", schema.hashType())
                .put("billingMode", s.billingMode()).put("rcu", s.readCapacity()).put("wcu", s.writeCapacity())
                .put("streamEnabled", s.streamEnabled());
        if (schema.hasRange()) {
            o.put("rangeName", schema.rangeName()).put("rangeType", schema.rangeType());
        }
        if (s.streamViewType() != null) {
            o.put("streamViewType", s.streamViewType());
        }
        if (s.ttlAttribute() != null) {
            o.put("ttlAttribute", s.ttlAttribute());
        }
        return o;
    }

    static Table fromJson(ObjectNode o) {
        TableSchema schema = new TableSchema(o.path("hashName").asText(), o.path("hashType").asText(),
                o.hasNonNull("rangeName") ? o.get("rangeName").asText() : null,
                o.hasNonNull("rangeType") ? o.get("rangeType").asText() : null);
        Settings s = new Settings(o.path("billingMode").asText(), o.path("rcu").asLong(), o.path("wcu").asLong(),
                o.path("streamEnabled").asBoolean(),
                o.hasNonNull("streamViewType") ? o.get("streamViewType").asText() : null,
                o.hasNonNull("ttlAttribute") ? o.get("ttlAttribute").asText() : null);
        return new Table(o.path("name").asText(), o.path("id").asText(), schema,
                Instant.ofEpochMilli(o.path("created").asLong()), s);
    }
}
