package sandbox.sns;

/**
 * Where {@code sqs} subscriptions deliver: a queue of the sandbox's own SQS, named by the subscription's endpoint
 * (the queue's ARN). The message is sent on SNS's behalf, as SendMessage would: the notification envelope as JSON, or
 * with RawMessageDelivery the message alone.
 */
@FunctionalInterface
public interface QueueDelivery {

    /** No SQS to deliver to: every sqs delivery fails (and is retried, then recorded as FAILED). */
    QueueDelivery NONE = (queueArn, body) -> false;

    /** Sends {@code body} to the queue; false when no queue has that ARN. */
    boolean send(String queueArn, String body);
}
