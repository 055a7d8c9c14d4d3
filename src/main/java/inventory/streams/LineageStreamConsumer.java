package inventory.streams;

import java.util.List;
import java.util.Queue;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamConstants;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Polls a {@link ShardReader} and routes each record as Camel's stream consumer does (body: the SDK's
 * {@link Record}; headers {@link Ddb2StreamConstants#EVENT_SOURCE} and {@link Ddb2StreamConstants#EVENT_ID}),
 * one at a time and in order, so the reader knows which records the route finished: an exchange left with an
 * exception stops its shard there.
 *
 * <p>Pre-filter: a record the endpoint's {@link RecordFilter} does not want (for the alert route: one that
 * cannot alert) becomes no exchange; it is finished in its place in the order, so the checkpoint advances
 * past it only once every record before it in its shard is finished too. The batch properties count the
 * exchanges.
 */
final class LineageStreamConsumer extends ScheduledBatchPollingConsumer implements ShardReader.Delivery {

    private ShardReader reader;
    private RecordFilter filter = RecordFilter.ALL;

    LineageStreamConsumer(LineageStreamEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    protected void doStart() throws Exception {
        LineageStreamEndpoint endpoint = (LineageStreamEndpoint) getEndpoint();
        filter = endpoint.filter();
        reader = endpoint.newReader();
        reader.start();
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        if (reader != null) {
            reader.stopping(); // a record being retried gives up instead of holding this stop
        }
        super.doStop();
        if (reader != null) {
            reader.stop();
        }
    }

    @Override
    protected int poll() {
        return reader.poll(this);
    }

    /**
     * Greedy (the option) only while the reader is behind. Polling again at once after every poll that found
     * records made the route chase the import in pages of a few dozen records, each a GetRecords call per shard
     * and a checkpoint save (and on AWS against its 5 GetRecords calls/s per shard); once caught up, the next
     * poll waits the poll delay as after an empty one, and reads what came meanwhile in one page per shard.
     */
    @Override
    public boolean isGreedy() {
        return super.isGreedy() && reader != null && reader.behind();
    }

    @Override
    public boolean accepting() {
        return isRunAllowed() && isBatchAllowed();
    }

    /** Decides every record first (the batch size is the number of exchanges), then finishes them in order. */
    @Override
    public int deliver(List<Record> records) {
        int size = records.size();
        boolean[] wanted = new boolean[size];
        int exchanges = 0;
        for (int i = 0; i < size; i++) {
            wanted[i] = !reader.history(records.get(i)) && filter.wanted(records.get(i));
            exchanges += wanted[i] ? 1 : 0;
        }
        int finished = 0;
        int index = 0;
        for (int i = 0; i < size && isBatchAllowed(); i++) {
            if (wanted[i] && !process(exchangeOf(records.get(i)), index++, exchanges)) {
                break;
            }
            finished++; // processed, or nothing for the route to do: finished either way
        }
        pendingExchanges = 0;
        return finished;
    }

    private Exchange exchangeOf(Record record) {
        Exchange exchange = createExchange(false);
        exchange.getMessage().setBody(record, Record.class);
        exchange.getMessage().setHeader(Ddb2StreamConstants.EVENT_SOURCE, record.eventSource());
        exchange.getMessage().setHeader(Ddb2StreamConstants.EVENT_ID, record.eventID());
        return exchange;
    }

    /** Processes in order until one fails or the consumer stops; answers how many completed. */
    @Override
    public int processBatch(Queue<Object> exchanges) {
        int total = exchanges.size();
        int completed = 0;
        for (int index = 0; index < total && isBatchAllowed(); index++) {
            if (!process((Exchange) exchanges.poll(), index, total)) {
                break;
            }
            completed++;
        }
        pendingExchanges = 0;
        return completed;
    }

    /** Routes one exchange of a batch; false when it was left with an exception. */
    private boolean process(Exchange exchange, int index, int total) {
        exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
        exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
        exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
        pendingExchanges = total - index - 1;
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        if (failure != null) {
            getExceptionHandler().handleException(
                    "Stream record not processed; its shard is read again from it on the next poll", exchange, failure);
        }
        releaseExchange(exchange, false);
        return failure == null;
    }
}
