/**
 * The sandbox's DynamoDB: awsJson 1.0 on the sandbox endpoint, items kept as canonical wire JSON in one
 * sorted map per table (partition key, then sort key, in DynamoDB order), striped per-item write locks,
 * the expression grammar in {@code expr}, and the journal under {@code <data-dir>/dynamodb/}.
 *
 * <p>Operations: CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable (capacity mode and
 * stream on/off), PutItem, GetItem, UpdateItem, DeleteItem, Query, Scan, BatchWriteItem, BatchGetItem,
 * TransactWriteItems, TransactGetItems. Anything else is {@code UnknownOperationException}.
 *
 * <p>Where it knowingly differs from AWS:
 * <ul>
 *   <li>Tables are ACTIVE at once (no CREATING/DELETING phase); ItemCount and TableSizeBytes are live,
 *       not refreshed every six hours.</li>
 *   <li>No secondary indexes: LocalSecondaryIndexes, GlobalSecondaryIndexes and IndexName are refused
 *       with a ValidationException that says so. No TTL, backups, PartiQL, tags or global tables.</li>
 *   <li>Scan returns items in key order (AWS: hash order); a segment is a hash of the partition key.</li>
 *   <li>Nothing is throttled: UnprocessedItems and UnprocessedKeys are always empty; ConsumedCapacity is
 *       an estimate (1 KB write units, 4 KB read units, 2 units per transaction item).</li>
 *   <li>{@code size()} of a string counts its UTF-8 bytes.</li>
 *   <li>Messages of rare errors (BatchWriteItem request shape, legacy operator misuse, some key-condition
 *       misuse, update functions used in conditions) are best-effort wording.</li>
 *   <li>ClientRequestToken idempotency is kept in memory (10 minutes, at most 100,000 tokens).</li>
 *   <li>The Streams side is told about changes only for tables whose stream is enabled.</li>
 * </ul>
 */
package sandbox.dynamodb;
