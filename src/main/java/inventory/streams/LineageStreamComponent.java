package inventory.streams;

import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Endpoint;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamComponent;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamComponentConfigurer;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamConfiguration;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamEndpoint;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamEndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;

/**
 * The {@value #SCHEME} component: Camel's {@code aws2-ddbstream} options and headers over a consumer that reads the
 * stream with a {@link ShardReader} (all shards, parents before children, checkpointed). It has its own scheme, so a
 * route names it explicitly and {@code aws2-ddbstream} stays Camel's; the pipeline's configuration registers it.
 * Given a {@link RecordFilter} (the pipeline passes its alert policy), its consumer makes exchanges only of the
 * records the route acts on. Why it exists and what to do on upgrading Camel: see this package's documentation.
 */
public final class LineageStreamComponent extends Ddb2StreamComponent {

    /** The Endpoint DSL takes it as the component name: {@code aws2Ddbstream(SCHEME, table)}. */
    public static final String SCHEME = "aws2-ddbstream-lineage";

    // Camel's generated option configurers: same names, same types, same autowiring (the registry's streams client)
    private static final PropertyConfigurer COMPONENT_OPTIONS = new Ddb2StreamComponentConfigurer();
    private static final PropertyConfigurer ENDPOINT_OPTIONS = new Ddb2StreamEndpointConfigurer();

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
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return COMPONENT_OPTIONS;
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return ENDPOINT_OPTIONS;
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
