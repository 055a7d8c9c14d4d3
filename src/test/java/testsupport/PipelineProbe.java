package testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inventory.PipelineMetrics;
import inventory.streams.CheckpointStore;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import routes.StockAlertRoute;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a test does to and sees of a running pipeline, from the outside, with the AWS SDK against the
 * sandbox: upload files, read reports and items, list the alerts SNS received, and wait until the alert
 * route has caught up with the table's stream (so "no alert" is checked after everything was read, not
 * after a sleep).
 */
public final class PipelineProbe {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    public final URI endpoint;
    public final String bucket;
    public final String table;
    public final String topic;
    public final S3Client s3;
    public final DynamoDbClient dynamoDb;
    public final DynamoDbStreamsClient streams;
    private final Supplier<CamelContext> context;

    public PipelineProbe(URI endpoint, String bucket, String table, String topic, Supplier<CamelContext> context) {
        this(endpoint, bucket, table, topic, context, SandboxTestSupport.credentials());
    }

    /** @param signer whom the probe's calls are signed as (the admin, where the sandbox enforces a policy) */
    public PipelineProbe(URI endpoint, String bucket, String table, String topic, Supplier<CamelContext> context,
                  AwsCredentialsProvider signer) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.table = table;
        this.topic = topic;
        this.context = context;
        this.s3 = SandboxTestSupport.s3(endpoint, signer);
        this.dynamoDb = SandboxTestSupport.dynamodb(endpoint, signer);
        this.streams = SandboxTestSupport.streams(endpoint, signer);
    }

    public void upload(String key, String csv) {
        upload(key, csv.getBytes(StandardCharsets.UTF_8));
    }

    public void upload(String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    public void uploadSample(String name) throws Exception {
        upload("incoming/" + name, Files.readAllBytes(Path.of("samples", name)));
    }

    public Optional<String> object(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            keys.add(o.key());
        }
        return keys;
    }

    /** Waits for {@code reports/<name>.json} to exist and to say it covers the given upload. */
    public JsonNode awaitReport(String name) {
        return awaitReport(name, r -> true);
    }

    public JsonNode awaitReport(String name, java.util.function.Predicate<JsonNode> accept) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
            Optional<String> text = object("reports/" + name + ".json");
            if (text.isEmpty()) {
                return false;
            }
            JsonNode report = JSON.readTree(text.get());
            found[0] = report;
            return accept.test(report);
        });
        return found[0];
    }

    /** Waits until a file has been imported {@code times} times (reports are overwritten per upload). */
    public JsonNode awaitImports(int times) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> metrics().filesProcessed() + metrics().filesFailed() >= times);
        return null;
    }

    /** Writes an item straight to the table (a change the import did not make, e.g. while the pipeline is down). */
    public void put(String store, String item, long quantity, String updatedAt) {
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of(
                "store", AttributeValue.fromS(store), "item", AttributeValue.fromS(item),
                "quantity", AttributeValue.fromN(Long.toString(quantity)), "updatedAt", AttributeValue.fromS(updatedAt))));
    }

    public Map<String, AttributeValue> item(String store, String item) {
        return dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("store", AttributeValue.fromS(store), "item", AttributeValue.fromS(item)))).item();
    }

    /** Every message the sandbox's SNS received on this test's topic, oldest first. */
    public List<JsonNode> alerts() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(endpoint.resolve("/_sandbox/sns/messages")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode m : JSON.readTree(r.body())) {
            if (m.path("topicArn").asText().endsWith(":" + topic)) {
                mine.add(m);
            }
        }
        return mine;
    }

    public List<JsonNode> awaitAlerts(int count) throws Exception {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> alerts().size() >= count);
        return alerts();
    }

    /** Records in the table's stream right now. */
    public long streamRecords() {
        return StreamLedger.records(streams, table).size();
    }

    public PipelineMetrics metrics() {
        return context.get().getRegistry().findSingleByType(PipelineMetrics.class);
    }

    /**
     * Waits until this instance reads the stream: with a cluster service ({@code inventory.cluster}, {@code dynamodb} by
     * default) the alert route's {@code master:} consumer starts the stream consumer once it is elected, about two
     * seconds after start-up.
     */
    public void awaitStreamReader() {
        await().atMost(TIMEOUT).until(() -> metrics().isStreamReader());
    }

    /**
     * Waits until the alert route has finished every record now in the stream: its checkpoint has reached each
     * shard's newest record, and nothing is in flight.
     */
    public void awaitAlertRouteCaughtUp() {
        awaitAlertRouteCaughtUp(TIMEOUT);
    }

    /**
     * @param timeout for each of the two waits: reading the whole stream (slow when a drill slows GetRecords on
     *                purpose over hundreds of shards), then the checkpoint reaching its end
     */
    public void awaitAlertRouteCaughtUp(Duration timeout) {
        AtomicReference<Map<String, String>> newest = new AtomicReference<>();
        // the stream may be failing on purpose (fault drills inject GetRecords errors): look until a read succeeds
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            Map<String, String> last = new HashMap<>();
            StreamLedger.recordsByShard(streams, table).forEach((shard, records) -> {
                if (!records.isEmpty()) {
                    last.put(shard, records.get(records.size() - 1).dynamodb().sequenceNumber());
                }
            });
            newest.set(last);
            return true;
        });
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() ->
                checkpointCovers(newest.get())
                        && context.get().getInflightRepository().size(StockAlertRoute.ROUTE_ID) == 0);
    }

    /** True when the saved checkpoint has completed each shard up to the given sequence number. */
    public boolean checkpointCovers(Map<String, String> sequenceNumbers) {
        var checkpoint = context.get().getRegistry()
                .findSingleByType(CheckpointStore.class).load();
        if (checkpoint.isEmpty()) {
            return sequenceNumbers.isEmpty();
        }
        Map<String, String> completed = checkpoint.get().completed();
        return sequenceNumbers.entrySet().stream().allMatch(e -> checkpoint.get().drained().contains(e.getKey())
                || completed.containsKey(e.getKey())
                && new BigInteger(completed.get(e.getKey())).compareTo(new BigInteger(e.getValue())) >= 0);
    }

    public static String attr(JsonNode message, String name) {
        return message.path("messageAttributes").path(name).path("stringValue").asText(null);
    }
}
