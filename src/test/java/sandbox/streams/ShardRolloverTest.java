package sandbox.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.streams.AwsErrors.failureOf;
import static sandbox.streams.ShardLineage.end;
import static sandbox.streams.ShardLineage.seq;
import static sandbox.streams.ShardLineage.start;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/** Shards close and are followed by children, by record count and by age (the test moves the clock), and split. */
class ShardRolloverTest {

    private static final ShardSettings BY_COUNT = new ShardSettings(4, 0, 5, 0, 64);

    /** Writes {@code versions} changes of each item, version after version, as the items' stream order. */
    private static void writeVersions(StreamsHarness h, String table, int items, int versions) {
        for (int v = 1; v <= versions; v++) {
            for (int i = 0; i < items; i++) {
                var after = StreamsHarness.number(StreamsHarness.item("id", "item" + i), "v", Integer.toString(v));
                var before = v == 1 ? null
                        : StreamsHarness.number(StreamsHarness.item("id", "item" + i), "v", Integer.toString(v - 1));
                h.service.onChange(table, StreamsHarness.keys("item" + i), StreamsHarness.packed(before),
                        StreamsHarness.packed(after));
            }
        }
    }

    /** A stream's shards and records after {@link #writeVersions} under these settings. */
    private record Written(ShardLineage lineage, Map<String, List<Record>> byShard) {
        static Written with(ShardSettings settings, int items, int versions) {
            try (StreamsHarness h = StreamsHarness.start(settings)) {
                String arn = h.table("Written", "NEW_IMAGE").streamArn();
                writeVersions(h, "Written", items, versions);
                return new Written(h.lineage(arn), h.byShard(arn));
            }
        }
    }

    @Test
    void aShardClosesAfterItsRecordLimitAndOneChildTakesOver() {
        Written w = Written.with(BY_COUNT, 8, 10);

        ShardLineage lineage = w.lineage();
        Map<String, List<Record>> byShard = w.byShard();
        assertThat(lineage.roots()).hasSize(4);
        assertThat(lineage.open()).as("no split: still one open shard per root").hasSize(4);
        assertThat(lineage.closed()).isNotEmpty();
        for (Shard closed : lineage.closed()) {
            List<Record> records = byShard.get(closed.shardId());
            assertThat(records).as("closed at its limit").hasSize(5);
            assertThat(closed.sequenceNumberRange().endingSequenceNumber())
                    .isEqualTo(records.get(4).dynamodb().sequenceNumber());
            List<Shard> children = lineage.children(closed.shardId());
            assertThat(children).hasSize(1);
            assertThat(start(children.get(0))).isGreaterThan(end(closed));
        }
        assertThat(byShard.values().stream().mapToInt(List::size).sum()).isEqualTo(80);
    }

    @Test
    void sequenceNumbersGrowWithinAShardAndEveryChildsExceedItsParents() {
        Written w = Written.with(new ShardSettings(4, 0, 3, 2, 64), 10, 12);
        ShardLineage lineage = w.lineage();
        Map<String, List<Record>> byShard = w.byShard();
        List<String> listed = lineage.shards().stream().map(Shard::shardId).toList();
        assertThat(listed).doesNotHaveDuplicates();
        for (Shard s : lineage.shards()) {
            assertThat(s.shardId()).matches("shardId-\\d{20}-[0-9a-f]{8}");
            List<Record> records = byShard.get(s.shardId());
            for (int i = 0; i < records.size(); i++) {
                assertThat(seq(records.get(i))).isGreaterThanOrEqualTo(start(s));
                if (i > 0) {
                    assertThat(seq(records.get(i))).isGreaterThan(seq(records.get(i - 1)));
                }
            }
            if (s.parentShardId() != null) {
                Shard parent = lineage.shard(s.parentShardId());
                assertThat(listed.indexOf(parent.shardId())).as("a parent is listed first").isLessThan(listed.indexOf(s.shardId()));
                assertThat(start(s)).isGreaterThan(end(parent));
                for (Record r : records) {
                    for (Record p : byShard.get(parent.shardId())) {
                        assertThat(seq(r)).isGreaterThan(seq(p));
                    }
                }
            }
        }
    }

