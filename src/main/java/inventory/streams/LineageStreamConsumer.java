package inventory.streams;

import java.util.ArrayDeque;
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
 */
final class LineageStreamConsumer extends ScheduledBatchPollingConsumer implements ShardReader.Delivery {

    private ShardReader reader;

    LineageStreamConsumer(LineageStreamEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    protected void doStart() throws Exception {
        reader = ((LineageStreamEndpoint) getEndpoint()).newReader();
        reader.start();
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (reader != null) {
            reader.stop();
        }
    }

    @Override
    protected int poll() {
        return reader.poll(this);
    }

    @Override
    public boolean accepting() {
        return isRunAllowed() && isBatchAllowed();
    }

    @Override
    public int deliver(List<Record> records) {
        Queue<Object> exchanges = new ArrayDeque<>(records.size());
        for (Record record : records) {
            Exchange exchange = createExchange(false);
            exchange.getMessage().setBody(record, Record.class);
            exchange.getMessage().setHeader(Ddb2StreamConstants.EVENT_SOURCE, record.eventSource());
            exchange.getMessage().setHeader(Ddb2StreamConstants.EVENT_ID, record.eventID());
            exchanges.add(exchange);
        }
        return processBatch(exchanges);
    }

    /** Processes in order until one fails or the consumer stops; answers how many completed. */
    @Override
    public int processBatch(Queue<Object> exchanges) {
        int total = exchanges.size();
        int completed = 0;
        for (int index = 0; index < total && isBatchAllowed(); index++) {
            Exchange exchange = (Exchange) exchanges.poll();
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
            if (failure != null) {
                break;
            }
            completed++;
        }
        pendingExchanges = 0;
        return completed;
    }
}
