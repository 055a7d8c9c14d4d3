package inventory;

import inventory.alerts.AlertClaims;
import inventory.alerts.AlertDeadLetters;
import inventory.alerts.AlertDestinations;
import inventory.alerts.AlertFailurePolicy;
import inventory.alerts.AlertSteps;
import inventory.alerts.AlertWork;
import inventory.alerts.FileAlertClaims;
import inventory.alerts.PublishedAlertLog;
import inventory.alerts.StockAlertPolicy;
import inventory.alerts.TableAlertClaims;
import inventory.cluster.InstanceName;
import inventory.cluster.StateTableClusterService;
import inventory.imports.FileImport;
import inventory.imports.FileImportAttempts;
import inventory.imports.ImportArchive;
import inventory.imports.ImportAttempts;
import inventory.imports.IncomingListing;
import inventory.imports.TableImportAttempts;
import inventory.imports.TableWrites;
import inventory.imports.UploadEvents;
import inventory.resources.AwsResources;
import inventory.streams.CheckpointStore;
import inventory.streams.FileCheckpointStore;
import inventory.streams.LineageStreamComponent;
import inventory.streams.ShardReader;
import inventory.streams.TableCheckpointStore;
import inventory.tracing.Tracing;
import inventory.tracing.TracingSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamConfiguration.StreamIteratorType;
import org.apache.camel.component.aws2.sns.Sns2Component;
import org.apache.camel.component.aws2.sns.Sns2Endpoint;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.apache.camel.component.master.MasterComponent;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Start-up: validates the settings, starts the embedded local AWS when asked to, builds the AWS clients,
 * provisions and checks the resources, and binds the beans the routes use.
 */
