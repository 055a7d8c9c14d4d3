package sandbox.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.streams.AwsErrors.failureOf;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/** Iterator expiry (15 minutes) and record trimming (24 hours), by the sandbox clock. */
class StreamLifetimeTest {

    private StreamsHarness h;

    @BeforeEach
    void start() {
        // one shard: these are the rules within a shard (multi-shard streams: ShardLayoutTest, ShardRolloverTest)
        h = StreamsHarness.singleShard();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static String ids(List<Record> records) {
        StringBuilder sb = new StringBuilder();
        records.forEach(r -> sb.append(r.dynamodb().keys().get("id").s()));
        return sb.toString();
    }

    @Test
    void anIteratorExpiresFifteenMinutesAfterItWasHandedOut() {
        String arn = h.table("Expiry", "KEYS_ONLY").streamArn();
        h.insert("Expiry", StreamsHarness.item("id", "a"));
        String it = h.iterator(arn, ShardIteratorType.TRIM_HORIZON);

        h.clock.advance(Duration.ofMinutes(15));
        GetRecordsResponse stillValid = h.client.getRecords(r -> r.shardIterator(it));
        assertThat(ids(stillValid.records())).isEqualTo("a");

        h.clock.advance(Duration.ofSeconds(1));
        AwsErrors.Failure f = failureOf(() -> h.client.getRecords(r -> r.shardIterator(it)));
        assertThat(f.status()).isEqualTo(400);
        assertThat(f.code()).isEqualTo("ExpiredIteratorException");
        assertThat(f.message()).isEqualTo("The provided iterator exceeds the maximum age allowed.");

        // the next iterator handed out with the last page is new, so it is good for another 15 minutes
        h.insert("Expiry", StreamsHarness.item("id", "b"));
        h.clock.advance(Duration.ofMinutes(14));
        assertThat(ids(h.client.getRecords(r -> r.shardIterator(stillValid.nextShardIterator())).records()))
                .isEqualTo("b");
    }

    @Test
    void recordsOlderThanTwentyFourHoursAreTrimmedAndTrimHorizonStartsAtTheOldestLeft() {
        String arn = h.table("Trim", "NEW_IMAGE").streamArn();
        h.insert("Trim", StreamsHarness.item("id", "a"));
        h.insert("Trim", StreamsHarness.item("id", "b"));
        String aSeq = h.readAll(arn).get(0).dynamodb().sequenceNumber();
        h.clock.advance(Duration.ofHours(12));
        h.insert("Trim", StreamsHarness.item("id", "c"));

        h.clock.advance(Duration.ofHours(12));
        assertThat(ids(h.readAll(arn))).as("exactly 24 hours old is kept").isEqualTo("abc");

        h.clock.advance(Duration.ofMillis(1));
        assertThat(ids(h.readAll(arn))).isEqualTo("c");

        AwsErrors.Failure at = failureOf(() -> h.client.getShardIterator(r -> r.streamArn(arn)
                .shardId(h.shardId(arn)).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(aSeq)));
        assertThat(at.code()).isEqualTo("TrimmedDataAccessException");
        assertThat(at.message()).isEqualTo("The operation attempted to read past the oldest stream record in a shard.");

        h.clock.advance(Duration.ofHours(12));
        List<Record> none = h.readAll(arn);
        assertThat(none).isEmpty();
        h.insert("Trim", StreamsHarness.item("id", "d"));
        assertThat(ids(h.readAll(arn))).isEqualTo("d");
    }

    @Test
    void anIteratorPointingAtARecordThatWasTrimmedSinceFailsAsTrimmed() {
        String arn = h.table("TrimLater", "KEYS_ONLY").streamArn();
        h.insert("TrimLater", StreamsHarness.item("id", "a"));
        h.clock.advance(Duration.ofHours(23).plusMinutes(50));
        h.insert("TrimLater", StreamsHarness.item("id", "b"));
        String it = h.iterator(arn, ShardIteratorType.TRIM_HORIZON);

        h.clock.advance(Duration.ofMinutes(11));
        AwsErrors.Failure f = failureOf(() -> h.client.getRecords(r -> r.shardIterator(it)));
        assertThat(f.code()).isEqualTo("TrimmedDataAccessException");
        assertThat(ids(h.readAll(arn))).isEqualTo("b");
    }

    @Test
    void aDisabledStreamDisappearsTwentyFourHoursAfterItsTableWasDeleted() {
        String arn = h.table("Gone", "KEYS_ONLY").streamArn();
        h.insert("Gone", StreamsHarness.item("id", "a"));
        h.clock.advance(Duration.ofHours(1));
        h.service.disableStream("Gone");

        h.clock.advance(Duration.ofHours(23).plusMinutes(1));
        assertThat(h.client.listStreams(r -> r.tableName("Gone")).streams()).hasSize(1);
        assertThat(h.readAll(arn)).as("the record itself is past 24 hours").isEmpty();

        h.clock.advance(Duration.ofMinutes(59));
        assertThat(h.client.listStreams(r -> r.tableName("Gone")).streams()).isEmpty();
        assertThat(failureOf(() -> h.client.describeStream(r -> r.streamArn(arn))).code())
                .isEqualTo("ResourceNotFoundException");
    }
}
