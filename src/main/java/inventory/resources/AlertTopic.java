package inventory.resources;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.ListTopicsRequest;

/** The SNS topic of the alerts ({@code inventory.topic}, a name or an ARN), as its ARN. A name ending in .fifo is a FIFO topic. */
final class AlertTopic implements Resource<String> {

    private static final Logger LOG = LoggerFactory.getLogger(AlertTopic.class);

    private final SnsClient sns;
    private final String topic;

    AlertTopic(SnsClient sns, String topic) {
        this.sns = sns;
        this.topic = topic;
    }

    /** An ARN is used as it is; a name is created (CreateTopic is idempotent and answers the ARN: no ListTopics). */
    @Override
    public String create() {
        if (topic.startsWith("arn:")) {
            return topic;
        }
        String arn = sns.createTopic(CreateTopicRequest.builder().name(topic)
                .attributes(topic.endsWith(".fifo") ? Map.of("FifoTopic", "true") : Map.of()).build()).topicArn();
        LOG.debug("Topic {} is {}", topic, arn);
        return arn;
    }

    /**
     * {@code inventory.topic} itself when it is an ARN, else found by name (ListTopics).
     *
     * @throws IllegalStateException when no topic has that name
     */
    @Override
    public String find() {
        if (topic.startsWith("arn:")) {
            return topic;
        }
        String suffix = ":" + topic;
        for (var page : sns.listTopicsPaginator(ListTopicsRequest.builder().build())) {
            for (var t : page.topics()) {
                if (t.topicArn().endsWith(suffix)) {
                    return t.topicArn();
                }
            }
        }
        throw new IllegalStateException("SNS topic " + topic + " does not exist; create it (see deploy/aws) or set "
                + "inventory.provision=true");
    }
}
