/**
 * The sandbox's DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator and GetRecords over
 * the changes {@code sandbox.dynamodb} reports through {@link sandbox.streams.TableChangeSink}, with
 * the journal under {@code <data-dir>/streams/}.
 *
 * <p>Shards as AWS runs them: a stream starts with {@code sandbox.streams.shards} (default 4) open
 * shards, each owning a slice of the partition-key hash space (MD5 of the HASH attribute's value), so
 * every change of one item goes to the one open shard that owns its key and an item's records keep
 * their order along its shard lineage. An open shard closes ({@code EndingSequenceNumber} = its last
 * record's number) after {@code sandbox.streams.rollover-ms} (default 4 hours) and/or
 * {@code sandbox.streams.rollover-records} (default 0 = no limit) and is followed by one child with
 * the same range naming it as {@code ParentShardId}; every {@code sandbox.streams.split-every}th
 * rollover of a lineage (default 6, about daily) makes two children with half the range each, while
 * the stream has fewer than {@code sandbox.streams.max-open-shards} (default 64) open shards. Rollover
 * is evaluated lazily, on every write and every Streams call, by the sandbox clock (no thread). A
 * closed shard stays readable until drained (then GetRecords gives no {@code NextShardIterator}) and
 * disappears from DescribeStream once it closed more than 24 hours ago; GetShardIterator on it then
 * answers ResourceNotFoundException. A deleted table's stream closes all its open shards.
 *
 * <p>Where it knowingly differs from AWS:
 * <ul>
 *   <li>Sequence numbers come from one stream-wide counter (21 digits: a 9-digit prefix from the
 *       stream's creation, then 12 digits), so they also order records across shards; AWS promises
 *       order only within a shard. Do not rely on it.</li>
 *   <li>An empty shard that closes has an {@code EndingSequenceNumber} one below its
 *       {@code StartingSequenceNumber} (an empty range; AWS documents nothing for this case).</li>
 *   <li>Shard count follows the configuration, not table size or throughput; AWS documents no
 *       rollover period (4 hours is what users observe). Hash ranges are internal, as on AWS.</li>
 *   <li>After a long idle gap (clock moved far ahead), generations that would have closed empty and
 *       vanished are skipped: their successors name the last listed shard as parent, and skipped
 *       generations do not split.</li>
 *   <li>A ShardFilter of type CHILD_SHARDS must name a ShardId. No throttling (AWS: about 10
 *       DescribeStream calls per second and 5 GetRecords per shard per second).</li>
 *   <li>A journal of the earlier one-shard format loads as one root shard owning the whole range.</li>
 * </ul>
 */
package sandbox.streams;
