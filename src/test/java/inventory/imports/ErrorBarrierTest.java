package inventory.imports;

import static inventory.imports.ErrorBarrier.guard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.ObjectHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Camel 4.17 does with an Error thrown inside a route, and what the import routes do about it: unguarded, the
 * Error escapes to the consumer, the route's onException never runs and the exchange stays in flight for ever (a
 * graceful stop then waits the whole shutdown timeout for it); guarded, it is a {@link JvmErrorException} the route
 * handles, and nothing stays in flight. The same holds for an Error from a streaming split's iterator, which
 * {@link ParseGuard} turns into a last element.
 */
class ErrorBarrierTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private CamelContext context;

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(1); // the unguarded exchange never completes
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(JvmErrorException.class).handled(true).process(e -> handled.add(ObjectHelper.getException(
                        JvmErrorException.class, e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)).getMessage()));
                from("direct:unguarded").process(e -> {
                    throw new OutOfMemoryError("Java heap space");
                });
                from("direct:guarded").process(guard(e -> {
                    throw new OutOfMemoryError("Java heap space");
                }));
                from("direct:split").split(body()).streaming().stopOnException()
                        .process(guard(e -> {
                            CsvRow row = e.getMessage().getBody(CsvRow.class);
                            if (row.cause() instanceof Error error) {
                                throw new JvmErrorException(error);
                            }
                        }))
                        .end();
            }
        });
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void anUnguardedErrorEscapesCamelAndLeavesTheExchangeInFlight() {
        assertThatThrownBy(() -> context.createProducerTemplate().sendBody("direct:unguarded", "x"))
                .isInstanceOf(OutOfMemoryError.class);
        assertThat(handled).as("onException never ran").isEmpty();
        assertThat(context.getInflightRepository().size()).as("in flight for ever").isEqualTo(1);
    }

    @Test
    void aGuardedErrorIsHandledByTheRouteAndNothingStaysInFlight() {
        context.createProducerTemplate().sendBody("direct:guarded", "x");
        assertThat(handled).containsExactly("the import stopped with java.lang.OutOfMemoryError: Java heap space");
        assertThat(context.getInflightRepository().size()).isZero();
    }

    @Test
    void anErrorFromTheSplitIteratorArrivesAsALastElementAndIsHandled() {
        Iterator<CsvRow> parser = new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                if (given == 2) {
                    throw new StackOverflowError();
                }
                return true;
            }

            @Override
            public CsvRow next() {
                return new CsvRow(++given + 1, List.of("s", "i", "1"));
            }
        };
        context.createProducerTemplate().sendBody("direct:split", new ParseGuard(parser));
        assertThat(handled).containsExactly("the import stopped with java.lang.StackOverflowError");
        assertThat(context.getInflightRepository().size()).isZero();
    }
}
