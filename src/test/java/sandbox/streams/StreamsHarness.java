package sandbox.streams;

import sandbox.MovableClock;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import sandbox.WholeStream;
import sandbox.core.AwsService;
import sandbox.core.Faults;
import sandbox.core.HttpFrontEnd;
import sandbox.core.Json;
import sandbox.core.JsonProtocol;
import sandbox.core.Router;
import sandbox.core.SandboxContext;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import sandbox.item.PackedItem;

/**
 * A {@link StreamsService} served over HTTP through the sandbox's own front end and router (the other
 * APIs answer "unknown operation"), with a clock the test moves and the shard settings the test picks
 * (the sandbox defaults unless told). Changes are driven by calling the service's
 * {@link TableChangeSink} side directly, as the DynamoDB service does.
 */
final class StreamsHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-24T21:44:17.123Z");

    final MovableClock clock;
    final StreamsService service;
    final URI endpoint;
    final DynamoDbStreamsClient client;
    private final HttpFrontEnd http;

    private StreamsHarness(MovableClock clock, Path dataDir, long compactAfter, ShardSettings shards) {
        this.clock = clock;
        try {
            this.http = new HttpFrontEnd("127.0.0.1", 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.endpoint = URI.create("http://127.0.0.1:" + http.port());
        SandboxConfig config = SandboxConfig.ephemeral().withPort(http.port()).withClock(clock).withDataDir(dataDir)
                .withStreams(shards);
        this.service = new StreamsService(new SandboxContext(config, endpoint), compactAfter);
        Router router = new Router(new Unserved("s3"), new Unserved("dynamodb"), service, new Unserved("sns"),
                new Unserved("sqs"), new Faults(clock));
        http.start(router::dispatch);
        this.client = SandboxTestSupport.streams(endpoint);
    }

    static StreamsHarness start() {
        return start(ShardSettings.defaults());
    }

    static StreamsHarness start(ShardSettings shards) {
        return new StreamsHarness(new MovableClock(START), null, StreamStore.COMPACT_AFTER, shards);
    }

    /** One shard that never rolls over: for tests of what happens within one shard. */
    static StreamsHarness singleShard() {
        return start(ShardSettings.singleShard());
    }

    static StreamsHarness start(MovableClock clock, Path dataDir) {
        return start(clock, dataDir, ShardSettings.defaults());
    }

    static StreamsHarness start(MovableClock clock, Path dataDir, ShardSettings shards) {
        return new StreamsHarness(clock, dataDir, StreamStore.COMPACT_AFTER, shards);
    }

    static StreamsHarness start(MovableClock clock, Path dataDir, long compactAfter) {
        return new StreamsHarness(clock, dataDir, compactAfter, ShardSettings.defaults());
    }

    /** Enables a stream for a table keyed by {@code id} (a string), as CreateTable does. */
    TableChangeSink.StreamInfo table(String name, String viewType) {
        return service.enableStream(name, viewType, hashKey("id"), clock.instant());
    }

    static ArrayNode hashKey(String name) {
        ArrayNode schema = Json.array();
        schema.addObject().put("AttributeName", name).put("KeyType", "HASH");
        return schema;
    }

    /** An item of string attributes: {@code item("id", "a", "qty", "3")}; "qty"-like numbers too via {@link #number}. */
    static ObjectNode item(String... namesAndValues) {
        ObjectNode item = Json.object();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.putObject(namesAndValues[i]).put("S", namesAndValues[i + 1]);
        }
        return item;
    }

    static ObjectNode number(ObjectNode item, String name, String value) {
        item.putObject(name).put("N", value);
        return item;
    }

    static ObjectNode keys(String id) {
        return item("id", id);
    }

    /** An image as the DynamoDB side hands it over: packed (null stays null). */
    static PackedItem packed(ObjectNode item) {
        return item == null ? null : PackedItem.of(item);
    }

    void insert(String table, ObjectNode item) {
        service.onChange(table, keys(item.path("id").path("S").asText()), null, packed(item));
    }

    void modify(String table, ObjectNode before, ObjectNode after) {
        service.onChange(table, keys(after.path("id").path("S").asText()), packed(before), packed(after));
    }

    void remove(String table, ObjectNode before) {
        service.onChange(table, keys(before.path("id").path("S").asText()), packed(before), null);
    }

    /** The stream's only shard (for {@link #singleShard()} harnesses; fails if there are more). */
    String shardId(String streamArn) {
        List<Shard> shards = shards(streamArn);
        if (shards.size() != 1) {
            throw new AssertionError("expected one shard, the stream has " + shards.size());
        }
        return shards.get(0).shardId();
    }

    List<Shard> shards(String streamArn) {
        return WholeStream.shards(client, streamArn);
    }

    ShardLineage lineage(String streamArn) {
        return new ShardLineage(shards(streamArn));
    }

    Map<String, List<Record>> byShard(String streamArn) {
        return WholeStream.byShard(client, streamArn);
    }

    /** The shard that holds the record with this sequence number. */
    String shardOf(String streamArn, String sequenceNumber) {
        return byShard(streamArn).entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(r -> r.dynamodb().sequenceNumber().equals(sequenceNumber)))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no shard holds " + sequenceNumber));
    }

    String iterator(String streamArn, String shardId, ShardIteratorType type, String sequenceNumber) {
        return client.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId).shardIteratorType(type)
                .sequenceNumber(sequenceNumber)).shardIterator();
    }

    String iterator(String streamArn, String shardId, ShardIteratorType type) {
        return client.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId).shardIteratorType(type))
                .shardIterator();
    }

    String iterator(String streamArn, ShardIteratorType type) {
        return client.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId(streamArn)).shardIteratorType(type))
                .shardIterator();
    }

    String iterator(String streamArn, ShardIteratorType type, String sequenceNumber) {
        return client.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId(streamArn))
                .shardIteratorType(type).sequenceNumber(sequenceNumber)).shardIterator();
    }

    /** Every record from the iterator on, following NextShardIterator until a call returns none (or no more). */
    List<Record> drain(String iterator) {
        List<Record> all = new ArrayList<>();
        String it = iterator;
        while (it != null) {
            String current = it;
            GetRecordsResponse page = client.getRecords(r -> r.shardIterator(current));
            all.addAll(page.records());
            it = page.records().isEmpty() ? null : page.nextShardIterator();
        }
        return all;
    }

    /** Every record of every shard, in sequence-number order (the sandbox numbers records stream-wide: write order). */
    List<Record> readAll(String streamArn) {
        return WholeStream.records(client, streamArn).stream()
                .sorted(Comparator.comparing(r -> new BigInteger(r.dynamodb().sequenceNumber()))).toList();
    }

    @Override
    public void close() {
        client.close();
        http.stop();
        service.close();
    }

    /** Stands in for the APIs this harness does not serve. */
    private record Unserved(String name) implements AwsService {
        @Override
        public String operation(SandboxRequest request) {
            return JsonProtocol.operation(request);
        }

        @Override
        public SandboxResponse handle(SandboxRequest request, String operation) {
            return error(400, "UnknownOperationException", "not served in this test");
        }

        @Override
        public SandboxResponse error(int status, String code, String message) {
            return JsonProtocol.error(status, code, message);
        }
    }
}
