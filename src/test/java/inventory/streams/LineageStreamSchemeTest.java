package inventory.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.endpoint.dsl.Ddb2StreamEndpointBuilderFactory;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamConfiguration.StreamIteratorType;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The adapter answers only to its own scheme, with Camel's aws2-ddbstream options; aws2-ddbstream stays Camel's. */
class LineageStreamSchemeTest {

    private final DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    private DefaultCamelContext context;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.addComponent(LineageStreamComponent.SCHEME, new LineageStreamComponent(endpoint -> null));
        context.getRegistry().bind("streams", streams);
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
        streams.close();
    }

    @Test
    void theEndpointDslWithTheComponentNameGivesTheAdapterWithCamelsOptions() {
        Ddb2StreamEndpoint endpoint = (Ddb2StreamEndpoint) Ddb2StreamEndpointBuilderFactory
                .endpointBuilder(LineageStreamComponent.SCHEME, "inventory")
                .maxResultsPerRequest(7)
                .streamIteratorType(StreamIteratorType.FROM_LATEST)
                .resolve(context);

        assertThat(endpoint).isInstanceOf(LineageStreamEndpoint.class);
        assertThat(endpoint.getEndpointUri()).startsWith(LineageStreamComponent.SCHEME + "://inventory");
        assertThat(endpoint.getConfiguration().getTableName()).isEqualTo("inventory");
        assertThat(endpoint.getConfiguration().getMaxResultsPerRequest()).isEqualTo(7);
        assertThat(endpoint.getConfiguration().getStreamIteratorType()).isEqualTo(StreamIteratorType.FROM_LATEST);
        assertThat(endpoint.getConfiguration().getAmazonDynamoDbStreamsClient())
                .as("the registry's only streams client, autowired as by Camel's component").isSameAs(streams);
    }

    @Test
    void theStockSchemeIsStillCamelsConsumer() {
        var endpoint = context.getEndpoint("aws2-ddbstream:inventory?amazonDynamoDbStreamsClient=#streams");

        assertThat(endpoint).isExactlyInstanceOf(Ddb2StreamEndpoint.class);
    }

    @Test
    void anOptionAws2DdbstreamDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> context.getEndpoint(LineageStreamComponent.SCHEME + ":inventory?maxResultPerRequest=7"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("maxResultPerRequest");
    }
}
