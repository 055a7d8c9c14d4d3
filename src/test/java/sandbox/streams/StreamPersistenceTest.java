package sandbox.streams;

import sandbox.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.streams.AwsErrors.failureOf;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;

/** With a data folder, streams, records, sequence numbers and iterators survive a stop and start. */
class StreamPersistenceTest {

    @TempDir
    Path dataDir;

    private final MovableClock clock = new MovableClock(StreamsHarness.START);

    private StreamsHarness start() {
        return StreamsHarness.start(clock, dataDir);
    }

    private static BigInteger seq(Record r) {
        return new BigInteger(r.dynamodb().sequenceNumber());
    }

    @Test
    void streamsRecordsAndIteratorsSurviveARestart() {
        TableChangeSink.StreamInfo info;
        List<Record> before;
        List<software.amazon.awssdk.services.dynamodb.model.Shard> shardsBefore;
        String aShard;
        List<Record> inAShard;
        String afterFirst;
        String trimHorizon;
        try (StreamsHarness h = start()) {
            info = h.table("Persisted", "NEW_AND_OLD_IMAGES");
            var a1 = StreamsHarness.item("id", "a", "qty", "1");
            h.insert("Persisted", a1);
            h.insert("Persisted", StreamsHarness.item("id", "b"));
            h.modify("Persisted", a1, StreamsHarness.item("id", "a", "qty", "2"));
            before = h.readAll(info.streamArn());
            shardsBefore = h.shards(info.streamArn());
            aShard = h.shardOf(info.streamArn(), before.get(0).dynamodb().sequenceNumber());
            inAShard = h.byShard(info.streamArn()).get(aShard);
            afterFirst = h.iterator(info.streamArn(), aShard, ShardIteratorType.AFTER_SEQUENCE_NUMBER,
                    before.get(0).dynamodb().sequenceNumber());
            trimHorizon = h.iterator(info.streamArn(), aShard, ShardIteratorType.TRIM_HORIZON);
        }
        clock.advance(Duration.ofMinutes(5));
        try (StreamsHarness h = start()) {
            var again = h.service.enableStream("Persisted", "NEW_AND_OLD_IMAGES", StreamsHarness.hashKey("id"),
                    StreamsHarness.START);
            assertThat(again).isEqualTo(info);
            assertThat(h.shards(info.streamArn())).isEqualTo(shardsBefore);
            assertThat(h.readAll(info.streamArn())).isEqualTo(before);
            assertThat(inAShard).contains(before.get(0), before.get(2));
            assertThat(h.drain(afterFirst)).isEqualTo(inAShard.subList(1, inAShard.size()));
            assertThat(h.drain(trimHorizon)).isEqualTo(inAShard);

            h.insert("Persisted", StreamsHarness.item("id", "c"));
            List<Record> after = h.readAll(info.streamArn());
            assertThat(after).hasSize(4);
            assertThat(seq(after.get(3))).isGreaterThan(seq(before.get(2)));
            StreamDescription d = h.client.describeStream(r -> r.streamArn(info.streamArn())).streamDescription();
            assertThat(d.streamStatus()).isEqualTo(StreamStatus.ENABLED);
            assertThat(d.keySchema().get(0).attributeName()).isEqualTo("id");
            assertThat(d.creationRequestDateTime()).isEqualTo(StreamsHarness.START);
        }
    }

    @Test
    void startUpCompactionDropsTrimmedRecordsButNumberingGoesOn() throws Exception {
        String arn;
        BigInteger last;
        try (StreamsHarness h = start()) {
            arn = h.table("Compacted", "KEYS_ONLY").streamArn();
            for (int i = 0; i < 20; i++) {
                h.insert("Compacted", StreamsHarness.item("id", "k" + i));
            }
            last = seq(h.readAll(arn).get(19));
        }
        Path journal = dataDir.resolve("streams").resolve(StreamJournal.FILE_NAME);
        assertThat(recordLines(journal)).isEqualTo(20);

        clock.advance(Duration.ofHours(25));
        try (StreamsHarness h = start()) {
            assertThat(recordLines(journal)).as("only the stream and its shards are left").isZero();
            assertThat(h.readAll(arn)).isEmpty();
            h.insert("Compacted", StreamsHarness.item("id", "new"));
            List<Record> now = h.readAll(arn);
            assertThat(now).hasSize(1);
            assertThat(seq(now.get(0))).isGreaterThan(last);
        }
        try (StreamsHarness h = start()) {
            assertThat(h.readAll(arn)).hasSize(1);
        }
    }

