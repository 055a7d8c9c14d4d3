package inventory.streams;

import inventory.PipelineMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stream records trimmed (24-hour retention) before they were read: counted and logged, never passed over quietly. */
final class RetentionLoss {

    // the reader's logger: its lines read as before the split
    private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);

    private final PipelineMetrics metrics;

    RetentionLoss(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    /** Records of {@code shardId} are lost: {@code what} says which. */
    void report(String shardId, String what) {
        metrics.streamTrimmed();
        LOG.error("Stream records lost to retention in shard {}: {}. Alerts for those changes cannot be sent; "
                + "reading on from the oldest retained record", shardId, what);
    }

    /** The shard itself is no longer listed (or no longer exists) though it was not read to its end. */
    void shardGone(String shardId, String streamArn) {
        report(shardId, "the shard is gone from stream " + streamArn + " before it was read to its end");
    }
}
