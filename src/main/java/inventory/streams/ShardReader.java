package inventory.streams;

import inventory.PipelineMetrics;
import inventory.Progress;
import inventory.streams.ShardLineage.ShardInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's DynamoDB stream the way AWS intends, one poll at a time (the loop of Camel's
 * {@code Ddb2StreamConsumer}): every shard, each parent to its end before its children ({@link ShardLineage}, Camel's
 * {@code ShardTree}), through each shard's iterator ({@link ShardIterators}, Camel's {@code ShardIteratorHandler}),
 * new shards found when a parent closes and by periodic re-description, the table's stream followed when it is
 * turned off and on ({@link EnabledStream}), and the position kept per shard ({@link StreamPosition}) in a
 * {@link CheckpointStore} ({@link CheckpointKeeper}). A record counts as done (and as read, in
 * {@code inventory.stream.records.read}) only when its delivery completed; a failed one is read again. The reader
 * reads only while its {@link ReaderTurn} lasts, and tells {@link Progress} what waits and what was finished.
 *
 * <p>Not thread-safe for concurrent polls; one consumer thread polls it.
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

    /** The stream being read: how far, and its shards' iterators. */
    private record OpenStream(StreamPosition position, ShardIterators iterators) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);
    /** GetRecords returns at most 1000 records a call. */
    private static final int MAX_LIMIT = 1000;

    private final DynamoDbStreamsClient streams;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final Options options;
    private final ReaderTurn turn;
    private final Progress progress;
    private final EnabledStream table;
    private final CheckpointKeeper checkpoints;
    private final RetentionLoss loss;

    /** The turn ended from outside (another reader began one): said once. */
    private boolean fencedOutLogged;
    /** No stream opened yet by this reader: only the first one can start at the latest changes. */
    private boolean firstStream = true;
    /** Null until a stream is opened (from the checkpoint, or the table's). */
    private OpenStream stream;
    /**
     * FROM_LATEST: records made before this are history, finished without delivery. Set at a first start (no
     * checkpoint) and kept in the checkpoint, so a restart during the catch-up does not alert the history either.
     */
    private Instant alertFrom;
    private long nextRefresh;
    /** The last poll left records waiting: a page came back full, or a shard was drained (its children are ready). */
    private boolean behind;

    /**
     * @param turn     begun before the first read, ended when the consumer stops: it fences this reader's work
     * @param progress told when records wait and when they are finished, for the stall check
     */
    public ShardReader(DynamoDbStreamsClient streams, DynamoDbClient dynamoDb, CheckpointStore store,
                       PipelineMetrics metrics, Clock clock, Options options, ReaderTurn turn, Progress progress) {
        this.streams = streams;
        this.metrics = metrics;
        this.clock = clock;
        this.options = options;
        this.turn = turn;
        this.progress = progress;
        this.table = new EnabledStream(dynamoDb, streams, options.table());
        this.checkpoints = new CheckpointKeeper(store);
        this.loss = new RetentionLoss(metrics);
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
        checkpoints.restore();
        nextRefresh = 0;
    }

    /** Drops every position held in memory: the next poll opens the stream from the restored checkpoint. */
    private void forget() {
        stream = null;
        checkpoints.forgetSaved();
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
            if (checkpoints.reloadPending()) {
                restore(); // until it succeeds nothing is read: never from the stream's start for want of a checkpoint
            }
            if (clock.millis() >= nextRefresh) {
                refresh();
            }
            behind = false;
            OpenStream open = stream;
            if (open == null) {
                return 0;
            }
            List<ShardInfo> ready = open.position().ready();
            if (ready.isEmpty()) {
                return 0;
            }
            int limit = Math.max(1, Math.min(MAX_LIMIT, options.maxRecords()));
            int delivered = 0;
            for (ShardInfo shard : ready) {
                if (!delivery.accepting() || !turn.active()) {
                    break;
                }
                delivered += read(open, shard.shardId(), limit, delivery);
            }
            if (!behind && !open.iterators().holding()) {
                progress.idle(); // caught up, nothing held
            }
            return delivered;
        } finally {
            saveIfChanged();
        }
    }

    private int read(OpenStream open, String shardId, int limit, Delivery delivery) {
        StreamPosition position = open.position();
        Optional<GetRecordsResponse> fetched = open.iterators().getRecords(shardId, limit);
        if (fetched.isEmpty()) {
            // the shard (or the whole stream) is no longer there: nothing more can be read from it
            loss.shardGone(shardId, position.streamArn());
            position.drain(shardId);
            nextRefresh = 0;
            return 0;
        }
        GetRecordsResponse page = fetched.get();
        List<Record> records = page.records();
        if (!records.isEmpty()) {
            progress.pending("shard " + shardId + " from sequence number " + records.get(0).dynamodb().sequenceNumber());
        }
        int done = records.isEmpty() ? 0 : delivery.deliver(records);
        countRead(records, done);
        if (done > 0) {
            position.complete(shardId, records.get(done - 1).dynamodb().sequenceNumber());
            progress.advanced();
        }
        if (done < records.size()) {
            // failed (or stopping): this shard goes no further; the next poll starts at that record again
            Record held = records.get(done);
            progress.held(shardId, "shard " + shardId + " held at sequence number " + held.dynamodb().sequenceNumber()
                    + " (event " + held.eventID() + ")");
            open.iterators().retryAt(shardId, held.dynamodb().sequenceNumber());
            return done;
        }
        progress.released(shardId);
        behind |= records.size() >= limit; // a full page: there is very likely more right behind it
        if (!open.iterators().advance(shardId, page.nextShardIterator())) {
            behind = true;
            position.drain(shardId);
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

    /** Looks at the table's stream and describes the one being read; follows a replaced stream. */
    private void refresh() {
        nextRefresh = clock.millis() + options.refresh().toMillis();
        String latest = table.latest();
        if (stream == null && !begin(latest)) {
            return;
        }
        StreamPosition position = stream.position();
        try {
            position.described(table.describe(position.streamArn()));
        } catch (ResourceNotFoundException e) {
            if (Objects.equals(position.streamArn(), latest)) {
                throw e; // the table says this is its stream: a listing not yet consistent, try again
            }
            LOG.warn("Stream {} no longer exists (its table was deleted or re-created, or an in-memory sandbox "
                    + "restarted); whatever it held that was not read is lost", position.streamArn());
            position.described(new ShardLineage(List.of()));
            position.forgetKnown(); // that one line stands for all its shards: no error per shard
        }
        forgetShardsNoLongerListed();
        if (!Objects.equals(position.streamArn(), latest) && latest != null && position.finished()) {
            LOG.info("Stream {} read to its end; now reading the table's stream {} from its oldest record",
                    position.streamArn(), latest);
            open(StreamPosition.fresh(latest));
            stream.position().described(table.describe(latest));
        }
        stream.position().knowListed();
    }

    /** Shards trimmed away: forget them; one left before it was read to its end lost records. */
    private void forgetShardsNoLongerListed() {
        StreamPosition position = stream.position();
        for (String id : position.unlisted()) {
            if (!position.drained(id)) {
                loss.shardGone(id, position.streamArn());
            }
            position.forget(id);
            stream.iterators().forget(id);
        }
    }

    /** Opens the first stream: the checkpoint's (drained first if the table has a newer one), or the table's. */
    private boolean begin(String latest) {
        StreamCheckpoint checkpoint = checkpoints.takeRestored().orElse(null);
        if (checkpoint != null && !table.owns(checkpoint.streamArn())) {
            LOG.warn("Stream checkpoint {} is for stream {}, not of table {}: ignored", checkpoints.location(),
                    checkpoint.streamArn(), options.table());
            checkpoint = null;
        }
        if (checkpoint != null) {
            if (!checkpoint.streamArn().equals(latest)) {
                LOG.warn("Stream checkpoint {} is for stream {}, the table's stream is now {}: reading what is "
                        + "left of the old one first, then the new one from its oldest record", checkpoints.location(),
                        checkpoint.streamArn(), latest);
            }
            alertFrom = checkpoint.alertFrom();
            open(StreamPosition.resumed(checkpoint));
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
        open(StreamPosition.fresh(latest));
        return true;
    }

    private void open(StreamPosition position) {
        firstStream = false;
        stream = new OpenStream(position, new ShardIterators(streams, position, loss));
    }

    private void saveIfChanged() {
        if (stream != null && !checkpoints.saveIfChanged(stream.position().checkpoint(alertFrom))) {
            forget();
        }
    }
}
