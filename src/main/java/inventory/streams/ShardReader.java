package inventory.streams;

import inventory.PipelineMetrics;
import inventory.Progress;
import inventory.streams.ShardLineage.ShardInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's DynamoDB stream the way AWS intends: every shard, each parent to its end before its
 * children, new shards found when a parent closes and by periodic re-description, the table's stream
 * followed when it is turned off and on, and the position kept per shard in a {@link CheckpointStore}.
 * A record counts as done (and as read, in {@code inventory.stream.records.read}) only when its delivery
 * completed; a failed one is read again.
 *
 * <p>Exists because Camel 4.17's {@code aws2-ddbstream} consumer loses records when shards close or split
 * (CAMEL-24154, fixed in Camel 4.22, which our Maven registry does not serve); it can go once it does.
 * Not thread-safe for concurrent polls; one consumer thread polls it.
 */
public final class ShardReader {

    /** Hands records to the route, in order. */
    public interface Delivery {
        /** Delivers the records in order and answers how many of the first ones completed. */
        int deliver(List<Record> records);

        /** False while the consumer is stopping: take no more records. */
        boolean accepting();
    }

    /**
     * @param table           the table whose stream is read
     * @param maxRecords      records per GetRecords call (the option maxResultsPerRequest; at most 1000): each ready
     *                        shard is asked for that many, not a share of it as Camel's consumer does, so a
     *                        backlog is read in the biggest pages the API gives
     * @param latestAtFirst   FROM_LATEST: a first start (no checkpoint) alerts only for changes made from then on
     * @param refresh         how often the table and the stream are described again
     */
    public record Options(String table, int maxRecords, boolean latestAtFirst, Duration refresh) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);
    /** GetRecords returns at most 1000 records a call. */
    private static final int MAX_LIMIT = 1000;

    private final DynamoDbStreamsClient streams;
    private final DynamoDbClient dynamoDb;
    private final CheckpointStore store;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final Options options;
    private final ReaderTurn turn;
    private final Progress progress;
    /** The turn ended from outside (another reader began one): said once. */
    private boolean fencedOutLogged;

    /** Loaded at start, applied when the first stream is opened. */
    private Optional<StreamCheckpoint> restored = Optional.empty();
    /** A save was refused (another replica saved a newer checkpoint): load it before reading on. */
    private boolean reloadPending;
    private StreamCheckpoint saved;
    private boolean firstStream = true;
    private String streamArn;
    private ShardLineage lineage = new ShardLineage(List.of());
    private final Map<String, String> completed = new HashMap<>();
    private final Set<String> drained = new HashSet<>();
    private final Map<String, Cursor> cursors = new HashMap<>();
    /** Shards known to this reader: one that disappears before it was drained took records with it. */
    private final Set<String> known = new HashSet<>();
    /** A stream read for the first time (no checkpoint): its shards as first listed begin at the trim horizon. */
    private boolean firstLook;
    private final Set<String> horizonShards = new HashSet<>();
    /**
     * FROM_LATEST: records made before this are history, finished without delivery. Set at a first start (no
     * checkpoint) and kept in the checkpoint, so a restart during the catch-up does not alert the history either.
     */
    private Instant alertFrom;
    /** The table's stream as last logged ("" before the first look), so each change is logged once. */
    private String announced = "";
    private long nextRefresh;
    /** The last poll left records waiting: a page came back full, or a shard was drained (its children are ready). */
    private boolean behind;

    /** Where one shard is being read. */
    private static final class Cursor {
        String iterator;
        /** A record whose delivery failed: read again from it. */
        String retryAt;
        /** After trimming, or an expired LATEST iterator: from the oldest retained record. */
        boolean fromOldest;
    }

    /**
     * @param turn     begun before the first read, ended when the consumer stops: it fences this reader's work
     * @param progress told when records wait and when they are finished, for the stall check
     */
    public ShardReader(DynamoDbStreamsClient streams, DynamoDbClient dynamoDb, CheckpointStore store,
                       PipelineMetrics metrics, Clock clock, Options options, ReaderTurn turn, Progress progress) {
        this.streams = streams;
        this.dynamoDb = dynamoDb;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.options = options;
        this.turn = turn;
        this.progress = progress;
    }

    /**
     * Loads the checkpoint, every time the consumer starts: with several replicas another one may have read on
     * since this one last did (leadership moved away and back), so nothing this reader remembers is kept.
     * Fails with where the checkpoint is and how to reset it when it cannot be read.
     */
    public synchronized void start() {
        forget();
        turn.begin(); // first: from now on no earlier reader can claim an alert
        restore();
        fencedOutLogged = false;
        metrics.streamReader(true);
    }

    private void restore() {
        restored = store.load();
        reloadPending = false;
        restored.ifPresent(c -> LOG.info("Stream checkpoint {}: {} shards of {} ({} drained)", store.location(),
                c.completed().size() + c.drained().size() + c.pending().size(), c.streamArn(), c.drained().size()));
        nextRefresh = 0;
    }

    /** Drops every position held in memory: the next poll opens the stream from the restored checkpoint. */
    private void forget() {
        streamArn = null;
        saved = null;
        lineage = new ShardLineage(List.of());
        completed.clear();
        drained.clear();
        cursors.clear();
        known.clear();
        horizonShards.clear();
        firstLook = false;
        alertFrom = null;
        behind = false;
    }

    /**
     * True when the last poll left records waiting (a full page, or a drained shard whose children are ready):
     * worth polling again at once. False after a poll that read what there was, or that stopped at a failure.
     */
    public synchronized boolean behind() {
        return behind;
    }

    /** Ends the turn at once, before the consumer waits for its poll: retries in progress give up rather than go on. */
    public void stopping() {
        turn.end();
    }

    /**
     * True for a record made before this reader's first start with {@code inventory.alert.start=latest}: it is
     * finished in its place without being delivered, like a record the pre-filter lets pass.
     */
    public boolean history(Record record) {
        Instant from = alertFrom;
        Instant created = record.dynamodb() == null ? null : record.dynamodb().approximateCreationDateTime();
        return from != null && created != null && created.isBefore(from);
    }

    /** Saves the position reached (shutdown). */
    public synchronized void stop() {
        try {
            saveIfChanged();
        } finally {
            progress.idle();
            metrics.streamReader(false);
        }
    }

    /** One poll: describes again when due, then one GetRecords per ready shard; saves the checkpoint. */
    public synchronized int poll(Delivery delivery) {
        if (!turn.active()) {
            if (!fencedOutLogged) {
                fencedOutLogged = true;
                LOG.warn("This instance's turn at reading the stream of {} ended (another reader began one): it reads "
                        + "nothing more until it is elected again", options.table());
                metrics.streamReader(false);
                progress.idle();
            }
            return 0;
        }
        try {
            if (reloadPending) {
                restore(); // until it succeeds nothing is read: never from the stream's start for want of a checkpoint
            }
            if (clock.millis() >= nextRefresh) {
                refresh();
            }
            behind = false;
            if (streamArn == null) {
                return 0;
            }
            List<ShardInfo> ready = lineage.ready(drained);
            if (ready.isEmpty()) {
                return 0;
            }
            int limit = Math.max(1, Math.min(MAX_LIMIT, options.maxRecords()));
            int delivered = 0;
            for (ShardInfo shard : ready) {
                if (!delivery.accepting() || !turn.active()) {
                    break;
                }
                delivered += read(shard.shardId(), limit, delivery);
            }
            if (!behind && cursors.values().stream().allMatch(c -> c.retryAt == null)) {
                progress.idle(); // caught up, nothing held
            }
            return delivered;
        } finally {
            saveIfChanged();
        }
    }

    private int read(String shardId, int limit, Delivery delivery) {
        Cursor cursor = cursors.computeIfAbsent(shardId, id -> new Cursor());
        GetRecordsResponse page = fetch(shardId, cursor, limit);
        if (page == null) {
            return 0;
        }
        List<Record> records = page.records();
        if (!records.isEmpty()) {
            progress.pending("shard " + shardId + " from sequence number " + records.get(0).dynamodb().sequenceNumber());
        }
        int done = records.isEmpty() ? 0 : delivery.deliver(records);
        countRead(records, done);
        if (done > 0) {
            completed.put(shardId, records.get(done - 1).dynamodb().sequenceNumber());
            progress.advanced();
        }
        if (done < records.size()) {
            Record held = records.get(done);
            progress.held(shardId, "shard " + shardId + " held at sequence number " + held.dynamodb().sequenceNumber()
                    + " (event " + held.eventID() + ")");
        } else {
            progress.released(shardId);
        }
        if (done < records.size()) {
            // failed (or stopping): this shard goes no further; the next poll starts at that record again
            cursor.iterator = null;
            cursor.retryAt = records.get(done).dynamodb().sequenceNumber();
            return done;
        }
        behind |= records.size() >= limit; // a full page: there is very likely more right behind it
        cursor.iterator = page.nextShardIterator();
        if (cursor.iterator == null) {
            behind = true;
            drained.add(shardId);
            cursors.remove(shardId);
            nextRefresh = 0; // its children, if any, may be read now
            LOG.debug("Shard {} read to its end", shardId);
        }
        return done;
    }

    /** Every finished record counts as read, exchange or not (the pre-filter's too); the age gauge takes the last. */
    private void countRead(List<Record> records, int done) {
        for (int i = 0; i < done; i++) {
            StreamRecord last = i == done - 1 ? records.get(i).dynamodb() : null;
            metrics.streamRecordRead(last == null ? null : last.approximateCreationDateTime());
        }
    }

    /** GetRecords, re-opening the shard once when its iterator expired or its records were trimmed. */
    private GetRecordsResponse fetch(String shardId, Cursor cursor, int limit) {
        for (int attempt = 0; ; attempt++) {
            try {
                if (cursor.iterator == null) {
                    cursor.iterator = open(shardId, cursor);
                }
                String iterator = cursor.iterator;
                return streams.getRecords(b -> b.shardIterator(iterator).limit(limit));
            } catch (ExpiredIteratorException e) {
                cursor.iterator = null;
                if (attempt > 0) {
                    throw e;
                }
                String after = completed.get(shardId);
                LOG.warn("Shard iterator of {} expired; resuming {}", shardId,
                        after != null ? "after sequence number " + after
                                : cursor.fromOldest ? "from the oldest retained record" : "from the shard's first record");
            } catch (TrimmedDataAccessException e) {
                cursor.iterator = null;
                if (attempt > 0) {
                    throw e;
                }
                trimmed(shardId, (completed.containsKey(shardId) ? "records after sequence number "
                        + completed.get(shardId) : "its first records") + " were trimmed (24-hour retention) before they were read");
                completed.remove(shardId);
                cursor.retryAt = null;
                cursor.fromOldest = true;
            } catch (ResourceNotFoundException e) {
                // the shard (or the whole stream) is no longer there: nothing more can be read from it
                trimmed(shardId, "the shard is gone from stream " + streamArn + " before it was read to its end");
                drained.add(shardId);
                cursors.remove(shardId);
                nextRefresh = 0;
                return null;
            }
        }
    }

    private String open(String shardId, Cursor cursor) {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder().streamArn(streamArn).shardId(shardId);
        String after = completed.get(shardId);
        ShardInfo info = lineage.get(shardId);
        String start = info == null ? null : info.startingSequenceNumber();
        if (cursor.retryAt != null) {
            request.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(cursor.retryAt);
        } else if (cursor.fromOldest) {
            request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
        } else if (after != null) {
            request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
        } else if (horizonShards.remove(shardId) || start == null) {
            request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
        } else {
            // a shard owed from its first record (a child, or known before a restart): trimming is noticed
            request.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(start);
        }
        String iterator = streams.getShardIterator(request.build()).shardIterator();
        cursor.retryAt = null;
        cursor.fromOldest = false;
        return iterator;
    }

    private void trimmed(String shardId, String what) {
        metrics.streamTrimmed();
        LOG.error("Stream records lost to retention in shard {}: {}. Alerts for those changes cannot be sent; "
                + "reading on from the oldest retained record", shardId, what);
    }

    /** Looks at the table's stream and describes the one being read; follows a replaced stream. */
    private void refresh() {
        nextRefresh = clock.millis() + options.refresh().toMillis();
        String latest = tableStream();
        announce(latest);
        if (streamArn == null && !begin(latest)) {
            return;
        }
        try {
            lineage = describe(streamArn);
        } catch (ResourceNotFoundException e) {
            if (Objects.equals(streamArn, latest)) {
                throw e; // the table says this is its stream: a listing not yet consistent, try again
            }
            LOG.warn("Stream {} no longer exists (its table was deleted or re-created, or an in-memory sandbox "
                    + "restarted); whatever it held that was not read is lost", streamArn);
            lineage = new ShardLineage(List.of());
            known.clear(); // that one line stands for all its shards: no error per shard
        }
        forgetShardsNoLongerListed();
        if (!Objects.equals(streamArn, latest) && latest != null && lineage.finished(drained)) {
            LOG.info("Stream {} read to its end; now reading the table's stream {} from its oldest record",
                    streamArn, latest);
            switchTo(latest, null);
            lineage = describe(streamArn);
        }
        if (firstLook) {
            firstLook = false;
            lineage.shards().forEach(s -> horizonShards.add(s.shardId()));
        }
        lineage.shards().forEach(s -> known.add(s.shardId()));
    }

    /** Opens the first stream: the checkpoint's (drained first if the table has a newer one), or the table's. */
    private boolean begin(String latest) {
        StreamCheckpoint checkpoint = restored.orElse(null);
        restored = Optional.empty();
        if (checkpoint != null && !tableOf(checkpoint.streamArn()).equals(options.table())) {
            LOG.warn("Stream checkpoint {} is for stream {}, not of table {}: ignored", store.location(),
                    checkpoint.streamArn(), options.table());
            checkpoint = null;
        }
        if (checkpoint != null) {
            if (!checkpoint.streamArn().equals(latest)) {
                LOG.warn("Stream checkpoint {} is for stream {}, the table's stream is now {}: reading what is "
                        + "left of the old one first, then the new one from its oldest record", store.location(),
                        checkpoint.streamArn(), latest);
            }
            switchTo(checkpoint.streamArn(), checkpoint);
            return true;
        }
        if (latest == null) {
            return false;
        }
        if (firstStream && options.latestAtFirst()) {
            // the stream's clock stamps records to the second: a margin of one, rather than miss a change made as it
            // started (a history record of that second may alert; none made after the start is skipped)
            alertFrom = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
            LOG.info("First start without a checkpoint (inventory.alert.start=latest): changes made before {} are not "
                    + "alerted", alertFrom);
        }
        switchTo(latest, null);
        return true;
    }

    private void switchTo(String arn, StreamCheckpoint checkpoint) {
        firstStream = false;
        streamArn = arn;
        completed.clear();
        drained.clear();
        cursors.clear();
        horizonShards.clear();
        known.clear();
        firstLook = checkpoint == null;
        if (checkpoint != null) {
            alertFrom = checkpoint.alertFrom();
            completed.putAll(checkpoint.completed());
            drained.addAll(checkpoint.drained());
            known.addAll(checkpoint.completed().keySet());
            known.addAll(checkpoint.drained());
            known.addAll(checkpoint.pending());
        }
    }

    /** Shards trimmed away: forget them; one left before it was read to its end lost records. */
    private void forgetShardsNoLongerListed() {
        for (String id : List.copyOf(known)) {
            if (!lineage.contains(id)) {
                if (!drained.contains(id)) {
                    trimmed(id, "the shard is gone from stream " + streamArn + " before it was read to its end");
                }
                completed.remove(id);
                drained.remove(id);
                cursors.remove(id);
                known.remove(id);
            }
        }
    }

    private void announce(String latest) {
        if (Objects.equals(latest, announced)) {
            return;
        }
        if (latest == null) {
            LOG.warn("Table {} has no enabled stream: no alerts until one is enabled (readiness is DOWN)",
                    options.table());
        } else if (announced != null && !announced.isEmpty()) {
            LOG.warn("Table {} has a new stream {} (was {}): it is read from its oldest record once the old "
                    + "one is read to its end", options.table(), latest, announced);
        } else if (announced == null) {
            LOG.info("Table {} has an enabled stream again: {} (read from its oldest record once the previous "
                    + "one is read to its end)", options.table(), latest);
        }
        announced = latest;
    }

    /** The table's enabled stream (DescribeTable's LatestStreamArn), or null when it has none. */
    private String tableStream() {
        TableDescription table;
        try {
            table = dynamoDb.describeTable(b -> b.tableName(options.table())).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
        StreamSpecification spec = table.streamSpecification();
        return spec != null && Boolean.TRUE.equals(spec.streamEnabled()) ? table.latestStreamArn() : null;
    }

    private ShardLineage describe(String arn) {
        return ShardLineage.describe(after -> streams.describeStream(b -> b.streamArn(arn).exclusiveStartShardId(after))
                .streamDescription());
    }

    /** {@code arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>} -> name. */
    static String tableOf(String streamArn) {
        int start = streamArn.indexOf(":table/");
        int end = streamArn.indexOf("/stream/");
        return start < 0 || end < start ? "" : streamArn.substring(start + ":table/".length(), end);
    }

    private void saveIfChanged() {
        if (streamArn == null) {
            return;
        }
        Set<String> pending = new HashSet<>(known);
        pending.removeAll(completed.keySet());
        pending.removeAll(drained);
        StreamCheckpoint now = new StreamCheckpoint(streamArn, completed, drained, pending, alertFrom);
        if (!now.equals(saved)) {
            try {
                store.save(now);
                saved = now;
            } catch (CheckpointConflictException e) {
                // a stale leader: its successor's checkpoint stands; records read again are skipped by the alert log
                LOG.warn("{}: another replica read the stream meanwhile. Not overwritten; this reader drops its own "
                        + "positions and resumes from that checkpoint", e.getMessage());
                forget();
                reloadPending = true;
            }
        }
    }
}
