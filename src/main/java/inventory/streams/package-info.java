/**
 * The stream adapter: the {@code aws2-ddbstream-lineage} component, Camel's {@code aws2-ddbstream} options and headers
 * over a consumer that reads a DynamoDB stream by shard lineage and keeps its place in a checkpoint. An adapter for a
 * gap in Camel, to be deleted when Camel fills it.
 *
 * <h2>Which gap</h2>
 * Camel 4.17's {@code aws2-ddbstream} consumer loses records when shards close or split: it describes the stream once
 * and only its first 100 shards, never finds the children of a shard drained while others are open, can fail
 * replacing iterators (ConcurrentModificationException) and gets stuck on an iterator that expired before any record
 * was read. That is <a href="https://issues.apache.org/jira/browse/CAMEL-24154">CAMEL-24154</a>, fixed by
 * <a href="https://github.com/apache/camel/pull/24861">apache/camel PR 24861</a> in Camel 4.22, which our Maven
 * registry does not serve. {@code upstream.Camel24154DefectTest} shows the defect against the sandbox; it fails once
 * the stock consumer is fixed.
 *
 * <h2>Shaped like the fix</h2>
 * <table>
 * <caption>this package and Camel's consumer after PR 24861</caption>
 * <tr><th>here</th><th>Camel</th><th>job</th></tr>
 * <tr><td>{@link inventory.streams.LineageStreamConsumer}, {@link inventory.streams.ShardReader}</td>
 *     <td>{@code Ddb2StreamConsumer}</td><td>the poll loop: one GetRecords per shard, exchanges in order</td></tr>
 * <tr><td>{@link inventory.streams.ShardIterators}</td><td>{@code ShardIteratorHandler}</td>
 *     <td>get, keep and renew shard iterators; expired and trimmed iterators</td></tr>
 * <tr><td>{@link inventory.streams.ShardLineage}</td><td>{@code ShardTree}</td>
 *     <td>the shards, all DescribeStream pages; parents before children</td></tr>
 * </table>
 * Beyond the fix, ours keeps: a per-shard checkpoint of the records the route finished ({@link
 * inventory.streams.StreamPosition}, {@link inventory.streams.CheckpointKeeper}, a {@link
 * inventory.streams.CheckpointStore}); a record whose exchange failed stops its shard and is read again; the table's
 * stream followed when it is replaced ({@link inventory.streams.EnabledStream}); trimmed records counted and logged
 * ({@link inventory.streams.RetentionLoss}); the pre-filter ({@link inventory.streams.RecordFilter}); the reader's
 * turn ({@link inventory.streams.ReaderTurn}) begun and ended with the consumer; stall reporting and the stream meters.
 *
 * <h2>Options that differ from {@code aws2-ddbstream}</h2>
 * Same names and types (Camel's own generated configurers). {@code maxResultsPerRequest} is per shard per GetRecords
 * call (Camel divides it among the shards). {@code streamIteratorType} matters only when there is no checkpoint:
 * {@code FROM_START} reads from the oldest retained record, {@code FROM_LATEST} reads the retained records too but
 * routes only changes made after the first start (Camel starts each open shard at LATEST on every start).
 * {@code greedy} polls again at once only while the reader is behind. Headers: {@code Ddb2StreamConstants.EVENT_SOURCE}
 * and {@code EVENT_ID}, as Camel's.
 *
 * <h2>On upgrading to Camel 4.22 or later</h2>
 * Run {@code upstream.Camel24154DefectTest}. When it fails, the stock consumer no longer loses records, and the
 * route can go back to it: {@code from(aws2Ddbstream("{{inventory.table}}"))} without the component name, and
 * {@code PipelineConfiguration} stops registering {@link inventory.streams.LineageStreamComponent}. Then delete the
 * {@code Lineage*} classes, {@code ShardReader}, {@code ShardIterators}, {@code StreamPosition}, {@code EnabledStream},
 * {@code CheckpointKeeper}, {@code RetentionLoss}, {@code ShardLineage}, {@code RecordFilter} and their tests; and the
 * checkpoint classes, which the stock consumer cannot read. Kept: the route, the alert rule, the claims (fenced by the
 * reader's term). Lost, and to be weighed before switching: the checkpoint (a restart reads the retained 24 hours
 * again with {@code FROM_START}, the claims keeping it from alerting twice, or skips what changed while down with
 * {@code FROM_LATEST}); a failed record being read again (the stock consumer moves on, so every failure must end in
 * the dead letters); the pre-filter (every record an exchange; the route's {@code stock-check} filter decides);
 * following a replaced stream; counting trimmed records; the stall check and the {@code inventory.stream.*} meters;
 * the turn begun with the consumer (a {@code RoutePolicy} on the alert route must call {@code ReaderTurn} instead).
 * {@code inventory.alert.shard-refresh} and the checkpoint in {@code inventory.state.table} become unused.
 */
package inventory.streams;
