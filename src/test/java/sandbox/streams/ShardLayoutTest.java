package sandbox.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.streams.AwsErrors.failureOf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardFilterType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;

/** Where records land (by partition-key hash) and how DescribeStream lists many shards. */
class ShardLayoutTest {

    @Test
    void recordsAreSpreadOverTheShardsByPartitionKeyAndOneKeyStaysInOneShard() {
        try (StreamsHarness h = StreamsHarness.start()) {
            String arn = h.table("Spread", "KEYS_ONLY").streamArn();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 40; i++) {
                    h.insert("Spread", StreamsHarness.item("id", "key" + i));
                }
            }
            Map<String, List<Record>> byShard = h.byShard(arn);
            assertThat(byShard).hasSize(4);
            assertThat(byShard.values()).as("40 keys reach every shard").allSatisfy(r -> assertThat(r).isNotEmpty());
            Set<String> seen = new HashSet<>();
            byShard.values().forEach(records -> {
                Set<String> keys = new HashSet<>();
                records.forEach(r -> keys.add(r.dynamodb().keys().get("id").s()));
                assertThat(seen).as("a key's records are in one shard").doesNotContainAnyElementsOf(keys);
                seen.addAll(keys);
            });
            assertThat(seen).hasSize(40);
        }
    }

    @Test
    void describeStreamPagesMoreThanAHundredShardsParentsFirst() {
        // one record per shard: every write rolls its shard over
        try (StreamsHarness h = StreamsHarness.start(new ShardSettings(4, 0, 1, 0, 64))) {
            String arn = h.table("Many", "KEYS_ONLY").streamArn();
            for (int i = 0; i < 150; i++) {
                h.insert("Many", StreamsHarness.item("id", "k" + i));
            }
            StreamDescription first = h.client.describeStream(r -> r.streamArn(arn)).streamDescription();
            assertThat(first.shards()).as("at most 100 a call").hasSize(100);
            assertThat(first.lastEvaluatedShardId()).isEqualTo(first.shards().get(99).shardId());

            List<Shard> paged = new ArrayList<>();
            String start = null;
            int calls = 0;
            do {
                String from = start;
                StreamDescription page = h.client.describeStream(r -> r.streamArn(arn).limit(30)
                        .exclusiveStartShardId(from)).streamDescription();
                assertThat(page.shards().size()).isLessThanOrEqualTo(30);
                paged.addAll(page.shards());
                start = page.lastEvaluatedShardId();
                calls++;
            } while (start != null);
            assertThat(paged).hasSize(154);
            assertThat(calls).isEqualTo(6);
            assertThat(paged.subList(0, 100)).isEqualTo(first.shards());
            assertThat(paged).extracting(Shard::shardId).doesNotHaveDuplicates();
            List<String> ids = paged.stream().map(Shard::shardId).toList();
            for (Shard s : paged) {
                if (s.parentShardId() != null) {
                    assertThat(ids.indexOf(s.parentShardId())).isLessThan(ids.indexOf(s.shardId()));
                }
            }
            assertThat(new ShardLineage(paged).open()).hasSize(4);
            assertThat(new ShardLineage(paged).closed()).hasSize(150);

            for (int bad : new int[] {0, 101}) {
                assertThat(failureOf(() -> h.client.describeStream(r -> r.streamArn(arn).limit(bad))).code())
                        .isEqualTo("ValidationException");
            }
        }
    }

    @Test
    void childShardsFilterListsTheChildrenOfOneShard() {
        try (StreamsHarness h = StreamsHarness.start(new ShardSettings(2, 0, 2, 1, 8))) {
            String arn = h.table("Children", "KEYS_ONLY").streamArn();
            for (int i = 0; i < 30; i++) {
                h.insert("Children", StreamsHarness.item("id", "c" + i));
            }
            ShardLineage lineage = h.lineage(arn);
            for (Shard s : lineage.shards()) {
                StreamDescription children = h.client.describeStream(r -> r.streamArn(arn)
                        .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS).shardId(s.shardId()))).streamDescription();
                assertThat(children.shards()).isEqualTo(lineage.children(s.shardId()));
                assertThat(children.shards()).allSatisfy(c -> assertThat(c.parentShardId()).isEqualTo(s.shardId()));
            }
            assertThat(lineage.childrenById().values()).as("split every rollover").anySatisfy(c -> assertThat(c).hasSize(2));
        }
    }
}
