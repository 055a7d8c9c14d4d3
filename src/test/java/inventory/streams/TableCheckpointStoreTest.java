package inventory.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.resources.StateTable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** The checkpoint in the shared state table, against the sandbox over HTTP with the real SDK. */
class TableCheckpointStoreTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    private static final String STATE = "pipeline-state";
    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/inv/stream/2026-11-24T08:00:00.000";
    private static DynamoDbClient ddb;

    @BeforeAll
    static void createStateTable() {
        ddb = SandboxTestSupport.dynamodb(sandbox.endpoint());
        new StateTable(ddb, STATE, Duration.ofSeconds(10)).create();
    }

    private static TableCheckpointStore store(String inventoryTable) {
        return new TableCheckpointStore(ddb, STATE, inventoryTable, Clock.systemUTC());
    }

    private static StreamCheckpoint checkpoint(String lastSequence) {
        return new StreamCheckpoint(ARN, Map.of("s1", lastSequence, "s2", "100000000000000000007"), Set.of("s2", "s0"),
                Set.of("s3"));
    }

    private static Map<String, AttributeValue> item(String inventoryTable) {
        return ddb.getItem(g -> g.tableName(STATE).key(Map.of("id", AttributeValue.fromS("checkpoint#" + inventoryTable)))
                .consistentRead(true)).item();
    }

    @Test
    void noItemMeansNoCheckpoint() {
        assertThat(store("never-saved").load()).isEmpty();
    }

    @Test
    void savedPositionsComeBackInAnotherStoreWithTheVersionCounted() {
        TableCheckpointStore first = store("round-trip");
        first.load();
        first.save(checkpoint("100000000000000000001"));
        first.save(checkpoint("100000000000000000002"));

        assertThat(store("round-trip").load()).contains(checkpoint("100000000000000000002"));
        Map<String, AttributeValue> item = item("round-trip");
        assertThat(item.get("version").n()).isEqualTo("2");
        assertThat(item.get("streamArn").s()).isEqualTo(ARN);
        assertThat(item.get("shardCount").n()).isEqualTo("4");
        assertThat(item.get("checkpoint").b()).isNotNull();
        assertThat(store("round-trip").location()).contains(STATE).contains("checkpoint#round-trip");
    }

    @Test
    void aStaleReaderCannotOverwriteTheCheckpointItsSuccessorSaved() {
        TableCheckpointStore stale = store("fenced");
        stale.load();
        stale.save(checkpoint("100000000000000000001")); // version 1
        TableCheckpointStore successor = store("fenced");
        successor.load();
        successor.save(checkpoint("100000000000000000009")); // version 2

        assertThatThrownBy(() -> stale.save(checkpoint("100000000000000000005")))
                .isInstanceOfSatisfying(CheckpointConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.foundVersion()).isEqualTo(2);
                })
                .hasMessageContaining("expected version 1, found 2");
        assertThat(store("fenced").load()).contains(checkpoint("100000000000000000009"));

        stale.load(); // what the reader does on a conflict: reload, then its saves are accepted again
        stale.save(checkpoint("100000000000000000010"));
        assertThat(item("fenced").get("version").n()).isEqualTo("3");
    }

    @Test
    void twoFirstSavesCannotBothWin() {
        TableCheckpointStore a = store("first-two");
        TableCheckpointStore b = store("first-two");
        a.load();
        b.load();
        a.save(checkpoint("100000000000000000001"));
        assertThatThrownBy(() -> b.save(checkpoint("100000000000000000002")))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("expected version none, found 1");
        assertThat(store("first-two").load()).contains(checkpoint("100000000000000000001"));
    }

    @Test
    void loadIsAConsistentRead() {
        List<GetItemRequest> reads = new ArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof GetItemRequest get) {
                    reads.add(get);
                }
            }
        };
        try (DynamoDbClient recorded = DynamoDbClient.builder().endpointOverride(sandbox.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(SandboxTestSupport.credentials())
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build()) {
            TableCheckpointStore writer = store("consistent");
            writer.load();
            writer.save(checkpoint("100000000000000000003"));
            assertThat(new TableCheckpointStore(recorded, STATE, "consistent", Clock.systemUTC()).load())
                    .contains(checkpoint("100000000000000000003"));
        }
        assertThat(reads).singleElement().satisfies(r -> assertThat(r.consistentRead()).isTrue());
    }

    /** Shard ids and sequence numbers shaped like AWS's: 2,000 shards is a day of a table with ~300 partitions. */
    private static StreamCheckpoint manyShards(int count, long seed) {
        Random random = new Random(seed);
        Map<String, String> completed = new HashMap<>();
        Set<String> drained = new HashSet<>();
        Set<String> pending = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String shard = String.format("shardId-%020d-%08x", 1_795_507_200_000L + random.nextInt(86_400_000),
                    random.nextInt());
            switch (i % 4) {
                case 0 -> pending.add(shard);
                case 1 -> {
                    completed.put(shard, String.format("%021d", Math.abs(random.nextLong()) % 1_000_000_000_000_000_000L));
                    drained.add(shard);
                }
                default -> completed.put(shard, String.format("%021d", Math.abs(random.nextLong()) % 1_000_000_000_000_000_000L));
            }
        }
        return new StreamCheckpoint(ARN, completed, drained, pending);
    }

    @Test
    void twoThousandShardsFitOneItemGzipped() {
        StreamCheckpoint big = manyShards(2000, 1);
        int json = CheckpointDocument.write(big, false).length;
        int gzipped = TableCheckpointStore.gzip(CheckpointDocument.write(big, false)).length;
        System.out.printf("checkpoint of 2000 shards: %d bytes JSON, %d bytes gzipped (item limit 409600)%n", json, gzipped);
        TableCheckpointStore store = store("many-shards");
        store.load();
        store.save(big);
        assertThat(store("many-shards").load()).contains(big);
        assertThat(gzipped).isLessThan(TableCheckpointStore.MAX_DOCUMENT_BYTES);
    }

    @Test
    void aCheckpointTooBigForOneItemFailsLoudlyAndSavesNothing() {
        TableCheckpointStore store = store("too-many-shards");
        store.load();
        StreamCheckpoint huge = manyShards(40_000, 2);
        assertThatThrownBy(() -> store.save(huge)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("40000 shards").hasMessageContaining("400 KB").hasMessageContaining("inventory.state.table");
        assertThat(store("too-many-shards").load()).isEmpty();
    }

    @Test
    void anUnreadableItemIsAnErrorThatNamesItAndHowToReset() {
        ddb.putItem(p -> p.tableName(STATE).item(Map.of("id", AttributeValue.fromS("checkpoint#torn"),
                "version", AttributeValue.fromN("4"), "checkpoint", AttributeValue.fromB(SdkBytes.fromUtf8String("not gzip")))));
        assertThatThrownBy(() -> store("torn").load()).isInstanceOf(UnreadableCheckpointException.class)
                .hasMessageContaining("checkpoint#torn").hasMessageContaining(STATE).hasMessageContaining("delete-item");
        ddb.putItem(p -> p.tableName(STATE).item(Map.of("id", AttributeValue.fromS("checkpoint#no-version"),
                "checkpoint", AttributeValue.fromB(SdkBytes.fromByteArray(TableCheckpointStore.gzip(
                        CheckpointDocument.write(checkpoint("100000000000000000001"), false)))))));
        assertThatThrownBy(() -> store("no-version").load()).isInstanceOf(UnreadableCheckpointException.class);
    }

    @Test
    void aCheckpointItemThatInflatesBeyondAnyStreamIsRefusedWithoutFillingTheHeap() throws Exception {
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) { // 200 MiB of zeros, about 200 KB gzipped: it fits one item
                gz.write(zeros);
            }
        }
        assertThat(bomb.size()).isLessThan(TableCheckpointStore.MAX_DOCUMENT_BYTES);
        ddb.putItem(p -> p.tableName(STATE).item(Map.of("id", AttributeValue.fromS("checkpoint#bomb"),
                "version", AttributeValue.fromN("1"), "checkpoint", AttributeValue.fromB(SdkBytes.fromByteArray(bomb.toByteArray())))));
        assertThatThrownBy(() -> store("bomb").load()).isInstanceOf(UnreadableCheckpointException.class)
                .hasMessageContaining("inflates to more than").hasMessageContaining("checkpoint#bomb");
    }
}