    private static long recordLines(Path journal) throws java.io.IOException {
        return Files.readAllLines(journal).stream().filter(l -> l.contains("\"e\":\"rec\"")).count();
    }

    @Test
    void aDisabledStreamStaysDisabledAndTheTablesNewStreamStaysCurrent() {
        String oldArn;
        String newArn;
        List<software.amazon.awssdk.services.dynamodb.model.Shard> oldShards;
        try (StreamsHarness h = start()) {
            oldArn = h.table("Recreated", "NEW_IMAGE").streamArn();
            h.insert("Recreated", StreamsHarness.item("id", "old"));
            h.service.disableStream("Recreated");
            oldShards = h.shards(oldArn);
            newArn = h.table("Recreated", "NEW_IMAGE").streamArn();
            h.insert("Recreated", StreamsHarness.item("id", "new"));
        }
        try (StreamsHarness h = start()) {
            assertThat(h.service.enableStream("Recreated", "NEW_IMAGE", StreamsHarness.hashKey("id"),
                    clock.instant()).streamArn()).isEqualTo(newArn);
            assertThat(h.client.listStreams(r -> r.tableName("Recreated")).streams())
                    .extracting(s -> s.streamArn()).containsExactly(newArn, oldArn);
            StreamDescription old = h.client.describeStream(r -> r.streamArn(oldArn)).streamDescription();
            assertThat(old.streamStatus()).isEqualTo(StreamStatus.DISABLED);
            assertThat(oldShards).allSatisfy(s -> assertThat(s.sequenceNumberRange().endingSequenceNumber()).isNotNull());
            assertThat(h.shards(oldArn)).as("closed shards, ends and all").isEqualTo(oldShards);
            assertThat(h.readAll(oldArn)).extracting(r -> r.dynamodb().keys().get("id").s()).containsExactly("old");
            assertThat(h.readAll(newArn)).extracting(r -> r.dynamodb().keys().get("id").s()).containsExactly("new");
        }
    }

