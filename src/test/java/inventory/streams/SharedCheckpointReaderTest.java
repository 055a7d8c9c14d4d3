package inventory.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import inventory.PipelineMetrics;
import inventory.resources.StateTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Two replicas take turns reading one stream through the shared checkpoint: a consumer that starts again
 * continues from where the other replica left the checkpoint, and a stale reader's save never overwrites it.
 */
class SharedCheckpointReaderTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    private static final String STATE = "reader-state";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static DynamoDbClient ddb;
    private static DynamoDbStreamsClient streams;

    @BeforeAll
    static void clients() {
        ddb = SandboxTestSupport.dynamodb(sandbox.endpoint());
        streams = SandboxTestSupport.streams(sandbox.endpoint());
        new StateTable(ddb, STATE, WAIT).create();
    }

    private static void createInventoryTable(String name) {
        ddb.createTable(t -> t.tableName(name).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("store").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("store").attributeType("S"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    private static void put(String table, String store) {
        ddb.putItem(p -> p.tableName(table).item(Map.of("store", AttributeValue.fromS(store))));
    }

    private static ShardReader reader(String table) {
        return new ShardReader(streams, ddb, new TableCheckpointStore(ddb, STATE, table, Clock.systemUTC()),
                new PipelineMetrics(new SimpleMeterRegistry(), Clock.systemUTC()), Clock.systemUTC(),
                new ShardReader.Options(table, 1000, false, Duration.ofMillis(100)), ReaderTurn.ALWAYS,
                new inventory.Progress("reader", Duration.ofMinutes(5)));
    }

    /** A replica: a CamelContext whose route collects the store of every record it reads. */
    private static CamelContext replica(String table, List<String> seen) throws Exception {
        CamelContext context = new DefaultCamelContext();
        // one reader for every start of the consumer: what it remembers must not outlive a stop
        ShardReader reader = reader(table);
        context.addComponent(LineageStreamComponent.SCHEME, new LineageStreamComponent(endpoint -> reader));
        context.getRegistry().bind("streams", streams);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(LineageStreamComponent.SCHEME + ":" + table + "?amazonDynamoDbStreamsClient=#streams&delay=50&initialDelay=0")
                        .routeId("reader")
                        .process(e -> seen.add(e.getMessage().getBody(Record.class).dynamodb().keys().get("store").s()));
            }
        });
        context.start();
        return context;
    }

    @Test
    void aConsumerStartedAgainContinuesFromTheCheckpointTheOtherReplicaAdvanced() throws Exception {
        String table = "turns";
        createInventoryTable(table);
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        try (CamelContext one = replica(table, first)) {
            put(table, "a");
            await().atMost(WAIT).until(() -> first.contains("a"));
            one.getRouteController().stopRoute("reader"); // leadership moves away: the consumer stops

            try (CamelContext two = replica(table, second)) {
                put(table, "b");
                await().atMost(WAIT).until(() -> second.contains("b"));
            } // and comes back: the consumer starts again

            one.getRouteController().startRoute("reader");
            put(table, "c");
            await().atMost(WAIT).until(() -> first.contains("c"));
        }
        assertThat(second).containsExactly("b");
        assertThat(first).as("b was read by the other replica, not again from this one's memory").containsExactly("a", "c");
    }

    @Test
    void aStaleReaderDoesNotOverwriteItsSuccessorsCheckpointAndResumesFromIt() {
        String table = "stale";
        createInventoryTable(table);
        List<String> staleSeen = new CopyOnWriteArrayList<>();
        List<String> successorSeen = new CopyOnWriteArrayList<>();
        ShardReader stale = reader(table);
        stale.start();
        put(table, "a");
        pollUntil(stale, staleSeen, "a");

        // leadership moved, but the old reader has not noticed yet
        ShardReader successor = reader(table);
        successor.start();
        put(table, "b");
        pollUntil(successor, successorSeen, "b");
        StreamCheckpoint successorCheckpoint = new TableCheckpointStore(ddb, STATE, table, Clock.systemUTC()).load().orElseThrow();
        long successorVersion = version(table);

        pollUntil(stale, staleSeen, "b"); // it reads b too, and its save is refused
        assertThat(new TableCheckpointStore(ddb, STATE, table, Clock.systemUTC()).load()).contains(successorCheckpoint);

        put(table, "c");
        pollUntil(stale, staleSeen, "c");
        assertThat(staleSeen).as("after the refused save it resumed from the successor's checkpoint")
                .containsExactly("a", "b", "c");
        assertThat(version(table)).as("the stale reader's save after the reload builds on the successor's")
                .isGreaterThan(successorVersion);
    }

    private static long version(String table) {
        return Long.parseLong(ddb.getItem(g -> g.tableName(STATE).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS("checkpoint#" + table)))).item().get("version").n());
    }

    private static void pollUntil(ShardReader reader, List<String> seen, String store) {
        ShardReader.Delivery delivery = new ShardReader.Delivery() {
            @Override
            public int deliver(List<Record> records) {
                records.forEach(r -> seen.add(r.dynamodb().keys().get("store").s()));
                return records.size();
            }

            @Override
            public boolean accepting() {
                return true;
            }
        };
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            reader.poll(delivery);
            return seen.contains(store);
        });
    }
}
