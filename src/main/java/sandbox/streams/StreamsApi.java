package sandbox.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import sandbox.core.Json;

/**
 * The four DynamoDB Streams operations: request members checked as the API model constrains them,
 * answers shaped as AWS shapes them.
 */
final class StreamsApi {

    static final long ITERATOR_LIFETIME_MILLIS = Duration.ofMinutes(15).toMillis();
    /** GetRecords returns at most this much record data per call. */
    static final long MAX_RECORD_BYTES_PER_CALL = 1024 * 1024;
    static final int MAX_RECORDS_PER_CALL = 1000;
    private static final int MAX_LIST_STREAMS = 100;
    private static final int MAX_DESCRIBE_SHARDS = 100;
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final List<String> ITERATOR_TYPES =
            List.of("TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER");
    /** Newest stream first, as AWS lists them (a consumer taking the first gets the table's current one). */
    private static final Comparator<String[]> LISTING_ORDER =
            Comparator.<String[], String>comparing(k -> k[0]).reversed().thenComparing(k -> k[1]);

    private final StreamStore store;

    StreamsApi(StreamStore store) {
        this.store = store;
    }

    JsonNode listStreams(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String table = f.string("TableName", false, 3, 255);
        f.pattern("TableName", table, TABLE_NAME);
        Integer limit = f.integer("Limit", 1);
        String start = f.string("ExclusiveStartStreamArn", false, 37, 1024);
        f.check();
        if (limit != null && limit > MAX_LIST_STREAMS) {
            throw StreamsErrors.validation("One or more parameter values were invalid: "
                    + "Limit cannot be greater than the maximum allowed size: " + MAX_LIST_STREAMS);
        }
        String[] after = null;
        if (start != null) {
            StreamArn parsed = StreamArn.parse(start).orElseThrow(StreamsErrors::invalidStreamArn);
            after = new String[] {parsed.label(), parsed.text()};
        }
        int max = limit == null ? MAX_LIST_STREAMS : limit;
        List<TableStream> streams = store.all().stream()
                .filter(s -> table == null || s.tableName().equals(table))
                .sorted(Comparator.comparing(StreamsApi::listingKey, LISTING_ORDER))
                .toList();
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Streams");
        String last = null;
        boolean more = false;
        for (TableStream s : streams) {
            if (after != null && LISTING_ORDER.compare(listingKey(s), after) <= 0) {
                continue;
            }
            if (list.size() == max) {
                more = true;
                break;
            }
            list.addObject().put("StreamArn", s.arn()).put("TableName", s.tableName()).put("StreamLabel", s.label());
            last = s.arn();
        }
        if (more) {
            out.put("LastEvaluatedStreamArn", last);
        }
        return out;
    }

    JsonNode describeStream(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String arn = f.string("StreamArn", true, 37, 1024);
        Integer limit = f.integer("Limit", 1);
        String startShard = f.string("ExclusiveStartShardId", false, 28, 65);
        JsonNode filter = f.object("ShardFilter");
        if (filter != null) {
            RequestFields ff = f.nested("ShardFilter", filter);
            ff.oneOf("Type", ff.string("Type", true, 0, Integer.MAX_VALUE), List.of("CHILD_SHARDS"));
            ff.string("ShardId", false, 28, 65);
        }
        f.check();
        if (limit != null && limit > MAX_DESCRIBE_SHARDS) {
            throw StreamsErrors.validation("One or more parameter values were invalid: "
                    + "Limit cannot be greater than the maximum: " + MAX_DESCRIBE_SHARDS);
        }
        String parent = filter == null ? null : filter.path("ShardId").asText(null);
        if (filter != null && parent == null) {
            throw StreamsErrors.validation("One or more parameter values were invalid: "
                    + "ShardFilter of type CHILD_SHARDS needs a ShardId");
        }
        StreamArn.parse(arn).orElseThrow(StreamsErrors::invalidStreamArn);
        TableStream s = store.find(arn).orElseThrow(() -> StreamsErrors.streamNotFound(arn));
        store.touch(s);
        ShardPage page = ShardPage.of(s.shards().shards(), parent, startShard,
                limit == null ? MAX_DESCRIBE_SHARDS : limit);

        ObjectNode out = Json.object();
        ObjectNode d = out.putObject("StreamDescription");
        d.put("StreamArn", s.arn());
        d.put("StreamLabel", s.label());
        d.put("StreamStatus", s.status());
        d.put("StreamViewType", s.viewType());
        d.put("CreationRequestDateTime", BigDecimal.valueOf(s.createdMillis(), 3));
        d.put("TableName", s.tableName());
        d.set("KeySchema", s.keySchema());
        ArrayNode shards = d.putArray("Shards");
        SequenceNumbers numbers = s.shards().numbers();
        for (Shard shard : page.shards()) {
            ObjectNode sh = shards.addObject();
            sh.put("ShardId", shard.shardId());
            ObjectNode range = sh.putObject("SequenceNumberRange");
            range.put("StartingSequenceNumber", numbers.format(shard.startCounter()));
            if (!shard.isOpen()) {
                // an empty closed shard ends below its start: an empty range that no reader can be inside
                range.put("EndingSequenceNumber", numbers.format(shard.endCounter()));
            }
            if (shard.parentShardId() != null) {
                sh.put("ParentShardId", shard.parentShardId());
            }
        }
        if (page.lastEvaluated() != null) {
            d.put("LastEvaluatedShardId", page.lastEvaluated());
        }
        return out;
    }

