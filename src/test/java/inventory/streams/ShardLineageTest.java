package inventory.streams;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.streams.ShardLineage.ShardInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.SequenceNumberRange;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;

class ShardLineageTest {

    private static ShardInfo open(String id, String parent) {
        return new ShardInfo(id, parent, "1", false);
    }

    private static ShardInfo closed(String id, String parent) {
        return new ShardInfo(id, parent, "1", true);
    }

    private static List<String> ready(ShardLineage lineage, String... drained) {
        return lineage.ready(Set.of(drained)).stream().map(ShardInfo::shardId).toList();
    }

    @Test
    void childWaitsUntilItsParentIsDrained() {
        ShardLineage lineage = new ShardLineage(List.of(closed("a", null), open("b", "a")));
        assertThat(ready(lineage)).containsExactly("a");
        assertThat(ready(lineage, "a")).containsExactly("b");
    }

    @Test
    void aSplitMakesBothChildrenReadyTogetherAndGrandchildrenWait() {
        ShardLineage lineage = new ShardLineage(List.of(closed("p", null), closed("c1", "p"), open("c2", "p"),
                open("g1", "c1")));
        assertThat(ready(lineage)).containsExactly("p");
        assertThat(ready(lineage, "p")).containsExactly("c1", "c2");
        assertThat(ready(lineage, "p", "c1")).containsExactly("c2", "g1");
    }

    @Test
    void independentLineagesAreReadSideBySide() {
        ShardLineage lineage = new ShardLineage(List.of(open("x", null), closed("y", null), open("y1", "y")));
        assertThat(ready(lineage)).containsExactly("x", "y");
    }

    @Test
    void aParentTrimmedAwayCountsAsDone() {
        // the parent is no longer listed (its records are older than 24 hours): its child is a root now
        ShardLineage lineage = new ShardLineage(List.of(closed("c", "gone"), open("d", "c")));
        assertThat(ready(lineage)).containsExactly("c");
    }

    @Test
    void aStreamIsFinishedOnlyWhenEveryShardIsClosedAndDrained() {
        ShardLineage lineage = new ShardLineage(List.of(closed("a", null), closed("b", "a")));
        assertThat(lineage.finished(Set.of("a"))).isFalse();
        assertThat(lineage.finished(Set.of("a", "b"))).isTrue();
        assertThat(new ShardLineage(List.of(open("o", null))).finished(Set.of("o"))).isFalse();
    }

    @Test
    void describeFollowsPagesPastOneHundredShards() {
        List<Shard> all = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String parent = i == 0 ? null : id(i - 1);
            all.add(Shard.builder().shardId(id(i)).parentShardId(parent)
                    .sequenceNumberRange(SequenceNumberRange.builder().startingSequenceNumber("1")
                            .endingSequenceNumber(i < 249 ? "2" : null).build()).build());
        }
        List<String> asked = new ArrayList<>();
        // DescribeStream as AWS pages it: 100 shards, LastEvaluatedShardId while more exist
        ShardLineage lineage = ShardLineage.describe(after -> {
            asked.add(after);
            int from = after == null ? 0 : Integer.parseInt(after.substring(after.length() - 3)) + 1;
            int to = Math.min(all.size(), from + 100);
            return StreamDescription.builder().shards(all.subList(from, to))
                    .lastEvaluatedShardId(to < all.size() ? id(to - 1) : null).build();
        });
        assertThat(asked).containsExactly(null, id(99), id(199));
        assertThat(lineage.size()).isEqualTo(250);
        assertThat(lineage.shards()).last().satisfies(s -> assertThat(s.closed()).isFalse());
        Set<String> drained = new HashSet<>();
        for (int i = 0; i < 249; i++) {
            assertThat(ready(lineage, drained.toArray(String[]::new))).containsExactly(id(i));
            drained.add(id(i));
        }
        assertThat(ready(lineage, drained.toArray(String[]::new))).containsExactly(id(249));
    }

    private static String id(int i) {
        return String.format("shardId-00000001414562045508-%08d", i);
    }
}