    @Test
    void backgroundCompactionWhileWritersRunLosesNothing() throws Exception {
        int threads = 8;
        int perThread = 600;
        String arn;
        try (StreamsHarness h = StreamsHarness.start(clock, dataDir, 500)) {
            arn = h.table("Compacting", "NEW_IMAGE").streamArn();
            for (int i = 0; i < 1000; i++) {
                h.insert("Compacting", StreamsHarness.item("id", "old" + i));
            }
            clock.advance(Duration.ofHours(25));
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<?>> writers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        h.insert("Compacting", StreamsHarness.item("id", "t" + thread + "-" + i));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> w : writers) {
                w.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        Path journal = dataDir.resolve("streams").resolve(StreamJournal.FILE_NAME);
        assertThat(Files.readAllLines(journal).size()).as("trimmed records were compacted away")
                .isLessThan(1 + 1000 + threads * perThread);
        try (StreamsHarness h = start()) {
            List<Record> records = h.readAll(arn);
            assertThat(records).hasSize(threads * perThread);
            assertThat(records).allSatisfy(r -> assertThat(r.dynamodb().keys().get("id").s()).startsWith("t"));
            for (int i = 1; i < records.size(); i++) {
                assertThat(seq(records.get(i))).isGreaterThan(seq(records.get(i - 1)));
            }
        }
    }

    @Test
    void shardsLineageClosuresAndCountersSurviveARestart() {
        ShardSettings fast = new ShardSettings(4, Duration.ofHours(4).toMillis(), 3, 2, 64);
        String arn;
        ShardLineage before;
        Map<String, List<Record>> recordsBefore;
        try (StreamsHarness h = StreamsHarness.start(clock, dataDir, fast)) {
            arn = h.table("Rolled", "KEYS_ONLY").streamArn();
            for (int i = 0; i < 30; i++) {
                h.insert("Rolled", StreamsHarness.item("id", "r" + (i % 7)));
            }
            h.clock.advance(Duration.ofHours(4));
            before = h.lineage(arn);
            recordsBefore = h.byShard(arn);
        }
        assertThat(before.closed()).isNotEmpty();
        assertThat(before.childrenById().values()).anySatisfy(c -> assertThat(c).hasSize(2));
        try (StreamsHarness h = StreamsHarness.start(clock, dataDir, fast)) {
            assertThat(h.lineage(arn)).isEqualTo(before);
            assertThat(h.byShard(arn)).isEqualTo(recordsBefore);
            h.insert("Rolled", StreamsHarness.item("id", "r0"));
            List<Record> old = recordsBefore.values().stream().flatMap(List::stream).toList();
            Record added = h.readAll(arn).stream().filter(r -> !old.contains(r)).findFirst().orElseThrow();
            assertThat(old).allSatisfy(r -> assertThat(seq(added)).as("the stream counter went on").isGreaterThan(seq(r)));
            String r0Shard = h.shardOf(arn, added.dynamodb().sequenceNumber());
            List<String> r0Shards = recordsBefore.entrySet().stream()
                    .filter(e -> e.getValue().stream().anyMatch(r -> r.dynamodb().keys().get("id").s().equals("r0")))
                    .map(Map.Entry::getKey).toList();
            assertThat(h.lineage(arn).ancestry(r0Shard)).as("r0 stays in its lineage").containsAll(r0Shards);
        }
    }

    @Test
    void aJournalOfTheOneShardFormatLoadsAsOneRootShard() throws Exception {
        String arn = "arn:aws:dynamodb:us-east-1:000000000000:table/Old/stream/2026-11-24T21:44:17.123";
        long created = StreamsHarness.START.toEpochMilli();
        Path journal = dataDir.resolve("streams").resolve(StreamJournal.FILE_NAME);
        Files.createDirectories(journal.getParent());
        Files.write(journal, List.of(
                "{\"e\":\"stream\",\"arn\":\"" + arn + "\",\"label\":\"2026-11-24T21:44:17.123\",\"table\":\"Old\","
                        + "\"view\":\"KEYS_ONLY\",\"created\":" + created + ",\"shard\":\"shardId-00000001795556657123-0badcafe\","
                        + "\"prefix\":195556657,\"last\":0,\"trimmed\":0,\"end\":-1,\"disabled\":-1,"
                        + "\"keySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]}",
                "{\"e\":\"rec\",\"arn\":\"" + arn + "\",\"n\":1,\"id\":\"" + "a".repeat(32) + "\",\"ev\":\"INSERT\",\"at\":"
                        + created + ",\"size\":3,\"keys\":{\"id\":{\"S\":\"a\"}}}",
                "{\"e\":\"rec\",\"arn\":\"" + arn + "\",\"n\":2,\"id\":\"" + "b".repeat(32) + "\",\"ev\":\"INSERT\",\"at\":"
                        + created + ",\"size\":3,\"keys\":{\"id\":{\"S\":\"b\"}}}"));
        try (StreamsHarness h = start()) {
            ShardLineage lineage = h.lineage(arn);
            assertThat(lineage.shards()).singleElement().satisfies(s -> {
                assertThat(s.shardId()).isEqualTo("shardId-00000001795556657123-0badcafe");
                assertThat(s.parentShardId()).isNull();
                assertThat(s.sequenceNumberRange().startingSequenceNumber()).isEqualTo("195556657000000000001");
            });
            h.insert("Old", StreamsHarness.item("id", "c"));
            assertThat(h.readAll(arn)).extracting(r -> r.dynamodb().sequenceNumber())
                    .containsExactly("195556657000000000001", "195556657000000000002", "195556657000000000003");
        }
        try (StreamsHarness h = start()) {
            assertThat(h.readAll(arn)).as("compacted into the shard format").hasSize(3);
            assertThat(Files.readString(journal)).contains("\"e\":\"shard\"");
        }
    }

    @Test
    void anIteratorFromBeforeARestartStillExpiresOnTime() {
        String it;
        try (StreamsHarness h = start()) {
            String arn = h.table("ExpiresAcross", "KEYS_ONLY").streamArn();
            it = h.iterator(arn, h.shards(arn).get(0).shardId(), ShardIteratorType.LATEST);
        }
        clock.advance(Duration.ofMinutes(16));
        try (StreamsHarness h = start()) {
            assertThat(failureOf(() -> h.client.getRecords(r -> r.shardIterator(it))).code())
                    .isEqualTo("ExpiredIteratorException");
        }
    }
}
