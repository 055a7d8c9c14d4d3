package sandbox.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.streams.AwsErrors.failureOf;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.core.Json;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

class StreamsValidationTest {

    private static StreamsHarness h;
    private static String arn;
    private static String shardId;
    private static String firstSequence;

    @BeforeAll
    static void start() {
        // one shard: these are the rules within a shard (multi-shard streams: ShardLayoutTest, ShardRolloverTest)
        h = StreamsHarness.singleShard();
        arn = h.table("Validated", "KEYS_ONLY").streamArn();
        h.insert("Validated", StreamsHarness.item("id", "a"));
        h.insert("Validated", StreamsHarness.item("id", "b"));
        shardId = h.shardId(arn);
        firstSequence = h.readAll(arn).get(0).dynamodb().sequenceNumber();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static AwsErrors.Failure iterator(String type, String sequence) {
        return failureOf(() -> h.client.getShardIterator(r -> r.streamArn(arn).shardId(shardId)
                .shardIteratorType(type).sequenceNumber(sequence)));
    }

    @Test
    void atOrAfterWithoutSequenceNumberIsAValidationError() {
        for (String type : new String[] {"AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"}) {
            AwsErrors.Failure f = iterator(type, null);
            assertThat(f.code()).isEqualTo("ValidationException");
            assertThat(f.message()).isEqualTo("One or more parameter values were invalid: Invalid SequenceNumber");
        }
    }

    @Test
    void trimHorizonOrLatestWithSequenceNumberIsAValidationError() {
        for (String type : new String[] {"TRIM_HORIZON", "LATEST"}) {
            AwsErrors.Failure f = iterator(type, firstSequence);
            assertThat(f.code()).isEqualTo("ValidationException");
            assertThat(f.message()).isEqualTo("One or more parameter values were invalid: "
                    + "SequenceNumber should not be passed for this iterator type");
        }
    }

    @Test
    void anUnknownIteratorTypeIsAValidationError() {
        AwsErrors.Failure f = iterator("OLDEST", null);
        assertThat(f.code()).isEqualTo("ValidationException");
        assertThat(f.message()).isEqualTo("1 validation error detected: Value 'OLDEST' at 'shardIteratorType' "
                + "failed to satisfy constraint: Member must satisfy enum value set: "
                + "[TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]");
    }

    @Test
    void missingMembersAreReportedTogether() {
        AwsErrors.Failure f = failureOf(() -> h.client.getShardIterator(r -> r.streamArn(arn)));
        assertThat(f.code()).isEqualTo("ValidationException");
        assertThat(f.message()).isEqualTo("2 validation errors detected: "
                + "Value null at 'shardId' failed to satisfy constraint: Member must not be null; "
                + "Value null at 'shardIteratorType' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void aMalformedStreamArnIsAValidationError() {
        String malformed = "arn:aws:dynamodb:us-east-1:000000000000:table/Validated";
        AwsErrors.Failure f = failureOf(() -> h.client.getShardIterator(r -> r.streamArn(malformed)
                .shardId(shardId).shardIteratorType(ShardIteratorType.LATEST)));
        assertThat(f.code()).isEqualTo("ValidationException");
        assertThat(f.message()).isEqualTo("Invalid StreamArn");
        AwsErrors.Failure d = failureOf(() -> h.client.describeStream(r -> r.streamArn(malformed)));
        assertThat(d.code()).isEqualTo("ValidationException");
    }

    @Test
    void aWellFormedArnOfAMissingStreamIsResourceNotFound() {
        String missing = "arn:aws:dynamodb:us-east-1:000000000000:table/Nope/stream/2026-01-01T00:00:00.000";
        AwsErrors.Failure f = failureOf(() -> h.client.getShardIterator(r -> r.streamArn(missing)
                .shardId(shardId).shardIteratorType(ShardIteratorType.LATEST)));
        assertThat(f.code()).isEqualTo("ResourceNotFoundException");
        assertThat(f.message()).isEqualTo("Requested resource not found: Stream: " + missing + " not found");
        AwsErrors.Failure d = failureOf(() -> h.client.describeStream(r -> r.streamArn(missing)));
        assertThat(d.code()).isEqualTo("ResourceNotFoundException");
        assertThat(d.message()).isEqualTo("Requested resource not found: Stream: " + missing + " not found");
    }

    @Test
    void anUnknownShardOfAnExistingStreamIsResourceNotFound() {
        AwsErrors.Failure f = failureOf(() -> h.client.getShardIterator(r -> r.streamArn(arn)
                .shardId("shardId-00000001414562045508-2bac9cd2").shardIteratorType(ShardIteratorType.LATEST)));
        assertThat(f.code()).isEqualTo("ResourceNotFoundException");
        assertThat(f.message()).isEqualTo("Requested resource not found: Stream: " + arn + " not found");
    }

    @Test
    void aSequenceNumberOutsideTheShardIsAValidationError() {
        for (String outside : new String[] {"100000000000000000001", "99999999999999999999999999"}) {
            AwsErrors.Failure f = iterator("AT_SEQUENCE_NUMBER", outside);
            assertThat(f.code()).isEqualTo("ValidationException");
            assertThat(f.message()).isEqualTo("Invalid SequenceNumber for the shard");
        }
        AwsErrors.Failure tooShort = iterator("AT_SEQUENCE_NUMBER", "12345");
        assertThat(tooShort.message()).isEqualTo("1 validation error detected: Value '12345' at 'sequenceNumber' "
                + "failed to satisfy constraint: Member must have length greater than or equal to 21");
        AwsErrors.Failure notDigits = iterator("AT_SEQUENCE_NUMBER", "1234567890abcdef1234567");
        assertThat(notDigits.message()).isEqualTo("One or more parameter values were invalid: Invalid SequenceNumber");
    }

    @Test
    void getRecordsLimitMustBeOneToAThousand() {
        String it = h.iterator(arn, ShardIteratorType.TRIM_HORIZON);
        AwsErrors.Failure zero = failureOf(() -> h.client.getRecords(r -> r.shardIterator(it).limit(0)));
        assertThat(zero.code()).isEqualTo("ValidationException");
        assertThat(zero.message()).isEqualTo("1 validation error detected: Value '0' at 'limit' failed to satisfy "
                + "constraint: Member must have value greater than or equal to 1");
        AwsErrors.Failure big = failureOf(() -> h.client.getRecords(r -> r.shardIterator(it).limit(1001)));
        assertThat(big.code()).isEqualTo("ValidationException");
        assertThat(big.message()).isEqualTo(
                "One or more parameter values were invalid: Limit should be less than or equal to 1000");
        assertThat(h.client.getRecords(r -> r.shardIterator(it).limit(1000)).records()).hasSize(2);
    }

    @Test
    void listAndDescribeLimitsAreChecked() {
        assertThat(failureOf(() -> h.client.listStreams(r -> r.limit(0))).code()).isEqualTo("ValidationException");
        assertThat(failureOf(() -> h.client.listStreams(r -> r.limit(101))).message()).isEqualTo(
                "One or more parameter values were invalid: Limit cannot be greater than the maximum allowed size: 100");
        assertThat(failureOf(() -> h.client.describeStream(r -> r.streamArn(arn).limit(0))).code())
                .isEqualTo("ValidationException");
        assertThat(failureOf(() -> h.client.listStreams(r -> r.tableName("a b c"))).message()).isEqualTo(
                "1 validation error detected: Value 'a b c' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void unknownOperationsAndBadJsonGetAwsErrorsNotHangs() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(h.endpoint)
                .header("X-Amz-Target", "DynamoDBStreams_20120810.PutRecord")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Json.parse(unknown.body()).path("__type").asText()).endsWith("#UnknownOperationException");

        HttpResponse<String> badJson = http.send(HttpRequest.newBuilder(h.endpoint)
                .header("X-Amz-Target", "DynamoDBStreams_20120810.ListStreams")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(Json.parse(badJson.body()).path("__type").asText()).endsWith("#SerializationException");

        HttpResponse<String> wrongType = http.send(HttpRequest.newBuilder(h.endpoint)
                .header("X-Amz-Target", "DynamoDBStreams_20120810.ListStreams")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Limit\":\"ten\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(Json.parse(wrongType.body()).path("__type").asText()).endsWith("#SerializationException");
    }
}
