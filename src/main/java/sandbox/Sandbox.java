package sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.CallerCheck;
import sandbox.core.Faults;
import sandbox.core.HttpFrontEnd;
import sandbox.core.Router;
import sandbox.core.SandboxContext;
import sandbox.dynamodb.DynamoDbService;
import sandbox.iam.AccessGate;
import sandbox.s3.NotificationSink;
import sandbox.s3.S3Service;
import sandbox.sns.SnsService;
import sandbox.sqs.SqsService;
import sandbox.streams.StreamsService;

/**
 * The embedded local AWS: S3 (with event notifications to SQS), DynamoDB, DynamoDB Streams, SNS and SQS on one
 * HTTP endpoint.
 *
 * <pre>
 * try (Sandbox aws = Sandbox.start(SandboxConfig.ephemeral())) {
 *     S3Client s3 = S3Client.builder().endpointOverride(aws.endpoint()).forcePathStyle(true)...;
 * }
 * </pre>
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    private final SandboxConfig config;
    private final HttpFrontEnd http;
    private final URI endpoint;
    private final S3Service s3;
    private final StreamsService streams;
    private final DynamoDbService dynamodb;
    private final SnsService sns;
    private final SqsService sqs;
    private final Faults faults;
    private volatile boolean stopped;

    private Sandbox(SandboxConfig config) throws IOException {
        this.config = config;
        this.http = new HttpFrontEnd(config.host(), config.port());
        this.endpoint = URI.create("http://" + hostForUri(config.host()) + ":" + http.port());
        SandboxContext ctx = new SandboxContext(config, endpoint);
        this.faults = new Faults(config.clock());
        this.sqs = new SqsService(ctx);
        this.s3 = new S3Service(ctx, queues(sqs));
        this.streams = new StreamsService(ctx);
        this.dynamodb = new DynamoDbService(ctx, streams, faults);
        this.sns = new SnsService(ctx, (queueArn, body) -> sqs.sendFromService(queueArn, body, "AIDASNSDELIVERY"));
        Router router = new Router(s3, dynamodb, streams, sns, sqs, faults,
                new AccessGate(config.iam(), config.region(), config.account(), config.clock()));
        CallerCheck callers = CallerCheck.forBind(config.host(), config.allowed().callers());
        http.start(request -> callers.refusal(request).map(reason -> router.refused(request, reason))
                .orElseGet(() -> router.dispatch(request)), router::overloaded);
        LOG.info("Local AWS sandbox listening on {} (S3, DynamoDB, DynamoDB Streams, SNS, SQS; region {}, {})",
                endpoint, config.region(),
                config.dataDirectory().map(d -> "state in " + d.toAbsolutePath()).orElse("state in memory"));
    }

    /** Starts a sandbox; port 0 picks a free one (see {@link #port()}). */
    public static Sandbox start(SandboxConfig config) {
        try {
            return new Sandbox(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox on " + config.host() + ":" + config.port()
                    + " (" + e.getMessage() + ")", e);
        }
    }

    /** {@code http://host:port}, for {@code endpointOverride} and {@code --endpoint-url}. */
    public URI endpoint() {
        return endpoint;
    }

    /** {@code GET} lists the SNS messages published so far (the admin API under {@code /_sandbox/sns/}). */
    public URI publishedMessages() {
        return URI.create(endpoint + "/_sandbox/sns/messages");
    }

    public int port() {
        return http.port();
    }

    public SandboxConfig config() {
        return config;
    }

    public String region() {
        return config.region();
    }

    /** Test-only fault injection (also reachable at {@code /_sandbox/faults}). */
    public Faults faults() {
        return faults;
    }

    /** Stops serving and closes the stores (persisted state is flushed). Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        http.stop();
        for (AutoCloseable c : new AutoCloseable[] {sns, dynamodb, streams, s3, sqs}) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", c, e);
            }
        }
        LOG.info("Local AWS sandbox on {} stopped", endpoint);
    }

    @Override
    public void close() {
        stop();
    }

    /** S3 bucket notifications go to the sandbox's SQS (the s3 package knows only its own interface). */
    private static NotificationSink queues(SqsService sqs) {
        return new NotificationSink() {
            @Override
            public boolean queueExists(String queueArn) {
                return sqs.queueExists(queueArn);
            }

            @Override
            public void send(String queueArn, String body) {
                sqs.sendFromService(queueArn, body, "AIDAS3EVENTNOTIFIER");
            }
        };
    }

    private static String hostForUri(String host) {
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
