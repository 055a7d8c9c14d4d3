package sandbox.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardFilterType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class ListAndDescribeTest {

    private static StreamsHarness h;

    @BeforeAll
    static void start() {
        h = StreamsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void listStreamsFiltersByTableAndIsEmptyForUnknownTables() {
        var info = h.table("ListOne", "KEYS_ONLY");
        h.table("ListOther", "KEYS_ONLY");

        ListStreamsResponse one = h.client.listStreams(r -> r.tableName("ListOne"));
        assertThat(one.streams()).hasSize(1);
        assertThat(one.streams().get(0).streamArn()).isEqualTo(info.streamArn());
        assertThat(one.streams().get(0).tableName()).isEqualTo("ListOne");
        assertThat(one.streams().get(0).streamLabel()).isEqualTo(info.streamLabel());
        assertThat(one.lastEvaluatedStreamArn()).isNull();
        assertThat(h.client.listStreams(r -> r.tableName("NoSuchTable")).streams()).isEmpty();
        assertThat(h.client.listStreams(r -> r.tableName("NoSuchTable")).hasStreams()).isTrue();
    }

    @Test
    void listStreamsPagesWithLimitAndExclusiveStartStreamArn() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            h.clock.advance(java.time.Duration.ofSeconds(1));
            created.add(h.service.enableStream("Paged" + i, "KEYS_ONLY", StreamsHarness.hashKey("id"),
                    h.clock.instant()).streamArn());
        }
        List<String> all = h.client.listStreams().streams().stream().map(s -> s.streamArn())
                .filter(a -> a.contains("table/Paged")).toList();
        assertThat(all).as("newest first").containsExactly(created.get(4), created.get(3), created.get(2),
                created.get(1), created.get(0));

        List<String> paged = new ArrayList<>();
        String start = null;
        int calls = 0;
        do {
            String from = start;
            ListStreamsResponse page = h.client.listStreams(r -> r.limit(2).exclusiveStartStreamArn(from));
            assertThat(page.streams().size()).isLessThanOrEqualTo(2);
            page.streams().forEach(s -> paged.add(s.streamArn()));
            start = page.lastEvaluatedStreamArn();
            calls++;
        } while (start != null);
        assertThat(paged).containsExactlyElementsOf(h.client.listStreams().streams().stream()
                .map(s -> s.streamArn()).toList());
        assertThat(calls).isGreaterThanOrEqualTo(3);
    }

    @Test
    void adminEndpointCountsTheRecordsOfEachStream() throws Exception {
        var info = h.table("Counted", "KEYS_ONLY");
        h.insert("Counted", StreamsHarness.item("id", "a"));
        h.insert("Counted", StreamsHarness.item("id", "b"));
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                h.endpoint.resolve("/_sandbox/streams/streams")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        var counted = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        sandbox.core.Json.parse(response.body()).forEach(n -> {
            if (n.path("streamArn").asText().equals(info.streamArn())) {
                counted.add(n);
            }
        });
        assertThat(counted).hasSize(1);
        assertThat(counted.get(0).path("records").asInt()).isEqualTo(2);
        assertThat(counted.get(0).path("status").asText()).isEqualTo("ENABLED");
        assertThat(counted.get(0).path("lastSequenceNumber").asText())
                .isEqualTo(h.readAll(info.streamArn()).get(1).dynamodb().sequenceNumber());
    }

    @Test
    void describeStreamHasEveryMember() {
        var info = h.table("Described", "NEW_AND_OLD_IMAGES");
        h.insert("Described", StreamsHarness.item("id", "a"));
        StreamDescription d = h.client.describeStream(r -> r.streamArn(info.streamArn())).streamDescription();

        assertThat(d.streamArn()).isEqualTo(info.streamArn());
        assertThat(d.streamLabel()).isEqualTo(info.streamLabel());
        assertThat(d.streamStatus()).isEqualTo(StreamStatus.ENABLED);
        assertThat(d.streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(d.tableName()).isEqualTo("Described");
        assertThat(d.creationRequestDateTime()).isEqualTo(StreamsHarness.START);
        assertThat(d.keySchema()).hasSize(1);
        assertThat(d.keySchema().get(0).attributeName()).isEqualTo("id");
        assertThat(d.keySchema().get(0).keyType()).isEqualTo(KeyType.HASH);
        assertThat(d.lastEvaluatedShardId()).isNull();
        assertThat(d.shards()).as("the default: four root shards").hasSize(4);
        assertThat(d.shards()).extracting(Shard::shardId).doesNotHaveDuplicates();
        for (Shard shard : d.shards()) {
            assertThat(shard.shardId()).matches("shardId-\\d{20}-[0-9a-f]{8}");
            assertThat(shard.parentShardId()).isNull();
            assertThat(shard.sequenceNumberRange().startingSequenceNumber()).matches("\\d{21,40}");
            assertThat(shard.sequenceNumberRange().endingSequenceNumber()).as("open").isNull();
        }
    }

    @Test
    void describeStreamPagesShardsAfterExclusiveStartShardId() {
        var info = h.table("DescribedPaged", "KEYS_ONLY");
        List<String> all = h.shards(info.streamArn()).stream().map(Shard::shardId).toList();
        StreamDescription one = h.client.describeStream(r -> r.streamArn(info.streamArn()).limit(1))
                .streamDescription();
        assertThat(one.shards()).extracting(Shard::shardId).containsExactly(all.get(0));
        assertThat(one.lastEvaluatedShardId()).isEqualTo(all.get(0));

        StreamDescription rest = h.client.describeStream(r -> r.streamArn(info.streamArn())
                .exclusiveStartShardId(all.get(0))).streamDescription();
        assertThat(rest.shards()).extracting(Shard::shardId).containsExactlyElementsOf(all.subList(1, 4));
        assertThat(rest.lastEvaluatedShardId()).isNull();
        StreamDescription after = h.client.describeStream(r -> r.streamArn(info.streamArn())
                .exclusiveStartShardId(all.get(3))).streamDescription();
        assertThat(after.shards()).isEmpty();
        assertThat(after.streamArn()).isEqualTo(info.streamArn());

        StreamDescription children = h.client.describeStream(r -> r.streamArn(info.streamArn())
                .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS).shardId(all.get(0)))).streamDescription();
        assertThat(children.shards()).as("an open root shard has no children yet").isEmpty();
    }
}
