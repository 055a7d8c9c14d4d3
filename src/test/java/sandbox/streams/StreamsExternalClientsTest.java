package sandbox.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.core.Json;

/** The AWS CLI and boto3, at their defaults, read the stream the same way the Java SDK does. */
class StreamsExternalClientsTest {

    private static StreamsHarness h;

    @BeforeAll
    static void start() {
        h = StreamsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static JsonNode aws(String... args) {
        return Json.parse(ExternalClients.aws(h.endpoint, args).assertOk().stdout());
    }

    @Test
    void awsCliListsDescribesAndReadsAStream() {
        ExternalClients.assumeAwsCli();
        String arn = h.table("CliTable", "NEW_AND_OLD_IMAGES").streamArn();
        var before = StreamsHarness.item("id", "Fred");
        h.insert("CliTable", before);
        h.modify("CliTable", before, StreamsHarness.number(StreamsHarness.item("id", "Fred"), "qty", "7"));

        JsonNode list = aws("dynamodbstreams", "list-streams", "--table-name", "CliTable");
        assertThat(list.path("Streams")).hasSize(1);
        assertThat(list.path("Streams").get(0).path("StreamArn").asText()).isEqualTo(arn);

        JsonNode description = aws("dynamodbstreams", "describe-stream", "--stream-arn", arn)
                .path("StreamDescription");
        assertThat(description.path("StreamStatus").asText()).isEqualTo("ENABLED");
        assertThat(description.path("TableName").asText()).isEqualTo("CliTable");
        assertThat(description.path("Shards")).hasSize(4);
        // Fred's changes are all in the one shard that owns his key's hash
        String shardId = h.shardOf(arn, h.readAll(arn).get(0).dynamodb().sequenceNumber());

        String iterator = aws("dynamodbstreams", "get-shard-iterator", "--stream-arn", arn, "--shard-id", shardId,
                "--shard-iterator-type", "TRIM_HORIZON").path("ShardIterator").asText();
        assertThat(iterator).startsWith(arn + "|1|");

        JsonNode records = aws("dynamodbstreams", "get-records", "--shard-iterator", iterator);
        assertThat(records.path("Records")).hasSize(2);
        JsonNode insert = records.path("Records").get(0);
        assertThat(insert.path("eventName").asText()).isEqualTo("INSERT");
        assertThat(insert.path("dynamodb").path("SizeBytes").asLong()).isEqualTo(12);
        JsonNode modify = records.path("Records").get(1);
        assertThat(modify.path("eventName").asText()).isEqualTo("MODIFY");
        assertThat(modify.path("dynamodb").path("NewImage").path("qty").path("N").asText()).isEqualTo("7");
        assertThat(records.path("NextShardIterator").asText()).startsWith(arn + "|1|");

        String after = aws("dynamodbstreams", "get-shard-iterator", "--stream-arn", arn, "--shard-id", shardId,
                "--shard-iterator-type", "AFTER_SEQUENCE_NUMBER", "--sequence-number",
                insert.path("dynamodb").path("SequenceNumber").asText()).path("ShardIterator").asText();
        assertThat(aws("dynamodbstreams", "get-records", "--shard-iterator", after).path("Records")).hasSize(1);

        ExternalClients.Result bad = ExternalClients.aws(h.endpoint, "dynamodbstreams", "get-records",
                "--shard-iterator", "garbage");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("ValidationException").contains("Invalid ShardIterator");
    }

    @Test
    void boto3ReadsRecordsAndSeesAwsErrors() {
        ExternalClients.assumeBoto3();
        String arn = h.table("BotoTable", "NEW_IMAGE").streamArn();
        var a = StreamsHarness.item("id", "a");
        h.insert("BotoTable", a);
        h.modify("BotoTable", a, StreamsHarness.item("id", "a", "v", "b"));
        String script = """
                import boto3, botocore, json, os
                c = boto3.client("dynamodbstreams", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
                arn = c.list_streams(TableName="BotoTable")["Streams"][0]["StreamArn"]
                def first_page(shard):
                    it = c.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                              ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
                    return c.get_records(ShardIterator=it)["Records"]
                # both changes of item a are in the shard that owns a's hash
                shard = [s for s in c.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"] if first_page(s)][0]
                it = c.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
                page = c.get_records(ShardIterator=it, Limit=1)
                first = page["Records"][0]
                rest = c.get_records(ShardIterator=page["NextShardIterator"])
                at = c.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="AT_SEQUENCE_NUMBER",
                                          SequenceNumber=first["dynamodb"]["SequenceNumber"])["ShardIterator"]
                again = c.get_records(ShardIterator=at)
                try:
                    c.get_shard_iterator(StreamArn=arn, ShardId="shardId-00000001414562045508-2bac9cd2",
                                         ShardIteratorType="LATEST")
                    error = None
                except botocore.exceptions.ClientError as e:
                    error = e.response["Error"]["Code"]
                print(json.dumps({
                    "arn": arn,
                    "first": first["dynamodb"]["Keys"]["id"]["S"],
                    "created": first["dynamodb"]["ApproximateCreationDateTime"].isoformat(),
                    "rest": [r["eventName"] for r in rest["Records"]],
                    "hasNext": "NextShardIterator" in rest,
                    "again": len(again["Records"]),
                    "error": error}))
                """;
        JsonNode out = Json.parse(ExternalClients.python(h.endpoint, script).assertOk().stdout());
        assertThat(out.path("arn").asText()).isEqualTo(arn);
        assertThat(out.path("first").asText()).isEqualTo("a");
        assertThat(out.path("created").asText()).startsWith("2026-11-24T21:44:17");
        assertThat(out.path("rest").get(0).asText()).isEqualTo("MODIFY");
        assertThat(out.path("hasNext").asBoolean()).isTrue();
        assertThat(out.path("again").asInt()).isEqualTo(2);
        assertThat(out.path("error").asText()).isEqualTo("ResourceNotFoundException");
    }
}
