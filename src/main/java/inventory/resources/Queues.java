package inventory.resources;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** SQS queues named by a property: a name, or the URL of a queue someone else created. */
final class Queues {

    /** SQS's longest retention (14 days): dead letters wait for an instance, or a person, to deal with them. */
    static final String DEAD_LETTER_RETENTION = "1209600";

    private Queues() {
    }

    /** Creates the queue (idempotent: an existing one with the same attributes is answered) and returns its URL. */
    static String create(SqsClient sqs, String nameOrUrl, Map<QueueAttributeName, String> attributes) {
        if (nameOrUrl.contains("://")) {
            return nameOrUrl;
        }
        return sqs.createQueue(c -> c.queueName(nameOrUrl).attributes(attributes)).queueUrl();
    }

    /**
     * The queue's URL; it must exist.
     *
     * @throws IllegalStateException naming the property and how to create it
     */
    static String url(SqsClient sqs, String nameOrUrl, String property) {
        if (nameOrUrl.contains("://")) {
            return nameOrUrl;
        }
        try {
            return sqs.getQueueUrl(g -> g.queueName(nameOrUrl)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            throw new IllegalStateException("SQS queue " + nameOrUrl + " (" + property + ") does not exist; create it "
                    + "(see deploy/aws) or set inventory.provision=true");
        }
    }
}
