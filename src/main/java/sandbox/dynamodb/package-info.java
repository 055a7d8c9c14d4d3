/**
 * The sandbox's DynamoDB: awsJson 1.0 on the sandbox endpoint, items kept as canonical wire JSON in one
 * sorted map per table (partition key, then sort key, in DynamoDB order), striped per-item write locks,
 * the expression grammar in {@code expr}, and the journal under {@code <data-dir>/dynamodb/}.
 *
 * <p>Operations: CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable (capacity mode and
 * stream on/off), UpdateTimeToLive, DescribeTimeToLive, PutItem, GetItem, UpdateItem, DeleteItem, Query, Scan, BatchWriteItem, BatchGetItem,
 * TransactWriteItems, TransactGetItems, ExecuteStatement and BatchExecuteStatement (PartiQL, grammar in
 * {@code partiql}). Anything else is {@code UnknownOperationException}.
 *
 * <p>Where it knowingly differs from AWS:
 * <ul>
 *   <li>Tables are ACTIVE at once (no CREATING/DELETING phase); ItemCount and TableSizeBytes are live,
 *       not refreshed every six hours.</li>
 *   <li>No secondary indexes: LocalSecondaryIndexes, GlobalSecondaryIndexes and IndexName are refused
 *       with a ValidationException that says so. No backups, ExecuteTransaction, tags or global tables.</li>
 *   <li>Time to Live: the setting is kept (and journaled) and goes straight to ENABLED / DISABLED (AWS: ENABLING /
 *       DISABLING for up to an hour, and a second change within that hour is refused; here it is not). Expired
 *       items are never deleted (AWS deletes them lazily, typically within two days, as REMOVE stream records
 *       by the service principal {@code dynamodb.amazonaws.com}); reads return them, as AWS's do until then.</li>
 *   <li>PartiQL: single-item statements only. A SELECT must name one item by its whole key (key = value for
 *       every key attribute); a SELECT that would query or scan is refused with a ValidationException that
 *       says the sandbox supports key lookups only, so no Limit/NextToken paging. No {@code "table"."index"},
 *       no EXISTS, no functions beyond attribute_exists / attribute_not_exists / attribute_type /
 *       begins_with / contains / size and, in SET, list_append / set_add / set_delete. Syntax-error
 *       messages keep AWS's prefix ("Statement wasn't well formed, can't be processed:") but not its detail.</li>
 *   <li>PartiQL UPDATE of a missing item is ConditionalCheckFailedException (AWS: the key in WHERE implies
 *       existence; UpdateItem would upsert); DELETE of a missing item succeeds; INSERT of an existing key is
 *       DuplicateItemException ({@code DuplicateItem} in a batch).</li>
 *   <li>BatchExecuteStatement with ReturnValuesOnConditionCheckFailure=ALL_OLD puts the current item in the
 *       failed statement's {@code Error.Item}, as the API model documents. One third-party conformance suite
 *       (nubo-db/dynamodb-conformance) records that AWS returns no Item there: do not rely on it.</li>
 *   <li>More {@code ?} parameters than placeholders are accepted (as recorded on DynamoDB Local); fewer fail.</li>
 *   <li>Per-statement faults: a {@code /_sandbox/faults} rule for service {@code dynamodb} and operation
 *       {@code BatchExecuteStatement.Statement} fails single statements of a batch (e.g. code
 *       {@code ThrottlingError}, probability 0.3) while the others run; AWS throttles per statement too.</li>
 *   <li>Scan returns items in key order (AWS: hash order); a segment is a hash of the partition key.</li>
 *   <li>Nothing is throttled unless a fault rule says so: UnprocessedItems and UnprocessedKeys are always empty; ConsumedCapacity is
 *       an estimate (1 KB write units, 4 KB read units, 2 units per transaction item).</li>
 *   <li>{@code size()} of a string counts its UTF-8 bytes.</li>
 *   <li>Messages of rare errors (BatchWriteItem request shape, legacy operator misuse, some key-condition
 *       misuse, update functions used in conditions) are best-effort wording.</li>
 *   <li>ClientRequestToken idempotency is kept in memory (10 minutes, at most 100,000 tokens).</li>
 *   <li>The Streams side is told about changes only for tables whose stream is enabled.</li>
 *   <li>Nesting: a value or item nested deeper than 32 levels is refused as AWS refuses it ("Nesting Levels have
 *       exceeded supported limits", PartiQL literals with AWS's {@code under root...} path). A request with JSON
 *       nested deeper than 100 levels anywhere (the sandbox's parser limit) gets the same answer, whatever member
 *       it is in. TransactWriteItems checks the depth of condition values as UpdateItem does (AWS, in most regions,
 *       only of what a transaction writes).</li>
 *   <li>Expressions: at most 300 operators and functions (comparisons, AND, OR, NOT, BETWEEN, IN, functions,
 *       {@code +} and {@code -}, as the sandbox counts them). Parentheses or SET functions nested deeper than 50
 *       levels are refused before the parser recurses on: as redundant parentheses or too many operators when that
 *       is AWS's reason, else with the sandbox's own message (AWS parses up to about 300 levels of groups that each
 *       hold an operator). PartiQL conditions nested deeper than 50 levels (parentheses and NOTs) get the sandbox's
 *       own message ("Expression nesting is deeper than 50 levels").</li>
 *   <li>An ExclusiveStartKey of the right size but naming other attributes is "The provided starting key is
 *       invalid: The provided key element does not match the schema" (AWS's wording for the second half may
 *       differ).</li>
 * </ul>
 */
package sandbox.dynamodb;
