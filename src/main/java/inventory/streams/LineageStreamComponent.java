package inventory.streams;

import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Endpoint;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamComponent;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamConfiguration;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamEndpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * {@code aws2-ddbstream} with the same options and headers as Camel's, whose consumer reads the stream with a
 * {@link ShardReader}: all shards, parents before children, checkpointed. Registered explicitly under the
 * stock scheme by the pipeline's configuration (not through a service file), so any other CamelContext
 * still gets the stock component. Given a {@link RecordFilter} (the pipeline passes its alert policy), its
 * consumer makes exchanges only of the records the route acts on.
 *
 * <p>Exists because Camel 4.17's consumer loses records when shards close or split (CAMEL-24154, fixed in
 * Camel 4.22, which our Maven registry does not serve); delete this package's Camel classes once it does.
 */
// the annotation names the scheme, so Camel finds the stock endpoint's generated option configurer
@Component("aws2-ddbstream")
public final class LineageStreamComponent extends Ddb2StreamComponent {

    public static final String SCHEME = "aws2-ddbstream";

    private final Function<Ddb2StreamEndpoint, ShardReader> readers;
    private final RecordFilter filter;

    /** Every record becomes an exchange. */
    public LineageStreamComponent(Function<Ddb2StreamEndpoint, ShardReader> readers) {
        this(readers, RecordFilter.ALL);
    }

    /**
     * @param readers makes the reader for an endpoint (its table, options and started client)
     * @param filter  the records the route acts on; the others are finished without an exchange
     */
    public LineageStreamComponent(Function<Ddb2StreamEndpoint, ShardReader> readers, RecordFilter filter) {
        this.readers = readers;
        this.filter = filter;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("Table name must be specified.");
        }
        Ddb2StreamConfiguration configuration =
                getConfiguration() != null ? getConfiguration().copy() : new Ddb2StreamConfiguration();
        configuration.setTableName(remaining);
        LineageStreamEndpoint endpoint = new LineageStreamEndpoint(uri, configuration, this);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    ShardReader reader(Ddb2StreamEndpoint endpoint) {
        return readers.apply(endpoint);
    }

    RecordFilter filter() {
        return filter;
    }
}
