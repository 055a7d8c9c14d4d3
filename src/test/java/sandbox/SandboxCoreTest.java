package sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import sandbox.core.Faults;
import sandbox.core.Json;

class SandboxCoreTest extends SandboxTestSupport {

    @Test
    void healthEndpointSaysUp() throws Exception {
        HttpResponse<String> r = get("/_sandbox/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.parse(r.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void bindsLoopbackByDefault() {
        assertThat(SandboxConfig.defaults().host()).isEqualTo("127.0.0.1");
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void unknownJsonTargetIsUnknownOperation() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("UnknownOperationException");
    }

    @Test
    void faultRulesCanBeAddedListedAndCleared() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(endpoint.resolve("/_sandbox/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"sns\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(endpoint.resolve("/_sandbox/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"service\":\"dynamodb\",\"operation\":\"ListTables\",\"status\":500,\"count\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(Json.parse(get("/_sandbox/faults").body())).hasSize(1);
        http.send(HttpRequest.newBuilder(endpoint.resolve("/_sandbox/faults")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Json.parse(get("/_sandbox/faults").body())).isEmpty();
    }

    @Test
    void aRuleWithBodyContainsReadsTheBodyOnlyOfRequestsItOtherwiseMatchesAndOnlyOnce() {
        Faults faults = new Faults(java.time.Clock.systemUTC());
        faults.add(Json.parse("{\"service\":\"dynamodb\",\"operation\":\"PutItem\",\"status\":500,"
                + "\"bodyContains\":\"doomed\"}"));
        faults.add(Json.parse("{\"service\":\"dynamodb\",\"operation\":\"PutItem\",\"status\":503,"
                + "\"bodyContains\":\"cursed\"}"));
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        // an upload to S3: its body (which may be gigabytes) is never read for the DynamoDB rules
        assertThat(faults.pick("s3", "PutObject", () -> {
            reads.incrementAndGet();
            return "doomed";
        })).isEmpty();
        assertThat(reads.get()).isZero();
        // a PutItem both rules look at: decoded once
        assertThat(faults.pick("dynamodb", "PutItem", () -> {
            reads.incrementAndGet();
            return "{\"TableName\":\"cursed\"}";
        })).hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(503));
        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void aRuleWithBodyContainsFiresOnlyForRequestsWhoseBodyHoldsIt() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(endpoint.resolve("/_sandbox/faults")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"service\":\"dynamodb\",\"operation\":\"DescribeTable\",\"status\":500,"
                        + "\"bodyContains\":\"\\\"TableName\\\":\\\"doomed\\\"\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        try (var ddb = dynamodb(endpoint)) {
            // another table: no fault, DynamoDB's own answer
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ddb.describeTable(d -> d.tableName("spared")))
                    .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ddb.describeTable(d -> d.tableName("doomed")))
                    .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class)
                    .satisfies(e -> assertThat(((software.amazon.awssdk.services.dynamodb.model.DynamoDbException) e)
                            .statusCode()).isEqualTo(500));
        } finally {
            http.send(HttpRequest.newBuilder(endpoint.resolve("/_sandbox/faults")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
