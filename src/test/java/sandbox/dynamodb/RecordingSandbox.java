package sandbox.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import sandbox.core.Faults;
import sandbox.core.HttpFrontEnd;
import sandbox.core.Router;
import sandbox.core.SandboxContext;
import sandbox.s3.S3Service;
import sandbox.sns.SnsService;
import sandbox.sqs.SqsService;
import sandbox.streams.StreamsService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The sandbox's HTTP front end and router with this DynamoDB wired to a {@link RecordingSink}, so SDK
 * tests can see exactly which stream hand-offs a request made.
 */
final class RecordingSandbox implements AutoCloseable {

    final RecordingSink sink = new RecordingSink();
    private final HttpFrontEnd http;
    private final DynamoDbService dynamodb;
    private final URI endpoint;

    RecordingSandbox(Path dataDir) {
        try {
            http = new HttpFrontEnd("127.0.0.1", 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        endpoint = URI.create("http://127.0.0.1:" + http.port());
        SandboxConfig config = SandboxConfig.ephemeral().withDataDir(dataDir);
        SandboxContext ctx = new SandboxContext(config, endpoint);
        Faults faults = new Faults(config.clock());
        dynamodb = new DynamoDbService(ctx, sink, faults);
        Router router = new Router(new S3Service(ctx), dynamodb, new StreamsService(ctx), new SnsService(ctx),
                new SqsService(ctx), faults);
        http.start(router::dispatch);
    }

    DynamoDbClient client() {
        return SandboxTestSupport.dynamodb(endpoint);
    }

    @Override
    public void close() {
        http.stop();
        dynamodb.close();
    }
}
