package inventory.resources;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The queue of alerts that could not be published ({@code inventory.alert.dead-letter-queue}), as its URL; kept 14 days. */
final class AlertDeadLetterQueue implements Resource<String> {

    private final SqsClient sqs;
    private final String queue;

    AlertDeadLetterQueue(SqsClient sqs, String queue) {
        this.sqs = sqs;
        this.queue = queue;
    }

    @Override
    public String create() {
        return Queues.create(sqs, queue, Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Queues.DEAD_LETTER_RETENTION));
    }

    @Override
    public String find() {
        return Queues.url(sqs, queue, "inventory.alert.dead-letter-queue");
    }
}
