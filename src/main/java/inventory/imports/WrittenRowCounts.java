package inventory.imports;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.UseOriginalAggregationStrategy;

/**
 * The row split's aggregation: what came of the rows that a row's {@code write-rows} step handed back (its body, a
 * {@code List<WrittenRow>}) goes into the file's counts and report as Camel gathers the row's exchange, on the
 * route's thread and in file order; then, like Camel's default for a split, the file's own exchange goes on (and
 * carries a row's failure). Counting here instead of in a step of its own spares each row one pass through Camel's
 * per-step machinery (unit of work, MDC, statistics), the largest cost per row after the write itself.
 * A failure to count (the rejected-rows file cannot be written) stops the split like a failing step does: Camel
 * sets it on the file's exchange.
 */
public final class WrittenRowCounts extends UseOriginalAggregationStrategy {

    public WrittenRowCounts() {
        this(null);
    }

    private WrittenRowCounts(Exchange original) {
        super(original, true);
    }

    @Override
    public UseOriginalAggregationStrategy newInstance(Exchange original) {
        return new WrittenRowCounts(original);
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        if (newExchange != null && newExchange.getException() == null
                && newExchange.getMessage().getBody() instanceof List<?> written && !written.isEmpty()) {
            count(newExchange, written);
        }
        return super.aggregate(oldExchange, newExchange);
    }

    @SuppressWarnings("unchecked")
    private static void count(Exchange row, List<?> written) {
        ImportWork work = ImportWork.find(row);
        try {
            work.session().count((List<WrittenRow>) written);
        } catch (RuntimeException e) {
            throw e;
        } catch (Error e) {
            throw new JvmErrorException(e); // Camel catches only Exceptions from an aggregation
        }
    }
}