public final class PipelineConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Function<String, String> props = key -> context.getPropertiesComponent().resolveProperty(key).orElse(null);
        CamelEnvironmentKeys.refuseIgnored(System.getenv(), props); // CAMEL_COMPONENT_*: Camel 4.17 would drop them
        InventorySettings settings = InventorySettings.load(props);
        TracingSettings tracing = TracingSettings.of(props);

        LocalAws local = null;
        if (settings.aws().kind() == InventorySettings.AwsTarget.Kind.SANDBOX) {
            local = LocalAws.start(props, settings.aws().region());
            context.addService(local, true, true);
        }
        try {
            AwsEndpoint endpoint = AwsEndpoint.of(local, settings.aws());
            bind(context.getRegistry(), AwsEndpoint.class, endpoint);
            configure(context, settings, endpoint.uri());
            Tracing.install(context, tracing); // OTEL_EXPORTER_OTLP_ENDPOINT: a span per file and per alert; else nothing
        } catch (Exception | Error e) {
            if (local != null) {
                local.stop();
            }
            throw e;
        }
    }

    private void configure(CamelContext context, InventorySettings settings, URI endpoint) throws Exception {
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        AwsClients aws = AwsClients.create(settings.aws(), endpoint, settings.importConcurrency());
        context.addService(new Closing(aws), true, true);

        // every resource created (inventory.provision=true) or found, and checked, before anything uses one
        AwsResources resources = AwsResources.prepare(settings, aws.s3(), aws.dynamoDb(), aws.sns(), aws.sqs());
        String topicArn = resources.topicArn();
        ImportQueues importQueues = resources.importQueues();
        AlertDestinations destinations = AlertDestinations.of(settings.alertUris(), topicArn);

        MeterRegistry meters = meterRegistry(registry);
        PipelineMetrics metrics = new PipelineMetrics(CloudWatchMetrics.alongside(meters, settings, endpoint, context), clock);
        String alertDeadLetterQueue = resources.alertDeadLetterQueue();
        if (importQueues != null || alertDeadLetterQueue != null) { // sampled in the background: a scrape never waits on SQS
            DeadLetterQueueDepths depths = DeadLetterQueueDepths.of(context, aws.sqs(), meters,
                    settings.metrics().queueDepthInterval());
            if (importQueues != null) {
                depths.watch("uploads", importQueues.deadLetterQueue());
            }
            if (alertDeadLetterQueue != null) {
                depths.watch("alerts", alertDeadLetterQueue);
            }
            context.addService(depths, true, true);
        }
        ExecutorService writers = context.getExecutorServiceManager()
                .newFixedThreadPool(this, "inventory-writer", settings.importConcurrency());
        ImportArchive archive = new ImportArchive(aws.s3(), settings.processedPrefix(), settings.failedPrefix(),
                settings.reportsPrefix(), settings.rejectedPrefix());
        // with several replicas the stream reader's state is where every one of them sees it: the shared table;
        // a store per reader, since a table store's loads set the version its saves are fenced on
        Supplier<CheckpointStore> checkpoints = () -> settings.sharedState()
                ? new TableCheckpointStore(aws.dynamoDb(), settings.stateTable(), settings.table(), clock)
                : new FileCheckpointStore(settings.stateDir().resolve("stream-checkpoints.json"));
        String instance = InstanceName.create();
        AlertClaims claims;
        if (settings.sharedState()) {
            claims = new TableAlertClaims(aws.dynamoDb(), settings.stateTable(), settings.table(), instance, clock);
        } else {
            FileAlertClaims fileClaims = new FileAlertClaims(
                    new PublishedAlertLog(settings.stateDir().resolve("published-alerts.log"), clock));
            context.addService(fileClaims, true, true);
            claims = fileClaims;
        }
        AlertDeadLetters deadLetters = alertDeadLetterQueue != null
                ? AlertDeadLetters.queue(aws.sqs(), alertDeadLetterQueue)
                : AlertDeadLetters.file(settings.stateDir().resolve("dead-letter-alerts.jsonl"));
        Progress reading = new Progress("stream reader", settings.alertStallAfter());
        metrics.stalled("reader", reading::isStalled);
        Progress importing = new Progress("import", settings.importStallAfter());
        metrics.stalled("import", importing::isStalled);

        // the routes and Camel's components find these by type (@BeanInject, autowired clients): no names to keep in step
        bind(registry, InventorySettings.class, settings);
        bind(registry, AwsReadinessCheck.class, new AwsReadinessCheck(aws, settings, topicArn, importQueues));
        bind(registry, S3Client.class, aws.s3());
        bind(registry, DynamoDbClient.class, aws.dynamoDb());
        bind(registry, DynamoDbStreamsClient.class, aws.streams());
        bind(registry, SnsClient.class, aws.sns());
        bind(registry, PipelineMetrics.class, metrics);
        // poll mode counts each file's import starts where a restart finds them (events: the queue's receive count)
        ImportAttempts attempts = settings.sharedState()
                ? new TableImportAttempts(aws.dynamoDb(), settings.stateTable(), clock)
                : new FileImportAttempts(settings.stateDir().resolve("import-attempts"));
        FileImport fileImport = new FileImport(settings,
                new TableWrites(aws.dynamoDb(), settings.table(), settings.importWrite()), writers, archive, attempts,
                metrics, importing, clock);
        bind(registry, FileImport.class, fileImport);
        if (importQueues != null) { // events mode
            bind(registry, SqsClient.class, aws.sqs());
            context.getComponent("aws2-sqs", Sqs2Component.class).getConfiguration().setAmazonSQSClient(aws.sqs());
            registry.bind(ImportQueues.BEAN, ImportQueues.class, importQueues); // by name: the routes' {{bean:...}}
        }
        // in either mode, for the events routes to inject (in poll mode their precondition leaves them out): it holds
        // nothing of events mode's own, each message's Delivery names its queue
        bind(registry, UploadEvents.class, new UploadEvents(settings, aws.sqs(), fileImport,
                new IncomingListing(aws.s3(), settings.bucket(), settings.incomingPrefix())));
        CheckpointStore lookout = checkpoints.get(); // for looking, not the reader's own
        // a checkpoint that cannot be read stops start-up here (never guess a position), not later and quietly on
        // whichever instance the cluster service elects to read the stream
        lookout.load();
        bind(registry, CheckpointStore.class, lookout);
        StockAlertPolicy alertPolicy = StockAlertPolicy.of(settings); // one rule: the stream consumer pre-filters with it
        bind(registry, AlertSteps.class, new AlertSteps(settings, alertPolicy, claims, metrics, clock));
        bind(registry, AlertFailurePolicy.class, new AlertFailurePolicy(settings.alertFailures(), claims, deadLetters,
                metrics, clock));
        bind(registry, AlertDestinations.class, destinations);
        // before the routes start: the alert route's stream endpoint names this component's scheme (CAMEL-24154)
        context.addComponent(LineageStreamComponent.SCHEME, new LineageStreamComponent(stream -> new ShardReader(
                stream.getClient(), aws.dynamoDb(), checkpoints.get(), metrics, clock,
                new ShardReader.Options(stream.getConfiguration().getTableName(),
                        stream.getConfiguration().getMaxResultsPerRequest(),
                        stream.getConfiguration().getStreamIteratorType() == StreamIteratorType.FROM_LATEST,
                        Duration.ofMillis(settings.alertShardRefreshMs())), claims, reading), alertPolicy));
        // typed, on the component: the FIFO endpoint below is created before Camel autowires components
        context.getComponent("aws2-sns", Sns2Component.class).getConfiguration().setAmazonSNSClient(aws.sns());
        if (topicArn != null && topicArn.endsWith(".fifo")) {
            // Camel's SNS producer takes the FIFO deduplication id from a strategy; ours is the stream event id
            context.getEndpoint(AlertDestinations.snsUri(topicArn), Sns2Endpoint.class).getConfiguration()
                    .setMessageDeduplicationIdStrategy(exchange -> AlertWork.of(exchange).eventId());
        }
        context.addStartupListener((started, alreadyStarted) -> HealthDetailsFilter.install(started));
        context.addStartupListener(new AwsComponentKeys()); // camel.component.aws2-*.region and the like: refused
        var cluster = ClusterServices.of(settings, aws.dynamoDb(), instance);
        bind(registry, WorkReadinessCheck.class, new WorkReadinessCheck(List.of(reading, importing), () -> cluster
                .filter(StateTableClusterService.class::isInstance).map(StateTableClusterService.class::cast)
                .flatMap(StateTableClusterService::problem)));
        if (cluster.isPresent()) {
            context.addService(cluster.get(), true, true); // before the routes: the alert route's master: endpoint asks it
            // elected, the stream consumer's start is retried every 5 s for as long as it takes (Camel's default gives up
            // after 10 tries, leaving an elected instance that reads nothing)
            context.getComponent("master", MasterComponent.class).setBackOffMaxAttempts(Integer.MAX_VALUE);
        }
        LOG.info("Stream reader: {}; alert claims in {}; dead letters to {}", cluster.map(c -> "elected by " + c.getId())
                .orElse("this instance, no election"), claims.describe(), deadLetters.describe());
        LOG.info("Pipeline configured: AWS {}, bucket {}, table {}, topic {}, alerts {} ({}), state in {}",
                endpoint == null ? "(real, " + settings.aws().region() + ")" : endpoint, settings.bucket(),
                settings.table(), settings.topic(), settings.alertMode().name().toLowerCase(java.util.Locale.ROOT),
                destinations.describe(), settings.sharedState() ? "DynamoDB table " + settings.stateTable()
                        : settings.stateDir().toAbsolutePath());
    }

    /** Binds a bean under its type's name: nothing refers to the name, everything finds it by type. */
    private static <T> void bind(Registry registry, Class<T> type, T bean) {
        registry.bind(type.getName(), type, bean);
    }

    /** Our metrics and Camel's /observe/metrics share one Prometheus registry. */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry found = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (found == null) {
            found = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, found);
        }
        return found;
    }

    /** Closes the AWS clients when the context stops (after the routes). */
    private static final class Closing extends ServiceSupport {
        private final AutoCloseable resource;

        Closing(AutoCloseable resource) {
            this.resource = resource;
        }

        @Override
        protected void doStop() throws Exception {
            resource.close();
        }
    }
}
