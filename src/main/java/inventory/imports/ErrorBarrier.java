package inventory.imports;

import org.apache.camel.Processor;

/**
 * Wraps a step of the import routes so that an {@link Error} thrown inside it reaches the route's error handling as
 * a {@link JvmErrorException} instead of escaping Camel with the exchange left in flight.
 */
public final class ErrorBarrier {

    private ErrorBarrier() {
    }

    public static Processor guard(Processor step) {
        return exchange -> {
            try {
                step.process(exchange);
            } catch (Exception e) {
                throw e;
            } catch (Throwable error) {
                throw new JvmErrorException(error);
            }
        };
    }
}
