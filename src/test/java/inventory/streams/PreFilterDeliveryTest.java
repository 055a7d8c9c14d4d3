package inventory.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The consumer's pre-filter: records the filter does not want become no exchange and count as finished in
 * their place; a failing exchange stops the batch there, so nothing after it (wanted or not) is finished.
 */
class PreFilterDeliveryTest {

    private final List<String> routed = new ArrayList<>();
    private CamelContext context;
    private LineageStreamConsumer consumer;

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        // the test calls deliver itself: the scheduled poll never runs (its reader has no AWS to talk to)
        context.addComponent(LineageStreamComponent.SCHEME, new LineageStreamComponent(
                endpoint -> new ShardReader(null, null, new NoCheckpoint(),
                        new inventory.PipelineMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), java.time.Clock.systemUTC()),
                        null, new ShardReader.Options("t", 1000, false, java.time.Duration.ofHours(1)), ReaderTurn.ALWAYS, new inventory.Progress("reader", java.time.Duration.ofMinutes(5))),
                record -> record.eventID().startsWith("alert")));
        context.getRegistry().bind("streams", DynamoDbStreamsClient.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()).build());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(LineageStreamComponent.SCHEME + ":t?amazonDynamoDbStreamsClient=#streams&initialDelay=3600000&delay=3600000")
                        .routeId("r")
                        .process(exchange -> {
                            String id = exchange.getMessage().getBody(Record.class).eventID();
                            routed.add(id + "/" + exchange.getProperty("CamelBatchIndex") + "/" + exchange.getProperty("CamelBatchSize"));
                            if (id.endsWith("fails")) {
                                throw new IllegalStateException("refused");
                            }
                        });
            }
        });
        context.start();
        consumer = (LineageStreamConsumer) context.getRoute("r").getConsumer();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private static Record record(String eventId) {
        return Record.builder().eventID(eventId).eventName("INSERT").dynamodb(d -> d.keys(Map.of("store",
                AttributeValue.fromS("s"))).sequenceNumber(eventId)).build();
    }

    @Test
    void recordsTheFilterDoesNotWantAreFinishedWithoutAnExchange() {
        int finished = consumer.deliver(List.of(record("import-1"), record("alert-2"), record("import-3"),
                record("import-4"), record("alert-5"), record("import-6")));

        assertThat(finished).isEqualTo(6);
        assertThat(routed).containsExactly("alert-2/0/2", "alert-5/1/2");
    }

    @Test
    void aFailingExchangeStopsTheBatchBeforeTheRecordsAfterIt() {
        int finished = consumer.deliver(List.of(record("import-1"), record("alert-2"), record("import-3"),
                record("alert-4-fails"), record("import-5"), record("alert-6")));

        assertThat(finished).as("import-1, alert-2 and import-3 are finished; alert-4 is read again from").isEqualTo(3);
        assertThat(routed).containsExactly("alert-2/0/3", "alert-4-fails/1/3");
    }

    @Test
    void aPageWithNothingToRouteIsFinishedWhole() {
        assertThat(consumer.deliver(List.of(record("import-1"), record("import-2")))).isEqualTo(2);
        assertThat(routed).isEmpty();
    }

    /** No checkpoint: all the reader does here is start. */
    private static final class NoCheckpoint implements CheckpointStore {
        @Override
        public Optional<StreamCheckpoint> load() {
            return Optional.empty();
        }

        @Override
        public void save(StreamCheckpoint checkpoint) {
        }

        @Override
        public String location() {
            return "(none)";
        }
    }
}
