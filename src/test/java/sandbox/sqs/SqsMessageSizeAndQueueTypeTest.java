package sandbox.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SQS's limits since August 2025: messages and batches up to 1 MiB (1,048,576 bytes), MaximumMessageSize defaults to
 * it and is settable 1,024..1,048,576. A standard queue has no FifoQueue attribute: naming it when creating (false),
 * setting or reading one is InvalidAttributeName, as AWS answers.
 */
class SqsMessageSizeAndQueueTypeTest extends SandboxTestSupport {

    private static final int MIB = 1_048_576;

    private static SqsException sqsError(Runnable call) {
        SqsException e = catchThrowableOfType(SqsException.class, call::run);
        assertThat(e).as("an SQS error").isNotNull();
        return e;
    }

    @Test
    void aMessageOfOneMebibyteIsSentAndReceivedAndOneByteMoreIsRefused() {
        SqsClient sqs = sqs();
        String url = sqs.createQueue(b -> b.queueName("one-mib")).queueUrl();
        String body = "m".repeat(MIB - 10);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(Map.of("k",
                software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder().dataType("String")
                        .stringValue("v").build())));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages())
                .singleElement().satisfies(m -> assertThat(m.body()).hasSize(MIB - 10));

        SqsException tooBig = sqsError(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("m".repeat(MIB + 1))));
        assertThat(tooBig.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(tooBig.awsErrorDetails().errorMessage()).isEqualTo("One or more parameters are invalid. Reason: "
                + "Message must be shorter than 1048576 bytes.");

        SqsException batch = sqsError(() -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                e -> e.id("a").messageBody("a".repeat(600_000)), e -> e.id("b").messageBody("b".repeat(600_000)))));
        assertThat(batch.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.BatchRequestTooLong");
    }

    @Test
    void maximumMessageSizeIsSettableUpToOneMebibyte() {
        SqsClient sqs = sqs();
        String url = sqs.createQueue(b -> b.queueName("max-size")).queueUrl();
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.MAXIMUM_MESSAGE_SIZE))
                .attributesAsStrings()).containsEntry("MaximumMessageSize", "1048576");
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("MaximumMessageSize", "1024")));
        assertThat(sqsError(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x".repeat(1025))))
                .awsErrorDetails().errorMessage()).endsWith("Message must be shorter than 1024 bytes.");
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("MaximumMessageSize", "1048576")));
        for (String bad : new String[] {"1023", "1048577"}) {
            assertThat(sqsError(() -> sqs.setQueueAttributes(b -> b.queueUrl(url)
                    .attributesWithStrings(Map.of("MaximumMessageSize", bad)))).awsErrorDetails().errorCode())
                    .isEqualTo("InvalidAttributeValue");
        }
    }

    @Test
    void aStandardQueueHasNoFifoQueueAttribute() {
        SqsClient sqs = sqs();
        String url = sqs.createQueue(b -> b.queueName("standard")).queueUrl();
        for (String value : new String[] {"true", "false"}) {
            SqsException set = sqsError(() -> sqs.setQueueAttributes(b -> b.queueUrl(url)
                    .attributesWithStrings(Map.of("FifoQueue", value))));
            assertThat(set.awsErrorDetails().errorCode()).isEqualTo("InvalidAttributeName");
            assertThat(set.awsErrorDetails().errorMessage()).isEqualTo("Unknown Attribute FifoQueue.");
        }
        assertThat(sqsError(() -> sqs.createQueue(b -> b.queueName("standard-false")
                .attributesWithStrings(Map.of("FifoQueue", "false")))).awsErrorDetails().errorCode())
                .isEqualTo("InvalidAttributeName");
        assertThat(sqsError(() -> sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNamesWithStrings("FifoQueue"))).awsErrorDetails().errorMessage())
                .isEqualTo("Unknown Attribute FifoQueue.");
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings()).doesNotContainKey("FifoQueue");
    }

    @Test
    void boto3AndTheCliGetTheSameAnswers() {
        ExternalClients.assumeBoto3();
        String script = String.join("\n",
                "import os, boto3",
                "from botocore.exceptions import ClientError",
                "sqs = boto3.client('sqs', endpoint_url=os.environ['ENDPOINT'], region_name='us-east-1')",
                "url = sqs.create_queue(QueueName='boto-mib')['QueueUrl']",
                "sqs.send_message(QueueUrl=url, MessageBody='b' * 1048576)",
                "got = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)['Messages'][0]['Body']",
                "try:",
                "    sqs.set_queue_attributes(QueueUrl=url, Attributes={'FifoQueue': 'true'})",
                "    code = 'accepted'",
                "except ClientError as e:",
                "    code = e.response['Error']['Code']",
                "print(len(got), code)");
        assertThat(ExternalClients.python(endpoint, script).assertOk().stdout().trim())
                .isEqualTo("1048576 InvalidAttributeName");

        ExternalClients.assumeAwsCli();
        String url = sqs().createQueue(b -> b.queueName("cli-fifo")).queueUrl();
        ExternalClients.Result refused = ExternalClients.aws(endpoint, "sqs", "set-queue-attributes", "--queue-url",
                url, "--attributes", "FifoQueue=true");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("InvalidAttributeName").contains("Unknown Attribute FifoQueue.");
    }
}
