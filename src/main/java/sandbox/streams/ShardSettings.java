package sandbox.streams;

import java.time.Duration;

/**
 * How a stream's shards are laid out and roll over ({@code sandbox.streams.*}).
 *
 * @param shards          open shards a new stream starts with, each owning an equal slice of the key hash space
 * @param rolloverMillis  age at which an open shard closes and is followed by a child (0 = never by age)
 * @param rolloverRecords records after which an open shard closes (0 = no count limit)
 * @param splitEvery      every Nth rollover of a lineage splits the shard into two halves (0 = never)
 * @param maxOpenShards   no split beyond this many open shards (the rollover then makes one child)
 */
public record ShardSettings(int shards, long rolloverMillis, long rolloverRecords, int splitEvery, int maxOpenShards) {

    public static final int DEFAULT_SHARDS = 4;
    public static final long DEFAULT_ROLLOVER_MILLIS = Duration.ofHours(4).toMillis();
    /** A lineage splits about once a day at the 4-hour rollover, so a busy stream's shards double daily up to the cap. */
    public static final int DEFAULT_SPLIT_EVERY = 6;
    public static final int DEFAULT_MAX_OPEN_SHARDS = 64;
    /** Shorter age rollovers would make thousands of shards a day; tests move the clock instead. */
    public static final long MIN_ROLLOVER_MILLIS = 1000;
    static final int MAX_SHARDS = 1024;

    public ShardSettings {
        require(shards >= 1 && shards <= MAX_SHARDS, "sandbox.streams.shards", "1.." + MAX_SHARDS, shards);
        require(rolloverMillis == 0 || rolloverMillis >= MIN_ROLLOVER_MILLIS, "sandbox.streams.rollover-ms",
                "0 (never) or at least " + MIN_ROLLOVER_MILLIS, rolloverMillis);
        require(rolloverRecords >= 0, "sandbox.streams.rollover-records", "0 (no limit) or more", rolloverRecords);
        require(splitEvery >= 0, "sandbox.streams.split-every", "0 (never) or more", splitEvery);
        require(maxOpenShards >= shards && maxOpenShards <= MAX_SHARDS, "sandbox.streams.max-open-shards",
                "sandbox.streams.shards (" + shards + ").." + MAX_SHARDS, maxOpenShards);
    }

    public static ShardSettings defaults() {
        return new ShardSettings(DEFAULT_SHARDS, DEFAULT_ROLLOVER_MILLIS, 0, DEFAULT_SPLIT_EVERY,
                DEFAULT_MAX_OPEN_SHARDS);
    }

    /** One shard that never rolls over: the sandbox before shards were modelled. */
    public static ShardSettings singleShard() {
        return new ShardSettings(1, 0, 0, 0, 1);
    }

    private static void require(boolean ok, String property, String allowed, long value) {
        if (!ok) {
            throw new IllegalArgumentException(property + " must be " + allowed + ", was " + value);
        }
    }
}
