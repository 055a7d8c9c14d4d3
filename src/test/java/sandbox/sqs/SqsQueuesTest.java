package sandbox.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Queues through the AWS SDK for Java v2: create, URL, attributes, redrive policy, listing, tags, delete. */
class SqsQueuesTest extends SandboxTestSupport {

    private static String attribute(SqsClient sqs, String url, QueueAttributeName name) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(name)).attributes().get(name);
    }

    @Test
    void createIsIdempotentAndTheUrlNamesEndpointAccountAndQueue() {
        SqsClient sqs = sqs();
        String url = sqs.createQueue(b -> b.queueName("imports").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT,
                "45"))).queueUrl();
        assertThat(url).isEqualTo(endpoint + "/000000000000/imports");
        assertThat(sqs.createQueue(b -> b.queueName("imports")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "45"))).queueUrl()).isEqualTo(url);
        assertThat(sqs.getQueueUrl(b -> b.queueName("imports")).queueUrl()).isEqualTo(url);
        assertThatThrownBy(() -> sqs.createQueue(b -> b.queueName("imports")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60"))))
                .isInstanceOfSatisfying(QueueNameExistsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("QueueAlreadyExists");
                    assertThat(e.getMessage()).contains("VisibilityTimeout");
                });
    }

    @Test
    void newQueueHasAwsDefaultsAndComputedAttributes() {
        SqsClient sqs = sqs();
        String url = sqs.createQueue(b -> b.queueName("defaults")).queueUrl();
        Map<String, String> all = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
        assertThat(all).containsEntry("VisibilityTimeout", "30").containsEntry("DelaySeconds", "0")
                .containsEntry("MaximumMessageSize", "1048576").containsEntry("MessageRetentionPeriod", "345600")
                .containsEntry("ReceiveMessageWaitTimeSeconds", "0").containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0")
                .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:defaults")
                .containsKeys("CreatedTimestamp", "LastModifiedTimestamp").doesNotContainKeys("RedrivePolicy", "Policy");
        assertThat(Long.parseLong(all.get("CreatedTimestamp"))).isGreaterThan(1_600_000_000L)
                .isLessThan(4_000_000_000L);
    }

    @Test
    void redrivePolicyIsValidatedAndShownNormalised() {
        SqsClient sqs = sqs();
        String dlq = sqs.createQueue(b -> b.queueName("work-dlq")).queueUrl();
        String dlqArn = attribute(sqs, dlq, QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(b -> b.queueName("work")).queueUrl();
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"3\"}")));
        assertThat(attribute(sqs, url, QueueAttributeName.REDRIVE_POLICY))
                .isEqualTo("{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":3}");
        assertThat(sqs.listDeadLetterSourceQueues(b -> b.queueUrl(dlq)).queueUrls()).containsExactly(url);

        assertThatThrownBy(() -> sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:none\","
                        + "\"maxReceiveCount\":3}"))))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.getMessage()).contains("Dead letter target does not exist");
                });
        assertThatThrownBy(() -> sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":0}"))))
                .isInstanceOf(SqsException.class).hasMessageContaining("maxReceiveCount");
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, "")));
        assertThat(attribute(sqs, url, QueueAttributeName.REDRIVE_POLICY)).isNull();
    }

    @Test
    void badAttributeValuesAndNamesAreRefused() {
        SqsClient sqs = sqs();
        String url = sqs.createQueue(b -> b.queueName("strict")).queueUrl();
        assertThatThrownBy(() -> sqs.setQueueAttributes(b -> b.queueUrl(url)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "43201"))))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAttributeValue"));
        assertThatThrownBy(() -> sqs.setQueueAttributes(b -> b.queueUrl(url)
                .attributesWithStrings(Map.of("QueueArn", "x"))))
                .isInstanceOf(InvalidAttributeNameException.class);
        assertThatThrownBy(() -> sqs.createQueue(b -> b.queueName("bad name")))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sqs.createQueue(b -> b.queueName("orders.fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))))
                .isInstanceOf(SqsException.class).hasMessageContaining("FIFO");
    }

    @Test
    void listQueuesFiltersByPrefixAndPages() {
        SqsClient sqs = sqs();
        for (String n : List.of("list-a", "list-b", "list-c", "other-list")) {
            sqs.createQueue(b -> b.queueName(n));
        }
        assertThat(sqs.listQueues(b -> b.queueNamePrefix("list-")).queueUrls())
                .containsExactly(endpoint + "/000000000000/list-a", endpoint + "/000000000000/list-b",
                        endpoint + "/000000000000/list-c");
        ListQueuesResponse first = sqs.listQueues(b -> b.queueNamePrefix("list-").maxResults(2));
        assertThat(first.queueUrls()).hasSize(2);
        assertThat(first.nextToken()).isNotNull();
        ListQueuesResponse second = sqs.listQueues(b -> b.queueNamePrefix("list-").maxResults(2)
                .nextToken(first.nextToken()));
        assertThat(second.queueUrls()).containsExactly(endpoint + "/000000000000/list-c");
        assertThat(second.nextToken()).isNull();
        assertThat(sqs.listQueues(b -> b.queueNamePrefix("nothing-")).queueUrls()).isEmpty();
    }

    @Test
    void tagsRoundTrip() {
        SqsClient sqs = sqs();
        String url = sqs.createQueue(b -> b.queueName("tagged").tags(Map.of("team", "inventory"))).queueUrl();
        sqs.tagQueue(b -> b.queueUrl(url).tags(Map.of("env", "local")));
        sqs.untagQueue(b -> b.queueUrl(url).tagKeys("team"));
        assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).containsExactly(Map.entry("env", "local"));
    }

    @Test
    void deletedQueueDoesNotExistForTheSdk() {
        SqsClient sqs = sqs();
        String url = sqs.createQueue(b -> b.queueName("short-lived")).queueUrl();
        sqs.deleteQueue(b -> b.queueUrl(url));
        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x")))
                .isInstanceOfSatisfying(QueueDoesNotExistException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("short-lived")))
                .isInstanceOf(QueueDoesNotExistException.class);
        assertThatThrownBy(() -> sqs.deleteQueue(b -> b.queueUrl(url))).isInstanceOf(QueueDoesNotExistException.class);
    }
}
