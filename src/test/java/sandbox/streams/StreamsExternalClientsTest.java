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

    @Test
    void boto3PagesTheShardsFollowsTheLineageAndDrainsClosedShards() {
        ExternalClients.assumeBoto3();
        try (StreamsHarness many = StreamsHarness.start(new ShardSettings(4, 0, 1, 2, 64))) {
            many.table("BotoShards", "KEYS_ONLY");
            for (int i = 0; i < 120; i++) {
                many.insert("BotoShards", StreamsHarness.item("id", "k" + i));
            }
            String script = """
                    import boto3, json, os
                    c = boto3.client("dynamodbstreams", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
                    arn = c.list_streams(TableName="BotoShards")["Streams"][0]["StreamArn"]
                    shards, pages, start = [], 0, None
                    while True:
                        args = {"StreamArn": arn, "Limit": 40}
                        if start:
                            args["ExclusiveStartShardId"] = start
                        d = c.describe_stream(**args)["StreamDescription"]
                        shards += d["Shards"]
                        pages += 1
                        start = d.get("LastEvaluatedShardId")
                        if not start:
                            break
                    ids = [s["ShardId"] for s in shards]
                    parents_first = all(ids.index(s["ParentShardId"]) < ids.index(s["ShardId"])
                                        for s in shards if "ParentShardId" in s)
                    records, drained = 0, 0
                    for s in shards:
                        closed = "EndingSequenceNumber" in s["SequenceNumberRange"]
                        it = c.get_shard_iterator(StreamArn=arn, ShardId=s["ShardId"],
                                                  ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
                        while it:
                            page = c.get_records(ShardIterator=it)
                            records += len(page["Records"])
                            it = page.get("NextShardIterator")
                            if not closed and not page["Records"]:
                                break
                        drained += 1 if closed and it is None else 0
                    children = c.describe_stream(StreamArn=arn, ShardFilter={"Type": "CHILD_SHARDS", "ShardId": ids[0]})
                    print(json.dumps({"shards": len(shards), "pages": pages, "parentsFirst": parents_first,
                                      "records": records, "drained": drained,
                                      "closed": sum(1 for s in shards if "EndingSequenceNumber" in s["SequenceNumberRange"]),
                                      "children": [x["ParentShardId"] for x in children["StreamDescription"]["Shards"]],
                                      "first": ids[0]}))
                    """;
            JsonNode out = Json.parse(ExternalClients.python(many.endpoint, script).assertOk().stdout());
            int shards = many.lineage(many.client.listStreams(r -> r.tableName("BotoShards")).streams().get(0).streamArn())
                    .shards().size();
            assertThat(shards).isGreaterThan(120);
            assertThat(out.path("shards").asInt()).isEqualTo(shards);
            assertThat(out.path("pages").asInt()).isEqualTo((shards + 39) / 40);
            assertThat(out.path("parentsFirst").asBoolean()).isTrue();
            assertThat(out.path("records").asInt()).isEqualTo(120);
            assertThat(out.path("closed").asInt()).isEqualTo(120);
            assertThat(out.path("drained").asInt()).as("every closed shard ended without NextShardIterator").isEqualTo(120);
            assertThat(out.path("children")).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.asText()).isEqualTo(out.path("first").asText()));
        }
    }

    @Test
    void awsCliPagesTheShardsAndSeesAClosedShardEnd() {
        ExternalClients.assumeAwsCli();
        try (StreamsHarness many = StreamsHarness.start(new ShardSettings(4, 0, 1, 0, 64))) {
            String arn = many.table("CliShards", "KEYS_ONLY").streamArn();
            for (int i = 0; i < 100; i++) {
                many.insert("CliShards", StreamsHarness.item("id", "k" + i));
            }
            JsonNode first = Json.parse(ExternalClients.aws(many.endpoint, "dynamodbstreams", "describe-stream",
                    "--stream-arn", arn).assertOk().stdout()).path("StreamDescription");
            assertThat(first.path("Shards")).hasSize(100);
            String last = first.path("LastEvaluatedShardId").asText();
            assertThat(last).isEqualTo(first.path("Shards").get(99).path("ShardId").asText());
            JsonNode rest = Json.parse(ExternalClients.aws(many.endpoint, "dynamodbstreams", "describe-stream",
                    "--stream-arn", arn, "--exclusive-start-shard-id", last).assertOk().stdout()).path("StreamDescription");
            assertThat(rest.path("Shards")).hasSize(4);
            assertThat(rest.has("LastEvaluatedShardId")).isFalse();

            JsonNode closed = first.path("Shards").get(0);
            assertThat(closed.path("SequenceNumberRange").has("EndingSequenceNumber")).isTrue();
            String it = Json.parse(ExternalClients.aws(many.endpoint, "dynamodbstreams", "get-shard-iterator",
                    "--stream-arn", arn, "--shard-id", closed.path("ShardId").asText(), "--shard-iterator-type",
                    "TRIM_HORIZON").assertOk().stdout()).path("ShardIterator").asText();
            JsonNode page = Json.parse(ExternalClients.aws(many.endpoint, "dynamodbstreams", "get-records",
                    "--shard-iterator", it).assertOk().stdout());
            assertThat(page.path("Records")).hasSize(1);
            assertThat(page.path("Records").get(0).path("dynamodb").path("SequenceNumber").asText())
                    .isEqualTo(closed.path("SequenceNumberRange").path("EndingSequenceNumber").asText());
            assertThat(page.has("NextShardIterator")).as("drained").isFalse();
            JsonNode child = rest.path("Shards").get(0);
            assertThat(child.path("ParentShardId").asText()).isNotEmpty();
        }
    }
}
