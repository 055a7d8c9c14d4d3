package sandbox.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.core.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class StreamRecordShapeTest {

    private static StreamsHarness h;

    @BeforeAll
    static void start() {
        h = StreamsHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void insertOfFredWithBothImagesIsTwelveBytesAndShapedAsAws() {
        String arn = h.table("ShapeFred", "NEW_AND_OLD_IMAGES").streamArn();
        h.insert("ShapeFred", StreamsHarness.item("id", "Fred"));

        List<Record> records = h.readAll(arn);
        assertThat(records).hasSize(1);
        Record r = records.get(0);
        assertThat(r.eventID()).matches("[0-9a-f]{32}");
        assertThat(r.eventName()).isEqualTo(OperationType.INSERT);
        assertThat(r.eventVersion()).isEqualTo("1.1");
        assertThat(r.eventSource()).isEqualTo("aws:dynamodb");
        assertThat(r.awsRegion()).isEqualTo("us-east-1");
        assertThat(r.dynamodb().sizeBytes()).isEqualTo(12L);
        assertThat(r.dynamodb().keys()).containsExactlyEntriesOf(java.util.Map.of("id", AttributeValue.fromS("Fred")));
        assertThat(r.dynamodb().newImage()).containsEntry("id", AttributeValue.fromS("Fred"));
        assertThat(r.dynamodb().hasOldImage()).isFalse();
        assertThat(r.dynamodb().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(r.dynamodb().approximateCreationDateTime().getEpochSecond())
                .isEqualTo(StreamsHarness.START.getEpochSecond());
        assertThat(r.dynamodb().sequenceNumber()).matches("[1-9][0-9]{20,}");
    }

    @Test
    void wireRecordHasNoEventSourceArnAndWholeSecondTimestampAndChecksum() throws Exception {
        String arn = h.table("ShapeWire", "KEYS_ONLY").streamArn();
        h.insert("ShapeWire", StreamsHarness.item("id", "w1"));
        String iterator = h.iterator(arn, h.shardOf(arn, h.readAll(arn).get(0).dynamodb().sequenceNumber()),
                ShardIteratorType.TRIM_HORIZON);

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(h.endpoint)
                .header("X-Amz-Target", "DynamoDBStreams_20120810.GetRecords")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(
                        Json.text(Json.object().put("ShardIterator", iterator)))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        CRC32 crc = new CRC32();
        crc.update(response.body());
        assertThat(response.headers().firstValue("x-amz-crc32")).hasValue(Long.toString(crc.getValue()));
        JsonNode body = Json.parse(response.body());
        JsonNode record = body.path("Records").get(0);
        assertThat(record.has("eventSourceARN")).isFalse();
        assertThat(record.path("dynamodb").path("ApproximateCreationDateTime").isIntegralNumber()).isTrue();
        assertThat(record.path("dynamodb").path("SizeBytes").isIntegralNumber()).isTrue();
        assertThat(record.path("dynamodb").has("NewImage")).isFalse();
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"eventVersion\":\"1.1\"");
        assertThat(body.path("NextShardIterator").asText()).startsWith(arn + "|1|");
    }

    @Test
    void modifyCarriesWholeOldAndNewItemsAndRemoveOnlyTheOld() {
        String arn = h.table("ShapeModify", "NEW_AND_OLD_IMAGES").streamArn();
        var v1 = StreamsHarness.number(StreamsHarness.item("id", "m", "color", "red"), "qty", "3");
        var v2 = StreamsHarness.number(StreamsHarness.item("id", "m"), "qty", "4");
        h.insert("ShapeModify", v1);
        h.modify("ShapeModify", v1, v2);
        h.remove("ShapeModify", v2);

        List<Record> records = h.readAll(arn);
        assertThat(records).extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        Record modify = records.get(1);
        assertThat(modify.dynamodb().oldImage()).containsOnlyKeys("id", "color", "qty");
        assertThat(modify.dynamodb().newImage()).containsOnlyKeys("id", "qty");
        assertThat(modify.dynamodb().newImage().get("qty").n()).isEqualTo("4");
        // keys 2 (id) + 1 (m); old: 3 + 6 (color red) + 5 (qty 3); new: 3 + 5
        assertThat(modify.dynamodb().sizeBytes()).isEqualTo(3 + (3 + 8 + 5) + (3 + 5));
        Record remove = records.get(2);
        assertThat(remove.dynamodb().hasNewImage()).isFalse();
        assertThat(remove.dynamodb().oldImage()).containsOnlyKeys("id", "qty");
        assertThat(new BigInteger(records.get(0).dynamodb().sequenceNumber()))
                .isLessThan(new BigInteger(modify.dynamodb().sequenceNumber()));
        assertThat(new BigInteger(modify.dynamodb().sequenceNumber()))
                .isLessThan(new BigInteger(remove.dynamodb().sequenceNumber()));
    }

    @Test
    void eachRecordHasItsOwnEventId() {
        String arn = h.table("ShapeIds", "KEYS_ONLY").streamArn();
        for (int i = 0; i < 50; i++) {
            h.insert("ShapeIds", StreamsHarness.item("id", "k" + i));
        }
        Set<String> ids = new HashSet<>();
        h.readAll(arn).forEach(r -> ids.add(r.eventID()));
        assertThat(ids).hasSize(50);
    }

    @Test
    void imagesAreCopiedSoLaterChangesToTheCallersObjectsDoNotLeakIn() {
        String arn = h.table("ShapeCopy", "NEW_IMAGE").streamArn();
        var item = StreamsHarness.item("id", "c", "state", "before");
        h.insert("ShapeCopy", item);
        item.putObject("state").put("S", "after");

        assertThat(h.readAll(arn).get(0).dynamodb().newImage().get("state").s()).isEqualTo("before");
    }
}
