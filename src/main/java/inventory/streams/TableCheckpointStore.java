package inventory.streams;

import inventory.table.StateAttributes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The checkpoint as one item of the shared state table, so whichever replica reads the stream next resumes
 * where the last one stopped. Item {@code id = "checkpoint#<inventory table>"}: {@code version} (N, 1 on the
 * first save, +1 on each), {@code streamArn}, {@code shardCount}, {@code savedAt} (for people), and
 * {@code checkpoint} (B): the {@link CheckpointDocument} JSON, gzipped.
 *
 * <p>Saves are conditional on the version this store last loaded or saved ({@code attribute_not_exists(id)}
 * before any), so a reader that lost leadership but still saves cannot overwrite its successor's checkpoint: it
 * gets a {@link CheckpointConflictException} instead. Loads are consistent reads. One instance per reader: a load
 * sets the version its saves expect, so anyone else who only looks uses an instance of their own.
 */
public final class TableCheckpointStore implements CheckpointStore {

    /** DynamoDB's item limit is 400 KB, names and values; the rest of the item is well under the margin left. */
    static final int MAX_DOCUMENT_BYTES = 390 * 1024;
    /** 64 MiB of JSON: about 700,000 shards, some 35 times what fits gzipped in one item. */
    static final int MAX_INFLATED_BYTES = 64 * 1024 * 1024;
    private static final String VERSION = "version";

    private final DynamoDbClient dynamoDb;
    private final String stateTable;
    private final String id;
    private final Clock clock;
    /** The version this store last loaded or saved; 0 before any. */
    private long version;

    public TableCheckpointStore(DynamoDbClient dynamoDb, String stateTable, String inventoryTable, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.stateTable = stateTable;
        this.id = "checkpoint#" + inventoryTable;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<StreamCheckpoint> load() {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(stateTable).key(key()).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            version = 0;
            return Optional.empty();
        }
        AttributeValue v = item.get(VERSION);
        AttributeValue document = item.get("checkpoint");
        if (v == null || v.n() == null || document == null || document.b() == null) {
            throw unreadable("no version (N) and checkpoint (B) attributes", null);
        }
        try {
            StreamCheckpoint checkpoint = CheckpointDocument.read(gunzip(document.b().asByteArray()));
            version = Long.parseLong(v.n());
            return Optional.of(checkpoint);
        } catch (CheckpointDocument.Malformed e) {
            throw unreadable(e.getMessage(), e.getCause());
        } catch (IOException | NumberFormatException e) {
            throw unreadable(e.toString(), e);
        }
    }

    @Override
    public synchronized void save(StreamCheckpoint checkpoint) {
        byte[] document = gzip(CheckpointDocument.write(checkpoint, false));
        Set<String> ids = new HashSet<>(checkpoint.completed().keySet());
        ids.addAll(checkpoint.drained());
        ids.addAll(checkpoint.pending());
        int shards = ids.size();
        if (document.length > MAX_DOCUMENT_BYTES) {
            throw new IllegalStateException("The stream checkpoint of " + shards + " shards is " + document.length / 1024
                    + " KB gzipped, over what fits in one DynamoDB item (400 KB): not saved to " + location()
                    + ". Set inventory.state.table empty to keep it in a file (one instance only).");
        }
        Map<String, AttributeValue> item = new HashMap<>(key());
        item.put(VERSION, AttributeValue.fromN(Long.toString(version + 1)));
        item.put("streamArn", AttributeValue.fromS(checkpoint.streamArn()));
        item.put("shardCount", AttributeValue.fromN(Integer.toString(shards)));
        item.put("savedAt", AttributeValue.fromS(clock.instant().toString()));
        item.put("checkpoint", AttributeValue.fromB(SdkBytes.fromByteArray(document)));
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(stateTable).item(item)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (version == 0) {
            put.conditionExpression("attribute_not_exists(id)");
        } else {
            put.conditionExpression("#v = :expected").expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(version))));
        }
        try {
            dynamoDb.putItem(put.build());
        } catch (ConditionalCheckFailedException e) {
            AttributeValue found = e.hasItem() ? e.item().get(VERSION) : null;
            throw new CheckpointConflictException(location(), version,
                    found == null || found.n() == null ? 0 : Long.parseLong(found.n()));
        }
        version++;
    }

    @Override
    public String location() {
        return "DynamoDB table " + stateTable + " item id=" + id;
    }

    private Map<String, AttributeValue> key() {
        return Map.of(StateAttributes.KEY, AttributeValue.fromS(id));
    }

    private UnreadableCheckpointException unreadable(String why, Throwable cause) {
        return new UnreadableCheckpointException("Cannot read the stream checkpoint " + location() + " (" + why
                + "). Delete that item (aws dynamodb delete-item --table-name " + stateTable + " --key '{\"id\":{\"S\":\""
                + id + "\"}}') to re-read the retained stream (24 hours) from its oldest record; the published-alert"
                + " log in the same table prevents repeats.", cause);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The document, inflated to at most {@link #MAX_INFLATED_BYTES}: an item anyone can write must not be able to
     * inflate into the heap (a gzip of zeros grows a thousandfold).
     */
    static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            byte[] document = in.readNBytes(MAX_INFLATED_BYTES + 1);
            if (document.length > MAX_INFLATED_BYTES) {
                throw new IOException("the checkpoint inflates to more than " + MAX_INFLATED_BYTES + " bytes, far beyond "
                        + "what any stream needs (2,000 shards are 188 KB): it was not written by this pipeline");
            }
            return document;
        }
    }
}
