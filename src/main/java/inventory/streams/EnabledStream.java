package inventory.streams;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The table's stream as DynamoDB describes it: which stream the table has enabled now (turning a stream off and on
 * makes a new one), each change logged once, and a stream's shards, all DescribeStream pages of them.
 */
final class EnabledStream {

    // the reader's logger: its lines read as before the split
    private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final String table;
    /** The table's stream as last logged ("" before the first look), so each change is logged once. */
    private String announced = "";

    EnabledStream(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, String table) {
        this.dynamoDb = dynamoDb;
        this.streams = streams;
        this.table = table;
    }

    /** The table's enabled stream (DescribeTable's LatestStreamArn), or null when it has none; a change is logged. */
    String latest() {
        String latest = enabledStream();
        announce(latest);
        return latest;
    }

    /** Every shard of the stream. */
    ShardLineage describe(String streamArn) {
        return ShardLineage.describe(after -> streams.describeStream(b -> b.streamArn(streamArn)
                .exclusiveStartShardId(after)).streamDescription());
    }

    /** True when the stream is one of this table's ({@code arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>}). */
    boolean owns(String streamArn) {
        return tableOf(streamArn).equals(table);
    }

    private static String tableOf(String streamArn) {
        int start = streamArn.indexOf(":table/");
        int end = streamArn.indexOf("/stream/");
        return start < 0 || end < start ? "" : streamArn.substring(start + ":table/".length(), end);
    }

    private String enabledStream() {
        TableDescription description;
        try {
            description = dynamoDb.describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
        StreamSpecification spec = description.streamSpecification();
        return spec != null && Boolean.TRUE.equals(spec.streamEnabled()) ? description.latestStreamArn() : null;
    }

    private void announce(String latest) {
        if (Objects.equals(latest, announced)) {
            return;
        }
        if (latest == null) {
            LOG.warn("Table {} has no enabled stream: no alerts until one is enabled (readiness is DOWN)", table);
        } else if (announced != null && !announced.isEmpty()) {
            LOG.warn("Table {} has a new stream {} (was {}): it is read from its oldest record once the old "
                    + "one is read to its end", table, latest, announced);
        } else if (announced == null) {
            LOG.info("Table {} has an enabled stream again: {} (read from its oldest record once the previous "
                    + "one is read to its end)", table, latest);
        }
        announced = latest;
    }
}
