package sandbox.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.SequenceNumberRange;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;

/** A deleted table: its stream is DISABLED, its shards closed but readable; a new table gets a new stream. */
class ClosedShardTest {

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
    void disablingClosesEveryShardAfterItsLastRecordAndReadingToTheEndEndsEachShard() {
        String arn = h.table("Closing", "KEYS_ONLY").streamArn();
        for (int i = 0; i < 12; i++) {
            h.insert("Closing", StreamsHarness.item("id", "k" + i));
        }
        Map<String, String> latestBefore = new HashMap<>();
        h.shards(arn).forEach(s -> latestBefore.put(s.shardId(), h.iterator(arn, s.shardId(), ShardIteratorType.LATEST)));
        h.service.disableStream("Closing");
        h.insert("Closing", StreamsHarness.item("id", "late"));

        StreamDescription d = h.client.describeStream(r -> r.streamArn(arn)).streamDescription();
        assertThat(d.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(d.shards()).hasSize(4);
        Map<String, List<Record>> byShard = h.byShard(arn);
        assertThat(byShard.values().stream().mapToInt(List::size).sum()).isEqualTo(12);
        for (Shard shard : d.shards()) {
            SequenceNumberRange range = shard.sequenceNumberRange();
            List<Record> records = byShard.get(shard.shardId());
            BigInteger start = new BigInteger(range.startingSequenceNumber());
            BigInteger end = new BigInteger(range.endingSequenceNumber());
            if (records.isEmpty()) {
                assertThat(end).as("an empty closed shard ends below its start").isLessThan(start);
                continue;
            }
            assertThat(range.endingSequenceNumber()).isEqualTo(records.get(records.size() - 1).dynamodb().sequenceNumber());
            assertThat(start).isLessThanOrEqualTo(new BigInteger(records.get(0).dynamodb().sequenceNumber()));

            String it = h.iterator(arn, shard.shardId(), ShardIteratorType.TRIM_HORIZON);
            int firstPage = Math.max(1, records.size() - 1);
            GetRecordsResponse first = h.client.getRecords(r -> r.shardIterator(it).limit(firstPage));
            String next = first.nextShardIterator();
            if (records.size() > 1) {
                assertThat(next).as("one record left").isNotNull();
                GetRecordsResponse last = h.client.getRecords(r -> r.shardIterator(next));
                assertThat(last.records()).hasSize(1);
                assertThat(last.nextShardIterator()).as("read to its end").isNull();
            } else {
                assertThat(next).as("read to its end").isNull();
            }

            GetRecordsResponse fromOldLatest = h.client.getRecords(r -> r.shardIterator(latestBefore.get(shard.shardId())));
            assertThat(fromOldLatest.records()).isEmpty();
            assertThat(fromOldLatest.nextShardIterator()).isNull();
            GetRecordsResponse latest = h.client.getRecords(r -> r.shardIterator(
                    h.iterator(arn, shard.shardId(), ShardIteratorType.LATEST)));
            assertThat(latest.records()).isEmpty();
            assertThat(latest.nextShardIterator()).isNull();
        }
    }

    @Test
    void anEmptyClosedShardStillHasARangeAndEndsAtOnce() {
        String arn = h.table("ClosedEmpty", "KEYS_ONLY").streamArn();
        h.service.disableStream("ClosedEmpty");
        for (Shard shard : h.shards(arn)) {
            SequenceNumberRange range = shard.sequenceNumberRange();
            assertThat(range.endingSequenceNumber()).matches("\\d{21}");
            assertThat(new BigInteger(range.endingSequenceNumber()))
                    .isLessThan(new BigInteger(range.startingSequenceNumber()));
            GetRecordsResponse page = h.client.getRecords(r -> r.shardIterator(
                    h.iterator(arn, shard.shardId(), ShardIteratorType.TRIM_HORIZON)));
            assertThat(page.records()).isEmpty();
            assertThat(page.nextShardIterator()).isNull();
        }
    }

    @Test
    void aTableCreatedAgainGetsANewStreamListedFirst() {
        var first = h.table("Again", "NEW_IMAGE");
        h.insert("Again", StreamsHarness.item("id", "old"));
        h.service.disableStream("Again");
        var second = h.table("Again", "NEW_IMAGE");
        h.insert("Again", StreamsHarness.item("id", "new"));

        assertThat(second.streamArn()).isNotEqualTo(first.streamArn());
        assertThat(second.streamLabel()).isNotEqualTo(first.streamLabel());
        assertThat(h.client.listStreams(r -> r.tableName("Again")).streams())
                .extracting(s -> s.streamArn()).containsExactly(second.streamArn(), first.streamArn());
        assertThat(h.readAll(first.streamArn())).extracting(r -> r.dynamodb().keys().get("id").s())
                .containsExactly("old");
        assertThat(h.readAll(second.streamArn())).extracting(r -> r.dynamodb().keys().get("id").s())
                .containsExactly("new");
        assertThat(h.client.describeStream(r -> r.streamArn(second.streamArn())).streamDescription().streamStatus())
                .isEqualTo(StreamStatus.ENABLED);
    }

    @Test
    void enablingAnEnabledStreamAgainReturnsTheSameStream() {
        var first = h.table("Idempotent", "NEW_IMAGE");
        var again = h.service.enableStream("Idempotent", "NEW_IMAGE", StreamsHarness.hashKey("id"),
                h.clock.instant().plusSeconds(60));
        assertThat(again).isEqualTo(first);
        assertThat(first.viewType()).isEqualTo("NEW_IMAGE");
        assertThat(first.streamArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/Idempotent/stream/"
                + first.streamLabel());
        assertThat(first.streamLabel()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
    }

    @Test
    void changesOfATableWithoutStreamAreIgnored() {
        h.service.onChange("NoStream", StreamsHarness.keys("a"), null, StreamsHarness.packed(StreamsHarness.item("id", "a")));
        h.service.disableStream("NoStream");
        assertThat(h.client.listStreams(r -> r.tableName("NoStream")).streams()).isEmpty();
    }
}
