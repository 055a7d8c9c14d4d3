package sandbox.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;

/** The AWS CLI and boto3 (botocore's JSON protocol for SQS) against the sandbox's SQS, at their default settings. */
class SqsExternalClientsTest extends SandboxTestSupport {

    private static JsonNode cli(String... args) {
        String out = ExternalClients.aws(endpoint, args).assertOk().stdout();
        return out.isBlank() ? Json.object() : Json.parse(out);
    }

    @Test
    void awsCliCreatesSendsReceivesAndDeletes() {
        ExternalClients.assumeAwsCli();
        String url = cli("sqs", "create-queue", "--queue-name", "cli-events", "--attributes",
                "VisibilityTimeout=45").path("QueueUrl").asText();
        assertThat(url).isEqualTo(endpoint + "/000000000000/cli-events");
        assertThat(cli("sqs", "get-queue-url", "--queue-name", "cli-events").path("QueueUrl").asText()).isEqualTo(url);
        assertThat(cli("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")
                .path("Attributes").path("VisibilityTimeout").asText()).isEqualTo("45");

        JsonNode sent = cli("sqs", "send-message", "--queue-url", url, "--message-body", "from the cli",
                "--message-attributes", "{\"store\":{\"DataType\":\"String\",\"StringValue\":\"s1\"},"
                        + "\"qty\":{\"DataType\":\"Number\",\"StringValue\":\"3\"}}");
        assertThat(sent.path("MD5OfMessageBody").asText()).isEqualTo("adc1c5502a75b5c1afdc54d0d67abd6f");

        JsonNode got = cli("sqs", "receive-message", "--queue-url", url, "--attribute-names", "All",
                "--message-attribute-names", "All", "--wait-time-seconds", "1").path("Messages");
        assertThat(got).hasSize(1);
        JsonNode m = got.get(0);
        assertThat(m.path("Body").asText()).isEqualTo("from the cli");
        assertThat(m.path("MD5OfMessageAttributes").asText()).isEqualTo(sent.path("MD5OfMessageAttributes").asText());
        assertThat(m.path("MessageAttributes").path("qty").path("StringValue").asText()).isEqualTo("3");
        assertThat(m.path("Attributes").path("ApproximateReceiveCount").asText()).isEqualTo("1");

        cli("sqs", "delete-message", "--queue-url", url, "--receipt-handle", m.path("ReceiptHandle").asText());
        cli("sqs", "purge-queue", "--queue-url", url);
        cli("sqs", "delete-queue", "--queue-url", url);
        ExternalClients.Result missing = ExternalClients.aws(endpoint, "sqs", "get-queue-url", "--queue-name",
                "cli-events");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("AWS.SimpleQueueService.NonExistentQueue");
    }

    @Test
    void boto3SeesQueryCompatibleErrorCodesAndItsModelledExceptions() {
        ExternalClients.assumeBoto3();
        String script = """
                import os, boto3
                sqs = boto3.client("sqs", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
                url = sqs.create_queue(QueueName="boto-q", Attributes={"ReceiveMessageWaitTimeSeconds": "1"})["QueueUrl"]
                sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "a", "MessageBody": "one"},
                                                              {"Id": "b", "MessageBody": "two", "MessageAttributes":
                                                               {"bin": {"DataType": "Binary", "BinaryValue": b"\\x00\\x01"}}}])
                got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"],
                                          MessageSystemAttributeNames=["SentTimestamp"])["Messages"]
                print("bodies", sorted(m["Body"] for m in got))
                print("binary", [m["MessageAttributes"]["bin"]["BinaryValue"] for m in got if "MessageAttributes" in m])
                print("sent", all(m["Attributes"]["SentTimestamp"].isdigit() for m in got))
                sqs.delete_queue(QueueUrl=url)
                try:
                    sqs.get_queue_url(QueueName="boto-q")
                except sqs.exceptions.QueueDoesNotExist as e:
                    print("code", e.response["Error"]["Code"])
                try:
                    sqs.send_message(QueueUrl=url, MessageBody="x")
                except sqs.exceptions.QueueDoesNotExist as e:
                    print("send", e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
                """;
        String out = ExternalClients.python(endpoint, script).assertOk().stdout();
        assertThat(out).contains("bodies ['one', 'two']").contains("binary [b'\\x00\\x01']").contains("sent True")
                .contains("code AWS.SimpleQueueService.NonExistentQueue")
                .contains("send AWS.SimpleQueueService.NonExistentQueue 400");
    }
}