    @Test
    void everyItemsChangesStayInOneLineageInWriteOrder() {
        Written w = Written.with(new ShardSettings(4, 0, 7, 3, 64), 16, 20);
        ShardLineage lineage = w.lineage();
        Map<String, List<Record>> byShard = w.byShard();
        Map<String, List<String>> shardsOfItem = new HashMap<>();
        Map<String, List<Integer>> versionsOfItem = new HashMap<>();
        // parent before child, as a correct reader goes
        byShard.forEach((shardId, records) -> records.forEach(r -> {
            String id = r.dynamodb().keys().get("id").s();
            shardsOfItem.computeIfAbsent(id, k -> new ArrayList<>()).add(shardId);
            versionsOfItem.computeIfAbsent(id, k -> new ArrayList<>()).add(Integer.parseInt(r.dynamodb().newImage().get("v").n()));
        }));
        assertThat(versionsOfItem).hasSize(16);
        versionsOfItem.forEach((id, versions) -> assertThat(versions).as("versions of %s", id)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList()));
        shardsOfItem.forEach((id, shards) -> {
            String last = shards.get(shards.size() - 1);
            assertThat(lineage.ancestry(last)).as("%s stays in one lineage", id).containsAll(shards);
            assertThat(shards.stream().distinct().count()).as("%s crossed rollovers", id).isGreaterThan(1);
        });
    }

    @Test
    void everyNthRolloverSplitsAShardIntoTwoChildrenUpToTheCap() {
        Written w = Written.with(new ShardSettings(2, 0, 4, 2, 6), 40, 10);
        ShardLineage lineage = w.lineage();
        assertThat(lineage.open()).as("capped").hasSize(6);
        List<Shard> splitParents = lineage.shards().stream()
                .filter(s -> lineage.children(s.shardId()).size() == 2).toList();
        assertThat(splitParents).isNotEmpty();
        assertThat(lineage.shards()).allSatisfy(s -> assertThat(lineage.children(s.shardId()).size()).isLessThanOrEqualTo(2));
        for (Shard root : lineage.roots()) {
            assertThat(lineage.children(root.shardId())).as("the first rollover makes one child").hasSize(1);
        }
    }

    @Test
    void splitChildrenOwnTheHalvesOfTheirParentsRange() {
        StreamShards shards = new StreamShards(new ShardSettings(1, 0, 1, 1, 8), SequenceNumbers.forCreation(0));
        shards.openRoots(0, StreamShards.UNRECORDED);
        shards.append(42, 0, c -> new StreamRecord(c, 0, 0, "INSERT", 0, null, null, null, 1), StreamShards.UNRECORDED);
        List<sandbox.streams.Shard> all = shards.shards();
        assertThat(all).hasSize(3);
        assertThat(all.get(0).range()).isEqualTo(HashRange.WHOLE);
        assertThat(all.get(0).isOpen()).isFalse();
        assertThat(List.of(all.get(1).range(), all.get(2).range())).isEqualTo(HashRange.WHOLE.halves());
        assertThat(all.get(1).range().high() + 1).isEqualTo(all.get(2).range().low());
        assertThat(all.subList(1, 3)).allSatisfy(c -> assertThat(c.parentShardId()).isEqualTo(all.get(0).shardId()));
    }

    @Test
    void shardsRollOverByAgeWithoutAnyWriteAndAnEmptyShardClosesBelowItsStart() {
        try (StreamsHarness h = StreamsHarness.start(new ShardSettings(4, Duration.ofHours(4).toMillis(), 0, 6, 64))) {
            String arn = h.table("ByAge", "KEYS_ONLY").streamArn();
            h.insert("ByAge", StreamsHarness.item("id", "early"));
            String early = h.readAll(arn).get(0).dynamodb().sequenceNumber();
            String earlyShard = h.shardOf(arn, early);

            h.clock.advance(Duration.ofHours(4).minusMillis(1));
            assertThat(h.lineage(arn).shards()).hasSize(4);
            String itBefore = h.iterator(arn, earlyShard, ShardIteratorType.TRIM_HORIZON);
            h.clock.advance(Duration.ofMillis(1));
            ShardLineage lineage = h.lineage(arn);
            assertThat(lineage.closed()).as("the roots closed at 4 hours, no write needed").hasSize(4);
            assertThat(lineage.open()).hasSize(4);
            for (Shard root : lineage.roots()) {
                assertThat(lineage.children(root.shardId())).hasSize(1);
                if (root.shardId().equals(earlyShard)) {
                    assertThat(root.sequenceNumberRange().endingSequenceNumber()).isEqualTo(early);
                } else {
                    assertThat(end(root)).as("empty: ends below its start").isLessThan(start(root));
                }
            }

            GetRecordsResponse drained = h.client.getRecords(r -> r.shardIterator(itBefore));
            assertThat(drained.records()).extracting(r -> r.dynamodb().sequenceNumber()).containsExactly(early);
            assertThat(drained.nextShardIterator()).as("closed and drained").isNull();

            h.insert("ByAge", StreamsHarness.item("id", "early"));
            String child = lineage.children(earlyShard).get(0).shardId();
            assertThat(h.shardOf(arn, h.readAll(arn).get(1).dynamodb().sequenceNumber())).isEqualTo(child);
        }
    }

    @Test
    void aClosedShardIsReadUntilDrainedThenGivesNoNextIteratorWhileTheOpenChildAlwaysDoes() {
        try (StreamsHarness h = StreamsHarness.start(new ShardSettings(1, 0, 3, 0, 1))) {
            String arn = h.table("Drain", "KEYS_ONLY").streamArn();
            String it = h.iterator(arn, h.shardId(arn), ShardIteratorType.TRIM_HORIZON);
            for (int i = 0; i < 4; i++) {
                h.insert("Drain", StreamsHarness.item("id", "d" + i));
            }
            List<String> seen = new ArrayList<>();
            int pages = 0;
            String next = it;
            while (next != null) {
                String current = next;
                GetRecordsResponse page = h.client.getRecords(r -> r.shardIterator(current).limit(2));
                page.records().forEach(r -> seen.add(r.dynamodb().keys().get("id").s()));
                next = page.nextShardIterator();
                pages++;
            }
            assertThat(seen).containsExactly("d0", "d1", "d2");
            assertThat(pages).isEqualTo(2);

            ShardLineage lineage = h.lineage(arn);
            Shard child = lineage.open().get(0);
            String childIt = h.iterator(arn, child.shardId(), ShardIteratorType.TRIM_HORIZON);
            GetRecordsResponse page = h.client.getRecords(r -> r.shardIterator(childIt));
            assertThat(page.records()).extracting(r -> r.dynamodb().keys().get("id").s()).containsExactly("d3");
            GetRecordsResponse empty = h.client.getRecords(r -> r.shardIterator(page.nextShardIterator()));
            assertThat(empty.records()).isEmpty();
            assertThat(empty.nextShardIterator()).as("open: always a next iterator").isNotNull();
        }
    }

    @Test
    void aClosedShardIsTrimmedThenVanishesTwentyFourHoursAfterItClosed() {
        try (StreamsHarness h = StreamsHarness.start(new ShardSettings(1, 0, 2, 0, 1))) {
            String arn = h.table("Vanish", "KEYS_ONLY").streamArn();
            h.insert("Vanish", StreamsHarness.item("id", "a"));
            h.clock.advance(Duration.ofHours(2));
            h.insert("Vanish", StreamsHarness.item("id", "b"));
            String root = h.lineage(arn).roots().get(0).shardId();
            String aSeq = h.byShard(arn).get(root).get(0).dynamodb().sequenceNumber();
            h.clock.advance(Duration.ofHours(21).plusMinutes(55));
            String trimHorizon = h.iterator(arn, root, ShardIteratorType.TRIM_HORIZON);

            h.clock.advance(Duration.ofMinutes(5).plusMillis(1));
            assertThat(h.byShard(arn).get(root)).as("a is past 24 hours").extracting(r -> r.dynamodb().keys().get("id").s())
                    .containsExactly("b");
            assertThat(failureOf(() -> h.client.getShardIterator(r -> r.streamArn(arn).shardId(root)
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(aSeq))).code())
                    .isEqualTo("TrimmedDataAccessException");
            assertThat(failureOf(() -> h.client.getRecords(r -> r.shardIterator(trimHorizon))).code())
                    .as("the iterator points at a, trimmed since").isEqualTo("TrimmedDataAccessException");

            h.clock.advance(Duration.ofHours(2));
            assertThat(h.lineage(arn).shards()).extracting(Shard::shardId).as("closed 24 hours ago, all trimmed")
                    .doesNotContain(root);
            AwsErrors.Failure gone = failureOf(() -> h.client.getShardIterator(r -> r.streamArn(arn).shardId(root)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)));
            assertThat(gone.code()).isEqualTo("ResourceNotFoundException");
            assertThat(h.lineage(arn).shards()).singleElement().as("the child still names its vanished parent")
                    .satisfies(child -> assertThat(child.parentShardId()).isEqualTo(root));
        }
    }

    @Test
    void aDisabledStreamClosesEveryOpenShard() {
        try (StreamsHarness h = StreamsHarness.start(BY_COUNT)) {
            String arn = h.table("Disabled", "KEYS_ONLY").streamArn();
            writeVersions(h, "Disabled", 6, 4);
            h.service.disableStream("Disabled");
            ShardLineage lineage = h.lineage(arn);
            assertThat(lineage.open()).isEmpty();
            assertThat(lineage.closed()).hasSizeGreaterThan(4);
            assertThat(h.byShard(arn).values().stream().mapToInt(List::size).sum()).isEqualTo(24);
        }
    }
}
