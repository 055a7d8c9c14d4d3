package sandbox.streams;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;

/** A stream's shards as DescribeStream lists them, with the questions the shard tests ask of them. */
record ShardLineage(List<Shard> shards) {

    Shard shard(String shardId) {
        return shards.stream().filter(s -> s.shardId().equals(shardId)).findFirst()
                .orElseThrow(() -> new AssertionError("no shard " + shardId));
    }

    List<Shard> roots() {
        return shards.stream().filter(s -> s.parentShardId() == null).toList();
    }

    List<Shard> open() {
        return shards.stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).toList();
    }

    List<Shard> closed() {
        return shards.stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() != null).toList();
    }

    List<Shard> children(String shardId) {
        return shards.stream().filter(s -> shardId.equals(s.parentShardId())).toList();
    }

    /** Shard id to its children's ids. */
    Map<String, List<String>> childrenById() {
        return shards.stream().filter(s -> s.parentShardId() != null).collect(Collectors.groupingBy(
                Shard::parentShardId, Collectors.mapping(Shard::shardId, Collectors.toList())));
    }

    /** The shard and its ancestors still listed, oldest first. */
    List<String> ancestry(String shardId) {
        List<String> line = new ArrayList<>();
        for (String id = shardId; id != null && shards.stream().anyMatch(has(id)); id = shard(id).parentShardId()) {
            line.add(0, id);
        }
        return line;
    }

    private static java.util.function.Predicate<Shard> has(String id) {
        return s -> s.shardId().equals(id);
    }

    static BigInteger seq(Record r) {
        return new BigInteger(r.dynamodb().sequenceNumber());
    }

    static BigInteger start(Shard s) {
        return new BigInteger(s.sequenceNumberRange().startingSequenceNumber());
    }

    static BigInteger end(Shard s) {
        return new BigInteger(s.sequenceNumberRange().endingSequenceNumber());
    }
}
