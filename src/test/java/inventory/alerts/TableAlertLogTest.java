package inventory.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.StateTable;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The published-alert log in the shared state table, against the sandbox over HTTP with the real SDK. */
class TableAlertLogTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    private static final String STATE = "alert-state";
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static DynamoDbClient ddb;

    @BeforeAll
    static void createStateTable() {
        ddb = SandboxTestSupport.dynamodb(sandbox.endpoint());
        new StateTable(ddb, STATE).create(Duration.ofSeconds(10));
    }

    private static TableAlertLog log() {
        return new TableAlertLog(ddb, STATE, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void anEventAddedByOneReplicaIsKnownToAnotherAndCannotBeAddedTwice() {
        TableAlertLog one = log();
        TableAlertLog other = log();
        assertThat(other.contains("e-shared")).isFalse();
        assertThat(one.add("e-shared")).isTrue();
        assertThat(other.contains("e-shared")).isTrue();
        assertThat(other.add("e-shared")).isFalse();
        assertThat(one.add("e-shared")).isFalse();
    }

    @Test
    void theItemExpiresByTtlAfterTheRetention() {
        log().add("e-ttl");
        Map<String, AttributeValue> item = ddb.getItem(g -> g.tableName(STATE).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS("alert#e-ttl")))).item();
        assertThat(Long.parseLong(item.get(StateTable.EXPIRES_AT).n()))
                .isEqualTo(NOW.plus(PublishedAlertLog.RETENTION).getEpochSecond());
        assertThat(item.get("publishedAt").s()).isEqualTo(NOW.toString());
    }

    @Test
    void theRouteRecordingAnEventMakesTheIdempotentConsumersOwnAddFree() {
        TableAlertLog log = log();
        DefaultExchange exchange = new DefaultExchange(new DefaultCamelContext());
        assertThat(log.add(exchange, "e-route")).isTrue();
        ddb.deleteItem(d -> d.tableName(STATE).key(Map.of("id", AttributeValue.fromS("alert#e-route"))));
        // the same exchange's second add (the idempotent consumer on completion) writes nothing
        assertThat(log.add(exchange, "e-route")).isFalse();
        assertThat(log.contains("e-route")).isFalse();
        assertThat(log.add(new DefaultExchange(new DefaultCamelContext()), "e-route")).isTrue();
    }

    @Test
    void removeForgetsAndClearIsRefusedWithAReason() {
        TableAlertLog log = log();
        log.add("e-removed");
        assertThat(log.remove("e-removed")).isTrue();
        assertThat(log.remove("e-removed")).isFalse();
        assertThat(log.contains("e-removed")).isFalse();
        assertThat(log.confirm("e-removed")).isTrue();
        assertThatThrownBy(log::clear).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining(STATE).hasMessageContaining("TTL");
    }

    @Test
    void aThrottledStateTableIsARetryableFailureNotAnAnswer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> rule = http.send(HttpRequest.newBuilder(sandbox.endpoint().resolve("/_sandbox/faults"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"service\":\"dynamodb\",\"operation\":\"GetItem\",\"status\":400,"
                                + "\"code\":\"ProvisionedThroughputExceededException\",\"count\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rule.statusCode()).isEqualTo(201);
        // the SDK's own retries off: what is left after them is what the route sees
        try (DynamoDbClient once = DynamoDbClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(SandboxTestSupport.credentials())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            assertThatThrownBy(() -> new TableAlertLog(once, STATE, Clock.systemUTC()).contains("e-throttled"))
                    .isInstanceOf(AlertLogUnavailableException.class).hasMessageContaining("alert#e-throttled")
                    .satisfies(e -> assertThat(AlertSteps.isRetryable(e)).isTrue());
        } finally {
            http.send(HttpRequest.newBuilder(sandbox.endpoint().resolve("/_sandbox/faults")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void aMissingStateTableIsRetryableTooNeverADeadLetter() {
        TableAlertLog missing = new TableAlertLog(ddb, "no-such-state", Clock.systemUTC());
        assertThatThrownBy(() -> missing.add("e1")).isInstanceOf(AlertLogUnavailableException.class)
                .satisfies(e -> assertThat(AlertSteps.isRetryable(e)).isTrue());
        assertThatThrownBy(() -> missing.contains("e1")).isInstanceOf(AlertLogUnavailableException.class);
    }
}
