package upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import sandbox.WholeStream;
import sandbox.streams.ShardSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Documents CAMEL-24154 (fixed in Camel 4.22): the stock {@code aws2-ddbstream} consumer of Camel 4.17
 * describes the stream once, never pages DescribeStream, never looks for the children of a shard it
 * drained while others are still open, and when all are drained starts again from the roots. On a stream
 * whose shards roll over it loses records and re-delivers old ones out of order.
 *
 * <p>This test asserts the defect on purpose, so that a Camel upgrade can be judged by it: when it starts
 * failing, the upstream consumer has been fixed (and the pipeline may go back to it).
 */
class Camel24154DefectTest {

    private static final int ITEMS = 30;
    private static final int VERSIONS = 40;
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void stockConsumerLosesOrMisordersRecordsWhenShardsRollOver() throws Exception {
        // four shards, rollover every 20 records, every third rollover splits
        SandboxConfig config = SandboxConfig.ephemeral().withStreams(new ShardSettings(4, 0, 20, 3, 64));
        List<Record> received = new CopyOnWriteArrayList<>();
        try (Sandbox aws = Sandbox.start(config);
             DynamoDbClient ddb = SandboxTestSupport.dynamodb(aws.endpoint());
             DynamoDbStreamsClient streams = SandboxTestSupport.streams(aws.endpoint());
             DefaultCamelContext camel = new DefaultCamelContext()) {
            String arn = SandboxTestSupport.streamedTable(ddb, "camel-24154", "NEW_IMAGE");

            camel.getRegistry().bind("streams", streams);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aws2-ddbstream:camel-24154?amazonDynamoDbStreamsClient=#streams"
                            + "&streamIteratorType=FROM_START&delay=20")
                            .process(e -> received.add(e.getIn().getBody(Record.class)));
                }
            });
            camel.start();

            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int v = 1; v <= VERSIONS; v++) {
                    for (int i = 0; i < ITEMS; i++) {
                        String version = Integer.toString(v);
                        String id = "item-" + i;
                        ddb.putItem(r -> r.tableName("camel-24154").item(Map.of("id", AttributeValue.fromS(id),
                                "v", AttributeValue.fromN(version))));
                    }
                }
            });
            writer.get(60, TimeUnit.SECONDS);
            List<Record> stream = WholeStream.records(streams, arn);
            assertThat(stream).as("the full stream, read with the SDK").hasSize(ITEMS * VERSIONS);

            awaitAllOrQuiet(received, ids(stream));
            camel.stop();

            Set<String> got = ids(received);
            long lost = stream.stream().filter(r -> !got.contains(r.eventID())).count();
            long misordered = misordered(received);
            System.out.printf("CAMEL-24154: stream %d records in %d shards; consumer got %d, lost %d, misordered %d%n",
                    stream.size(), WholeStream.shards(streams, arn).size(), received.size(), lost, misordered);
            assertThat(lost + misordered).as("the 4.17 consumer loses or misorders records (lost %d, misordered %d)",
                    lost, misordered).isGreaterThanOrEqualTo(1);
        }
    }

    /**
     * Waits until every record arrived, or nothing new arrived for a while, or twice the stream was delivered
     * (no correct consumer re-delivers that much), or the deadline passed.
     */
    private static void awaitAllOrQuiet(List<Record> received, Set<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        int lastSize = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline && !ids(received).containsAll(expected)
                && received.size() < 2 * expected.size()) {
            if (received.size() != lastSize) {
                lastSize = received.size();
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > QUIET.toNanos()) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static Set<String> ids(List<Record> records) {
        Set<String> out = new HashSet<>();
        records.forEach(r -> out.add(r.eventID()));
        return out;
    }

    /** Deliveries of an item's change that do not come after the item's previous delivery (older or repeated). */
    private static long misordered(List<Record> received) {
        Map<String, Integer> lastVersion = new HashMap<>();
        long out = 0;
        for (Record r : new ArrayList<>(received)) {
            String id = r.dynamodb().keys().get("id").s();
            int v = Integer.parseInt(r.dynamodb().newImage().get("v").n());
            if (v <= lastVersion.getOrDefault(id, 0)) {
                out++;
            }
            lastVersion.merge(id, v, Math::max);
        }
        return out;
    }
}
