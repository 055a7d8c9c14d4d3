package sandbox.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import sandbox.item.PackedItem;

/**
 * How the DynamoDB side tells the Streams side about tables and item changes. Items and keys are
 * in DynamoDB's JSON wire form ({@code {"store":{"S":"s1"}}}), numbers already normalised.
 *
 * Images travel packed ({@link PackedItem}), so a record shares the table's copy of an item instead of its own.
 *
 * <p>The DynamoDB side decides what is a change: it calls {@link #onChange} only when a write
 * really changed an item (never for identical puts/updates, failed conditions or deletes of missing
 * items), and calls it while it still holds the item's write lock, so records of one item are
 * sequenced in commit order.
 */
public interface TableChangeSink {

    /** A stream's identity, as DescribeTable shows it. */
    record StreamInfo(String streamArn, String streamLabel, String viewType) {
    }

    /**
     * Turns on the stream of a table (CreateTable with StreamSpecification, or at start-up for a
     * persisted table). Idempotent: a stream that is already enabled for the table (e.g. restored
     * from disk) is returned as it is.
     *
     * @param keySchema the table's KeySchema, as in CreateTable ({@code [{AttributeName, KeyType}]})
     */
    StreamInfo enableStream(String tableName, String viewType, ArrayNode keySchema, Instant tableCreatedAt);

    /** The table was deleted (or its stream turned off): the stream becomes DISABLED, its records stay readable until trimmed. */
    void disableStream(String tableName);

    /**
     * One real change of one item.
     *
     * @param keys     the item's key attributes
     * @param oldImage the whole item before, or null for an insert (immutable: the stream keeps it as it is)
     * @param newImage the whole item after, or null for a remove (immutable: the stream keeps it as it is)
     */
    void onChange(String tableName, ObjectNode keys, PackedItem oldImage, PackedItem newImage);
}
