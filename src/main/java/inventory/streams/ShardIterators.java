package inventory.streams;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The shard iterators of one stream (Camel's {@code ShardIteratorHandler}): gets each shard's iterator where its
 * {@link StreamPosition} says, keeps the next one, renews an expired one after the last finished record, resumes a
 * trimmed shard from its oldest retained record, and re-opens a shard at a record whose delivery failed.
 */
final class ShardIterators {

    // the reader's logger: its lines read as before the split
    private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);

    private final DynamoDbStreamsClient streams;
    private final StreamPosition position;
    private final RetentionLoss loss;
    private final Map<String, Cursor> cursors = new HashMap<>();

    /** Where one shard is being read. */
    private static final class Cursor {
        String iterator;
        /** A record whose delivery failed: read again from it. */
        String retryAt;
        /** After trimming, or an expired LATEST iterator: from the oldest retained record. */
        boolean fromOldest;
    }

    ShardIterators(DynamoDbStreamsClient streams, StreamPosition position, RetentionLoss loss) {
        this.streams = streams;
        this.position = position;
        this.loss = loss;
    }

    /**
     * One GetRecords call on the shard, re-opening it once when its iterator expired or its records were trimmed.
     * Empty when the shard (or its stream) no longer exists: nothing more can be read from it.
     */
    Optional<GetRecordsResponse> getRecords(String shardId, int limit) {
        Cursor cursor = cursors.computeIfAbsent(shardId, id -> new Cursor());
        for (int attempt = 0; ; attempt++) {
            try {
                if (cursor.iterator == null) {
                    cursor.iterator = open(shardId, cursor);
                }
                String iterator = cursor.iterator;
                return Optional.of(streams.getRecords(b -> b.shardIterator(iterator).limit(limit)));
            } catch (ExpiredIteratorException e) {
                cursor.iterator = null;
                if (attempt > 0) {
                    throw e;
                }
                String after = position.completedAt(shardId);
                LOG.warn("Shard iterator of {} expired; resuming {}", shardId,
                        after != null ? "after sequence number " + after
                                : cursor.fromOldest ? "from the oldest retained record" : "from the shard's first record");
            } catch (TrimmedDataAccessException e) {
                cursor.iterator = null;
                if (attempt > 0) {
                    throw e;
                }
                String after = position.completedAt(shardId);
                loss.report(shardId, (after != null ? "records after sequence number " + after : "its first records")
                        + " were trimmed (24-hour retention) before they were read");
                position.trimmed(shardId);
                cursor.retryAt = null;
                cursor.fromOldest = true;
            } catch (ResourceNotFoundException e) {
                cursors.remove(shardId);
                return Optional.empty();
            }
        }
    }

    /** The page was finished whole: read on with the next iterator; false when the shard is read to its end. */
    boolean advance(String shardId, String nextIterator) {
        if (nextIterator == null) {
            cursors.remove(shardId);
            return false;
        }
        cursors.get(shardId).iterator = nextIterator;
        return true;
    }

    /** Delivery stopped at this record: the shard is read again from it. */
    void retryAt(String shardId, String sequenceNumber) {
        Cursor cursor = cursors.get(shardId);
        cursor.iterator = null;
        cursor.retryAt = sequenceNumber;
    }

    /** The shard is no longer listed. */
    void forget(String shardId) {
        cursors.remove(shardId);
    }

    /** True while a shard waits to read again a record whose delivery failed. */
    boolean holding() {
        return cursors.values().stream().anyMatch(c -> c.retryAt != null);
    }

    private String open(String shardId, Cursor cursor) {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder()
                .streamArn(position.streamArn()).shardId(shardId);
        String after = position.completedAt(shardId);
        String start = position.startOf(shardId);
        if (cursor.retryAt != null) {
            request.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(cursor.retryAt);
        } else if (cursor.fromOldest) {
            request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
        } else if (after != null) {
            request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
        } else if (position.takeHorizon(shardId) || start == null) {
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
}
