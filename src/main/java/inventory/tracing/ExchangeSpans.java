package inventory.tracing;

import io.opentelemetry.api.trace.Span;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * One span for each exchange that runs through a route, begun when the exchange enters it and ended when it leaves.
 * Camel does not tell a route policy about exchanges that finish while the context is stopping (the file a graceful
 * shutdown lets finish), so the spans still open are ended by {@link #endOpen} when the routes have stopped.
 */
abstract class ExchangeSpans extends RoutePolicySupport {

    private final Map<Exchange, Span> open = new ConcurrentHashMap<>();

    /** The span for this exchange, begun; null for none. */
    abstract Span begin(Exchange exchange);

    /**
     * What the exchange came to, on its span; the caller ends it.
     *
     * @return false to drop the span unsent: nothing happened worth a trace
     */
    abstract boolean describe(Exchange exchange, Span span);

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        Span span = begin(exchange);
        if (span != null) {
            open.put(exchange, span);
        }
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        end(exchange);
    }

    /** Ends every span still open, as its exchange stands now. */
    void endOpen() {
        open.keySet().forEach(this::end);
    }

    private void end(Exchange exchange) {
        Span span = open.remove(exchange);
        if (span != null && describe(exchange, span)) {
            span.end();
        }
    }
}
