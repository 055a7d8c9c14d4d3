package sandbox.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import sandbox.core.AwsService;
import sandbox.core.Json;
import sandbox.core.JsonProtocol;
import sandbox.core.Router;
import sandbox.core.SandboxContext;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;
import sandbox.item.PackedItem;

/**
 * DynamoDB Streams (awsJson 1.0, {@code X-Amz-Target: DynamoDBStreams_20120810.<Op>}): ListStreams,
 * DescribeStream, GetShardIterator and GetRecords over the records that the DynamoDB side reports
 * through {@link TableChangeSink}. Several shards per stream that roll over and split as
 * {@code sandbox.streams.*} says, records kept 24 hours, iterators valid 15 minutes, state in
 * {@code <data-dir>/streams/} when persistence is on. {@code GET /_sandbox/streams/streams} lists the
 * streams with their shard and record counts.
 */
public final class StreamsService implements AwsService, TableChangeSink, Router.AdminEndpoints {

    /** Streams requests are small (an iterator is at most 2 KB). */
    private static final int BODY_LIMIT = 64 * 1024;

    private final StreamStore store;
    private final StreamsApi api;

    public StreamsService(SandboxContext ctx) {
        this(ctx, StreamStore.COMPACT_AFTER);
    }

    /** With the number of journaled records that makes a background compaction due (tests make it small). */
    StreamsService(SandboxContext ctx, long compactAfter) {
        this.store = new StreamStore(ctx.clock(), ctx.region(), ctx.account(), ctx.config().streams(),
                ctx.dataDir("streams").map(StreamJournal::open).orElseGet(StreamJournal::inMemory), compactAfter);
        this.api = new StreamsApi(store);
    }

    @Override
    public String name() {
        return "streams";
    }

    @Override
    public String operation(SandboxRequest request) {
        return JsonProtocol.operation(request);
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, String operation) {
        switch (operation) {
            case "ListStreams":
                return JsonProtocol.ok(api.listStreams(body(request)));
            case "DescribeStream":
                return JsonProtocol.ok(api.describeStream(body(request)));
            case "GetShardIterator":
                return JsonProtocol.ok(api.getShardIterator(body(request)));
            case "GetRecords":
                return JsonProtocol.ok(api.getRecords(body(request)));
            default:
                throw StreamsErrors.unknownOperation(operation);
        }
    }

    private static JsonNode body(SandboxRequest request) {
        byte[] bytes = request.bodyBytes(BODY_LIMIT);
        if (bytes.length == 0) {
            return Json.object();
        }
        JsonNode body;
        try {
            body = Json.parse(bytes);
        } catch (IllegalArgumentException e) {
            throw StreamsErrors.serialization("The request body is not valid JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw StreamsErrors.serialization("The request body must be a JSON object");
        }
        return body;
    }

    @Override
    public SandboxResponse error(int status, String code, String message) {
        return JsonProtocol.error(status, code, message);
    }

    @Override
    public StreamInfo enableStream(String tableName, String viewType, ArrayNode keySchema, Instant tableCreatedAt) {
        TableStream s = store.enable(tableName, viewType, keySchema, tableCreatedAt);
        return new StreamInfo(s.arn(), s.label(), s.viewType());
    }

    @Override
    public void disableStream(String tableName) {
        store.disable(tableName);
    }

    @Override
    public void onChange(String tableName, ObjectNode keys, PackedItem oldImage, PackedItem newImage) {
        store.change(tableName, keys, oldImage, newImage);
    }

    @Override
    public Optional<SandboxResponse> admin(String subPath, SandboxRequest request) {
        if (!"streams".equals(subPath) || !"GET".equals(request.method())) {
            return Optional.empty();
        }
        ArrayNode list = Json.array();
        for (TableStream s : store.all()) {
            store.touch(s);
            StreamShards shards = s.shards();
            ObjectNode n = list.addObject().put("streamArn", s.arn()).put("tableName", s.tableName())
                    .put("status", s.status()).put("viewType", s.viewType()).put("shards", shards.shards().size())
                    .put("openShards", shards.openCount()).put("records", StreamStore.retained(s));
            long last = shards.counter();
            if (last > 0) {
                n.put("lastSequenceNumber", shards.numbers().format(last));
            }
        }
        return Optional.of(SandboxResponse.json(200, "application/json", Json.bytes(list)));
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "StreamsService";
    }
}
