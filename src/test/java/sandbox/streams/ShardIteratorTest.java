package sandbox.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.streams.AwsErrors.failureOf;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

class ShardIteratorTest {

    private static StreamsHarness h;

    @BeforeAll
    static void start() {
        // one shard: these are the rules within a shard (multi-shard streams: ShardLayoutTest, ShardRolloverTest)
        h = StreamsHarness.singleShard();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String ids(List<Record> records) {
        StringBuilder sb = new StringBuilder();
        records.forEach(r -> sb.append(r.dynamodb().keys().get("id").s()));
        return sb.toString();
    }

    private static String table(String name, String... ids) {
        String arn = h.table(name, "NEW_IMAGE").streamArn();
        for (String id : ids) {
            h.insert(name, StreamsHarness.item("id", id));
        }
        return arn;
    }

    @Test
    void trimHorizonStartsAtTheOldestRecord() {
        String arn = table("IterTrim", "a", "b", "c");
        assertThat(ids(h.drain(h.iterator(arn, ShardIteratorType.TRIM_HORIZON)))).isEqualTo("abc");
    }

    @Test
    void latestSkipsWhatIsThereAndSeesAWriteMadeAfterIt() {
        String arn = table("IterLatest", "a", "b");
        String latest = h.iterator(arn, ShardIteratorType.LATEST);

        GetRecordsResponse empty = h.client.getRecords(r -> r.shardIterator(latest));
        assertThat(empty.records()).isEmpty();
        assertThat(empty.nextShardIterator()).isNotBlank();

        h.insert("IterLatest", StreamsHarness.item("id", "c"));
        GetRecordsResponse seen = h.client.getRecords(r -> r.shardIterator(empty.nextShardIterator()));
        assertThat(ids(seen.records())).isEqualTo("c");
    }

    @Test
    void atSequenceNumberIncludesTheRecordAndAfterExcludesIt() {
        String arn = table("IterAtAfter", "a", "b", "c");
        String b = h.readAll(arn).get(1).dynamodb().sequenceNumber();

        assertThat(ids(h.drain(h.iterator(arn, ShardIteratorType.AT_SEQUENCE_NUMBER, b)))).isEqualTo("bc");
        assertThat(ids(h.drain(h.iterator(arn, ShardIteratorType.AFTER_SEQUENCE_NUMBER, b)))).isEqualTo("c");
    }

    @Test
    void afterTheLastSequenceNumberWaitsForTheNextWrite() {
        String arn = table("IterAfterLast", "a", "b");
        String last = h.readAll(arn).get(1).dynamodb().sequenceNumber();
        String it = h.iterator(arn, ShardIteratorType.AFTER_SEQUENCE_NUMBER, last);
        h.insert("IterAfterLast", StreamsHarness.item("id", "c"));

        assertThat(ids(h.drain(it))).isEqualTo("c");
    }

    @Test
    void anIteratorCanBeUsedAgainAndReadsTheSameRecords() {
        String arn = table("IterReuse", "a", "b", "c");
        String it = h.iterator(arn, ShardIteratorType.TRIM_HORIZON);

        GetRecordsResponse first = h.client.getRecords(r -> r.shardIterator(it).limit(2));
        GetRecordsResponse again = h.client.getRecords(r -> r.shardIterator(it).limit(2));
        assertThat(ids(first.records())).isEqualTo("ab");
        assertThat(ids(again.records())).isEqualTo("ab");
        assertThat(ids(h.client.getRecords(r -> r.shardIterator(first.nextShardIterator())).records()))
                .isEqualTo("c");
    }

    @Test
    void anOpenShardAlwaysGivesANextIteratorEvenWithNoRecords() {
        String arn = table("IterEmpty");
        String it = h.iterator(arn, ShardIteratorType.TRIM_HORIZON);
        for (int i = 0; i < 3; i++) {
            String current = it;
            GetRecordsResponse page = h.client.getRecords(r -> r.shardIterator(current));
            assertThat(page.hasRecords()).isTrue();
            assertThat(page.records()).isEmpty();
            assertThat(page.nextShardIterator()).startsWith(arn + "|1|");
            it = page.nextShardIterator();
        }
        h.insert("IterEmpty", StreamsHarness.item("id", "x"));
        String current = it;
        GetRecordsResponse page = h.client.getRecords(r -> r.shardIterator(current));
        assertThat(ids(page.records())).isEqualTo("x");
        assertThat(page.nextShardIterator()).isNotBlank();
    }

    @Test
    void limitPagesThroughTheShardInOrder() {
        String arn = table("IterLimit", "a", "b", "c", "d", "e");
        String it = h.iterator(arn, ShardIteratorType.TRIM_HORIZON);
        StringBuilder seen = new StringBuilder();
        for (int call = 0; call < 3; call++) {
            String current = it;
            GetRecordsResponse page = h.client.getRecords(r -> r.shardIterator(current).limit(2));
            assertThat(page.records().size()).isLessThanOrEqualTo(2);
            seen.append(ids(page.records()));
            it = page.nextShardIterator();
        }
        assertThat(seen).hasToString("abcde");
    }

    @Test
    void oneCallReturnsAtMostOneMegabyteOfRecords() {
        String arn = h.table("IterMegabyte", "NEW_IMAGE").streamArn();
        String big = "x".repeat(300 * 1024);
        for (int i = 0; i < 7; i++) {
            h.insert("IterMegabyte", StreamsHarness.item("id", "r" + i, "blob", big));
        }
        String it = h.iterator(arn, ShardIteratorType.TRIM_HORIZON);
        int total = 0;
        int calls = 0;
        while (total < 7) {
            String current = it;
            GetRecordsResponse page = h.client.getRecords(r -> r.shardIterator(current));
            long bytes = page.records().stream().mapToLong(r -> r.dynamodb().sizeBytes()).sum();
            assertThat(bytes).isLessThanOrEqualTo(1024 * 1024);
            assertThat(page.records()).hasSizeBetween(1, 3);
            total += page.records().size();
            it = page.nextShardIterator();
            calls++;
        }
        assertThat(calls).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aThousandRecordsAtMostPerCall() {
        String arn = h.table("IterThousand", "KEYS_ONLY").streamArn();
        for (int i = 0; i < 1205; i++) {
            h.insert("IterThousand", StreamsHarness.item("id", "k" + i));
        }
        String it = h.iterator(arn, ShardIteratorType.TRIM_HORIZON);
        GetRecordsResponse first = h.client.getRecords(r -> r.shardIterator(it));
        assertThat(first.records()).hasSize(1000);
        GetRecordsResponse second = h.client.getRecords(r -> r.shardIterator(first.nextShardIterator()));
        assertThat(second.records()).hasSize(205);
        assertThat(second.records().get(0).dynamodb().keys().get("id").s()).isEqualTo("k1000");
    }

    @Test
    void iteratorsHaveTheAwsForm() {
        String arn = table("IterForm", "a");
        assertThat(h.iterator(arn, ShardIteratorType.TRIM_HORIZON)).matches(
                java.util.regex.Pattern.quote(arn) + "\\|1\\|[A-Za-z0-9_-]+");
    }

    @Test
    void aGarbageIteratorIsAValidationError() {
        String arn = table("IterGarbage", "a");
        String good = h.iterator(arn, ShardIteratorType.TRIM_HORIZON);
        for (String bad : List.of("garbage", arn + "|1|AAAA", good.substring(0, good.length() - 3) + "zzz",
                good.replace("|1|", "|2|"))) {
            AwsErrors.Failure f = failureOf(() -> h.client.getRecords(r -> r.shardIterator(bad)));
            assertThat(f.status()).isEqualTo(400);
            assertThat(f.code()).isEqualTo("ValidationException");
            assertThat(f.message()).isEqualTo("Invalid ShardIterator");
        }
    }
}
