package inventory.streams;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamConfiguration;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamEndpoint;

/** Camel's stream endpoint (options, client, scheduler) with the {@link LineageStreamConsumer}. */
final class LineageStreamEndpoint extends Ddb2StreamEndpoint {

    LineageStreamEndpoint(String uri, Ddb2StreamConfiguration configuration, LineageStreamComponent component) {
        super(uri, configuration, component);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        LineageStreamConsumer consumer = new LineageStreamConsumer(this, processor);
        consumer.setSchedulerProperties(getSchedulerProperties());
        configureConsumer(consumer);
        return consumer;
    }

    ShardReader newReader() {
        return ((LineageStreamComponent) getComponent()).reader(this);
    }

    RecordFilter filter() {
        return ((LineageStreamComponent) getComponent()).filter();
    }
}