    JsonNode getShardIterator(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String arn = f.string("StreamArn", true, 37, 1024);
        String shardId = f.string("ShardId", true, 28, 65);
        String type = f.string("ShardIteratorType", true, 0, Integer.MAX_VALUE);
        f.oneOf("ShardIteratorType", type, ITERATOR_TYPES);
        String sequence = f.string("SequenceNumber", false, 21, 40);
        f.check();
        boolean at = "AT_SEQUENCE_NUMBER".equals(type);
        boolean after = "AFTER_SEQUENCE_NUMBER".equals(type);
        if ((at || after) && sequence == null) {
            throw StreamsErrors.invalidSequenceNumber();
        }
        if (!(at || after) && sequence != null) {
            throw StreamsErrors.sequenceNumberNotAllowed();
        }
        StreamArn.parse(arn).orElseThrow(StreamsErrors::invalidStreamArn);
        TableStream s = store.find(arn).orElseThrow(() -> StreamsErrors.streamNotFound(arn));
        store.touch(s);
        // a shard that never was, or that vanished 24 hours after it closed, is not found (as on AWS)
        Shard shard = s.shards().shard(shardId).orElseThrow(() -> StreamsErrors.streamNotFound(arn));
        long newest = shard.newest();
        long position;
        if ("TRIM_HORIZON".equals(type)) {
            position = shard.trimmedThrough() + 1;
        } else if ("LATEST".equals(type)) {
            position = newest + 1;
        } else {
            if (!DIGITS.matcher(sequence).matches()) {
                throw StreamsErrors.invalidSequenceNumber();
            }
            long n = s.shards().numbers().counterOf(sequence);
            if (n < shard.startCounter() || n > Math.max(newest, shard.startCounter())) {
                throw StreamsErrors.sequenceNumberNotInShard();
            }
            position = at ? n : n + 1;
            if (position <= shard.trimmedThrough()) {
                throw StreamsErrors.trimmed();
            }
        }
        String iterator = new ShardIterator(arn, shardId, position, store.clock().millis()).encode();
        return Json.object().put("ShardIterator", iterator);
    }

    JsonNode getRecords(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String text = f.string("ShardIterator", true, 1, 2048);
        Integer limit = f.integer("Limit", 1);
        f.check();
        if (limit != null && limit > MAX_RECORDS_PER_CALL) {
            throw StreamsErrors.validation("One or more parameter values were invalid: "
                    + "Limit should be less than or equal to " + MAX_RECORDS_PER_CALL);
        }
        ShardIterator it = ShardIterator.decode(text).orElseThrow(StreamsErrors::invalidShardIterator);
        long now = store.clock().millis();
        if (now - it.issuedMillis() > ITERATOR_LIFETIME_MILLIS) {
            throw StreamsErrors.expiredIterator();
        }
        TableStream s = store.find(it.streamArn()).orElseThrow(() -> StreamsErrors.streamNotFound(it.streamArn()));
        store.touch(s);
        // the iterator is one this sandbox handed out: its shard has since vanished (closed and trimmed)
        Shard shard = s.shards().shard(it.shardId()).orElseThrow(() -> StreamsErrors.streamNotFound(it.streamArn()));
        if (it.position() <= shard.trimmedThrough()) {
            throw StreamsErrors.trimmed();
        }
        List<StreamRecord> records = shard.read(it.position(), limit == null ? MAX_RECORDS_PER_CALL : limit,
                MAX_RECORD_BYTES_PER_CALL);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Records");
        for (StreamRecord r : records) {
            list.add(r.toJson(s.shards().numbers().format(r.counter()), store.region(), s.viewType()));
        }
        long next = records.isEmpty() ? it.position() : records.get(records.size() - 1).counter() + 1;
        // an open shard always has a next iterator (consumers drop a shard without one); a closed one until its end
        if (shard.isOpen() || next <= shard.endCounter()) {
            out.put("NextShardIterator", new ShardIterator(it.streamArn(), it.shardId(), next, now).encode());
        }
        return out;
    }

    private static String[] listingKey(TableStream s) {
        return new String[] {s.label(), s.arn()};
    }
}
