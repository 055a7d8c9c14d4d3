package sandbox.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.Json;
import sandbox.item.ItemSize;
import sandbox.item.PackedItem;

/**
 * Every stream the sandbox knows, by ARN, and the enabled one of each table; turns item changes
 * into records and keeps the journal in step. Rollover and trimming (records older than 24 hours)
 * happen lazily, when a stream is written or asked about; a disabled stream disappears 24 hours
 * after its table was deleted.
 */
final class StreamStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamStore.class);
    static final long RETENTION_MILLIS = Duration.ofHours(24).toMillis();
    static final Set<String> VIEW_TYPES = Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");
    /** Records journaled since the last compaction before a background compaction is considered. */
    static final long COMPACT_AFTER = 200_000;

    private final Clock clock;
    private final String region;
    private final String account;
    private final StreamJournal journal;
    private final ShardSettings settings;
    private final Map<String, TableStream> byArn = new ConcurrentHashMap<>();
    private final Map<String, TableStream> enabledByTable = new ConcurrentHashMap<>();
    private final AtomicLong writtenSinceCompaction = new AtomicLong();
    private final AtomicBoolean compacting = new AtomicBoolean();
    private final ExecutorService compactor;
    private final long compactAfter;
    private volatile long retainedAtCompaction;

    StreamStore(Clock clock, String region, String account, ShardSettings settings, StreamJournal journal,
                long compactAfter) {
        this.clock = clock;
        this.settings = settings;
        this.compactAfter = compactAfter;
        this.region = region;
        this.account = account;
        this.journal = journal;
        this.compactor = journal.isPersistent() ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sandbox-streams-compactor");
            t.setDaemon(true);
            return t;
        }) : null;
        restore();
    }

    private void restore() {
        if (!journal.isPersistent()) {
            return;
        }
        long now = clock.millis();
        long records = 0;
        for (TableStream s : journal.replay(settings).values()) {
            if (!s.isEnabled() && now - s.disabledMillis() >= RETENTION_MILLIS) {
                continue;
            }
            byArn.put(s.arn(), s);
            touch(s);
            if (s.isEnabled()) {
                enabledByTable.put(s.tableName(), s);
            }
            records += retained(s);
        }
        journal.compact(byArn.values());
        retainedAtCompaction = records;
        LOG.info("DynamoDB Streams restored {} streams with {} records from {}", byArn.size(), records,
                journal.where());
    }

    String region() {
        return region;
    }

    Clock clock() {
        return clock;
    }

    /** The table's enabled stream, or a new one (new label, new shards) if it has none. */
    synchronized TableStream enable(String tableName, String viewType, ArrayNode keySchema, Instant tableCreatedAt) {
        TableStream existing = enabledByTable.get(tableName);
        if (existing != null) {
            return existing;
        }
        if (!VIEW_TYPES.contains(viewType)) {
            throw new IllegalArgumentException("StreamViewType must be one of " + VIEW_TYPES + ", was " + viewType);
        }
        long created = tableCreatedAt != null ? tableCreatedAt.toEpochMilli() : clock.millis();
        // a table re-created within the same millisecond still gets a stream of its own
        while (byArn.containsKey(TableStream.arn(region, account, tableName, TableStream.label(created)))) {
            created++;
        }
        String label = TableStream.label(created);
        TableStream stream = new TableStream(TableStream.arn(region, account, tableName, label), label, tableName,
                viewType, keySchema == null ? Json.array() : keySchema.deepCopy(), created,
                new StreamShards(settings, SequenceNumbers.forCreation(created)), -1);
        // in the map before the journal line (a concurrent compaction then keeps it), enabled after it (no record precedes it)
        byArn.put(stream.arn(), stream);
        journal.stream(stream);
        stream.shards().openRoots(created, journal.changes(stream));
        enabledByTable.put(tableName, stream);
        LOG.info("DynamoDB stream enabled for table {}: {} ({})", tableName, stream.arn(), viewType);
        return stream;
    }

    /** The table is gone: its stream becomes DISABLED and its shards closed; records stay readable. */
    synchronized void disable(String tableName) {
        TableStream stream = enabledByTable.remove(tableName);
        if (stream == null) {
            return;
        }
        stream.disable(clock.millis(), journal.changes(stream));
        journal.disable(stream);
        long last = stream.shards().counter();
        LOG.info("DynamoDB stream of table {} disabled: {} (last sequence number {})", tableName, stream.arn(),
                last == 0 ? "none" : stream.shards().numbers().format(last));
    }

    /** One real change of one item: one record, if the table has an enabled stream; the images are shared, not copied. */
    void change(String tableName, ObjectNode keys, PackedItem oldImage, PackedItem newImage) {
        TableStream stream = enabledByTable.get(tableName);
        if (stream == null || (oldImage == null && newImage == null)) {
            return;
        }
        String eventName = oldImage == null ? StreamRecord.INSERT
                : newImage == null ? StreamRecord.REMOVE : StreamRecord.MODIFY;
        ObjectNode keyNode = keys != null ? keys : keysOf(stream, (newImage != null ? newImage : oldImage).toJson());
        PackedItem k = PackedItem.of(keyNode);
        PackedItem o = stream.carriesOldImage() ? oldImage : null;
        PackedItem n = stream.carriesNewImage() ? newImage : null;
        int size = (int) (ItemSize.of(k) + ItemSize.of(o) + ItemSize.of(n));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long idHigh = random.nextLong();
        long idLow = random.nextLong();
        long now = clock.millis();
        StreamRecord record = stream.shards().append(stream.hashOf(keyNode), now,
                c -> new StreamRecord(c, idHigh, idLow, eventName, now, k, o, n, size), journal.changes(stream));
        if (record == null) {
            LOG.debug("Change of {} after its stream closed: no record", tableName);
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} {}", tableName, eventName, stream.shards().numbers().format(record.counter()), keyNode);
        }
        if (journal.isPersistent() && writtenSinceCompaction.incrementAndGet() > compactAfter) {
            compactSoon();
        }
    }

    /** A stream by ARN (enabled, or disabled within the last 24 hours). */
    Optional<TableStream> find(String arn) {
        TableStream s = byArn.get(arn);
        return s == null || expire(s) ? Optional.empty() : Optional.of(s);
    }

    /** All current streams. */
    List<TableStream> all() {
        List<TableStream> out = new ArrayList<>(byArn.size());
        for (TableStream s : byArn.values()) {
            if (!expire(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Brings a stream's shards up to the sandbox clock: rollovers due, records older than 24 hours, closed shards gone. */
    void touch(TableStream s) {
        s.shards().maintain(clock.millis(), journal.changes(s));
    }

    static long retained(TableStream s) {
        long n = 0;
        for (Shard shard : s.shards().shards()) {
            n += shard.retained();
        }
        return n;
    }

    /** Removes a disabled stream 24 hours after its table went; true if it is gone. */
    private boolean expire(TableStream s) {
        if (s.isEnabled() || clock.millis() - s.disabledMillis() < RETENTION_MILLIS) {
            return false;
        }
        if (byArn.remove(s.arn(), s)) {
            journal.drop(s);
            LOG.info("DynamoDB stream {} removed 24 hours after it was disabled", s.arn());
        }
        return true;
    }

    /** Compacts in the background once the journal has grown well past what is retained. */
    private void compactSoon() {
        if (writtenSinceCompaction.get() <= Math.max(compactAfter, retainedAtCompaction)
                || !compacting.compareAndSet(false, true)) {
            return;
        }
        compactor.execute(() -> {
            try {
                writtenSinceCompaction.set(0);
                long retained = 0;
                for (TableStream s : all()) {
                    touch(s);
                    retained += retained(s);
                }
                journal.compact(all());
                retainedAtCompaction = retained;
                LOG.debug("Streams journal compacted to {} records", retained);
            } catch (RuntimeException e) {
                LOG.warn("Compacting the streams journal failed", e);
            } finally {
                compacting.set(false);
            }
        });
    }

    private static ObjectNode keysOf(TableStream stream, ObjectNode item) {
        ObjectNode keys = Json.object();
        for (JsonNode k : stream.keySchema()) {
            String name = k.path("AttributeName").asText();
            if (item.has(name)) {
                keys.set(name, item.get(name));
            }
        }
        return keys;
    }

    @Override
    public void close() {
        if (compactor != null) {
            compactor.shutdown();
            try {
                compactor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        journal.close();
    }
}
