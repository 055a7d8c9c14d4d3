/**
 * The sandbox's Amazon SQS ({@link sandbox.sqs.SqsService}), wire-compatible with the AWS SDK for Java v2,
 * the AWS CLI and boto3 in the JSON protocol ({@code X-Amz-Target: AmazonSQS.<Operation>}); errors carry the
 * modelled {@code __type} and the legacy code in {@code x-amzn-query-error}, as AWS's "query-compatible" JSON does.
 *
 * <p>Choices where the sandbox does not do what AWS does:
 * <ul>
 *   <li>Standard queues only: FIFO queues ({@code .fifo} names, {@code FifoQueue=true} at creation) are refused
 *       with UnsupportedOperation. As on AWS, a standard queue has no FifoQueue attribute: setting it, reading it,
 *       or creating with {@code FifoQueue=false} is InvalidAttributeName ("Unknown Attribute FifoQueue."). The query
 *       (XML) protocol of old SDKs is refused with InvalidAction.</li>
 *   <li>Sizes as on AWS since August 2025: messages and batches up to 1 MiB, MaximumMessageSize 1,024..1,048,576
 *       with 1,048,576 the default.</li>
 *   <li>Delivery is exact, not approximate: a message is never returned twice while in flight, and every receive
 *       sees every visible message (AWS samples servers, so short polls may miss some).</li>
 *   <li>DeleteMessage with an outdated receipt handle (the message was received again since) succeeds and leaves
 *       the message in the queue: AWS documents that it "might not be deleted", the sandbox takes the strict
 *       reading so at-least-once handling is exercised.</li>
 *   <li>Policy, RedriveAllowPolicy and KMS attributes are stored and shown, not enforced; AddPermission,
 *       RemovePermission and the message-move tasks are not served.</li>
 *   <li>No 60-second cool-downs: PurgeQueue may be repeated at once, and a deleted queue's name can be reused
 *       at once (AWS: PurgeQueueInProgress, QueueDeletedRecently).</li>
 *   <li>Long polls wait on real time; visibility, delays and retention follow the sandbox clock, which tests may
 *       move (a waiting poll re-checks it at least every second).</li>
 *   <li>One lock serialises all SQS state (operations are small in-memory changes): enough for local runs, not a
 *       throughput model of SQS.</li>
 * </ul>
 */
package sandbox.sqs;
