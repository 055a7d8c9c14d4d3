package sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The AWS CLI and boto3 (signing with key {@code test}) against a sandbox enforcing a policy that allows reading
 * {@code incoming/} only: each API's AccessDenied reaches them as the error code they know, naming the action.
 */
class IamExternalClientsTest {

    private static Sandbox sandbox;
    private static URI endpoint;
    private static String topic;
    private static String queue;

    @BeforeAll
    static void start() {
        IdentityPolicy policy = IdentityPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::cli-bucket/incoming/*\"}]}");
        sandbox = Sandbox.start(SandboxConfig.ephemeral().withIam(IamSettings.of(policy, "admin")));
        endpoint = sandbox.endpoint();
        StaticCredentialsProvider admin = SandboxTestSupport.credentials("admin");
        SandboxTestSupport.s3(endpoint, admin).createBucket(b -> b.bucket("cli-bucket"));
        SandboxTestSupport.s3(endpoint, admin).putObject(b -> b.bucket("cli-bucket").key("incoming/a.csv"),
                RequestBody.fromString("a,b\n"));
        SandboxTestSupport.dynamodb(endpoint, admin).createTable(b -> b.tableName("cli-table")
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S")).billingMode("PAY_PER_REQUEST"));
        topic = SandboxTestSupport.sns(endpoint, admin).createTopic(b -> b.name("cli-topic")).topicArn();
        queue = SandboxTestSupport.sqs(endpoint, admin).createQueue(b -> b.queueName("cli-queue")).queueUrl();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    void awsCliReportsEachApisDenialWithItsErrorCode() throws Exception {
        ExternalClients.assumeAwsCli();
        Path file = Files.createTempFile("upload", ".csv");
        Files.writeString(file, "a,b\n");
        assertThat(ExternalClients.aws(endpoint, "s3", "cp", "s3://cli-bucket/incoming/a.csv", "-").assertOk()
                .stdout()).isEqualTo("a,b\n");
        ExternalClients.Result upload = ExternalClients.aws(endpoint, "s3", "cp", file.toString(),
                "s3://cli-bucket/secret/b.csv");
        assertThat(upload.exitCode()).isNotZero();
        assertThat(upload.stderr()).contains("(AccessDenied)").contains("is not authorized to perform: s3:PutObject");

        ExternalClients.Result put = ExternalClients.aws(endpoint, "dynamodb", "put-item", "--table-name", "cli-table",
                "--item", "{\"id\":{\"S\":\"1\"}}");
        assertThat(put.stderr()).contains("(AccessDeniedException)")
                .contains("dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:000000000000:table/cli-table");
        ExternalClients.Result publish = ExternalClients.aws(endpoint, "sns", "publish", "--topic-arn", topic,
                "--message", "hi");
        assertThat(publish.stderr()).contains("(AuthorizationError)").contains("SNS:Publish");
        ExternalClients.Result send = ExternalClients.aws(endpoint, "sqs", "send-message", "--queue-url", queue,
                "--message-body", "hi");
        assertThat(send.stderr()).contains("(AccessDenied)").contains("sqs:sendmessage");
    }

    @Test
    void boto3SeesTheErrorCodesAndStatuses() {
        ExternalClients.assumeBoto3();
        String script = """
                import os, boto3
                from botocore.exceptions import ClientError
                e = os.environ["ENDPOINT"]
                calls = [
                    lambda: boto3.client("s3", endpoint_url=e, region_name="us-east-1").get_object(
                        Bucket="cli-bucket", Key="secret/b.csv"),
                    lambda: boto3.client("dynamodb", endpoint_url=e, region_name="us-east-1").get_item(
                        TableName="cli-table", Key={"id": {"S": "1"}}),
                    lambda: boto3.client("sns", endpoint_url=e, region_name="us-east-1").publish(
                        TopicArn=os.environ["TOPIC"], Message="hi"),
                    lambda: boto3.client("sqs", endpoint_url=e, region_name="us-east-1").receive_message(
                        QueueUrl=os.environ["QUEUE"]),
                ]
                for call in calls:
                    try:
                        call()
                        print("allowed")
                    except ClientError as err:
                        print(err.response["Error"]["Code"], err.response["ResponseMetadata"]["HTTPStatusCode"])
                """;
        String out = ExternalClients.run(java.util.List.of("python3", "-c", script), java.util.Map.of("ENDPOINT",
                endpoint.toString(), "TOPIC", topic, "QUEUE", queue), 120).assertOk().stdout();
        assertThat(out.lines()).containsExactly("AccessDenied 403", "AccessDeniedException 400",
                "AuthorizationError 403", "AccessDenied 403");
    }
}
