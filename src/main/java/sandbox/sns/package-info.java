/**
 * The sandbox's Amazon SNS ({@link sandbox.sns.SnsService}), wire-compatible with the AWS SDK for
 * Java v2, the AWS CLI and boto3 (awsQuery protocol).
 *
 * <p>Choices where the sandbox cannot or does not do what AWS does:
 * <ul>
 *   <li>Deliveries go to {@code http}, {@code https}, {@code email}, {@code email-json}, {@code sms} and
 *       {@code sqs} (a queue of the sandbox's own SQS, by ARN: the notification JSON, or the message alone
 *       with RawMessageDelivery; confirmed at once, the queue's policy is not checked, message attributes
 *       of a raw delivery are not copied, a queue that does not exist fails the delivery after the
 *       retries below). Subscribing {@code lambda}, {@code application} or {@code firehose} is refused
 *       with InvalidParameter. FIFO topics accept no subscription here (on AWS they deliver to SQS
 *       only, with group ids the sandbox does not pass on); their messages are still stored, sequenced
 *       and deduplicated.</li>
 *   <li>Email and email-json subscriptions stay pending until confirmed, as on AWS: the
 *       confirmation "email" is logged at INFO with its SubscribeURL and recorded at
 *       {@code /_sandbox/sns/deliveries}. SMS subscriptions are confirmed at once.</li>
 *   <li>SMS and email are not sent: each is logged at INFO ({@code SMS to +1555...: text}) and recorded.</li>
 *   <li>HTTP/S messages are signed (SignatureVersion 1 = SHA1withRSA, 2 = SHA256withRSA over SNS's
 *       canonical string) with a key generated at first use; SigningCertURL serves the matching
 *       self-signed certificate at {@code /_sandbox/sns/SimpleNotificationService-sandbox.pem}.</li>
 *   <li>Failed HTTP/S posts are retried after 100 ms, 1 s and 5 s (AWS's default policy waits 20 s
 *       between its 3 retries); the topic's DeliveryPolicy is stored and shown but not applied.</li>
 *   <li>Every published message is kept (memory, and the journal when persistent); the last 10,000
 *       delivery records are kept in memory only, and queued deliveries do not survive a restart.</li>
 *   <li>HTTP/S endpoints only on loopback or in {@code sandbox.sns.allowed-hosts} ({@link sandbox.sns.DeliveryHosts}):
 *       AWS delivers to any public endpoint, the sandbox would otherwise POST wherever a Subscribe pointed it. Any
 *       other endpoint is refused at Subscribe with InvalidParameter, and each delivery attempt resolves the name
 *       again and is recorded as refused when it no longer points at loopback.</li>
 *   <li>A filter policy nested deeper than 100 levels (the sandbox's JSON limit) is "Filter policy is too
 *       complex"; a message body that deep matches no MessageBody policy.</li>
 * </ul>
 */
package sandbox.sns;
