package sandbox.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;

/** The AWS CLI and boto3 against the sandbox's SNS, at their default settings. */
class SnsExternalClientsTest extends SandboxTestSupport {

    private static JsonNode cli(String... args) {
        return Json.parse(ExternalClients.aws(endpoint, args).assertOk().stdout());
    }

    @Test
    void awsCliCreatesSubscribesPublishesAndLists() throws Exception {
        ExternalClients.assumeAwsCli();
        String topic = cli("sns", "create-topic", "--name", "cli-alerts").path("TopicArn").asText();
        assertThat(topic).isEqualTo("arn:aws:sns:us-east-1:000000000000:cli-alerts");
        assertThat(cli("sns", "create-topic", "--name", "cli-alerts").path("TopicArn").asText()).isEqualTo(topic);

        String sub = cli("sns", "subscribe", "--topic-arn", topic, "--protocol", "sms", "--notification-endpoint",
                "+15555550100").path("SubscriptionArn").asText();
        assertThat(sub).startsWith(topic + ":");

        String id = cli("sns", "publish", "--topic-arn", topic, "--subject", "Stock alert", "--message",
                "Out of stock: A-1", "--message-attributes",
                "{\"sku\":{\"DataType\":\"String\",\"StringValue\":\"A-1\"},"
                        + "\"qty\":{\"DataType\":\"Number\",\"StringValue\":\"0\"}}").path("MessageId").asText();
        assertThat(id).matches("[0-9a-f-]{36}");

        JsonNode topics = cli("sns", "list-topics").path("Topics");
        assertThat(topics.findValuesAsText("TopicArn")).contains(topic);
        JsonNode subs = cli("sns", "list-subscriptions-by-topic", "--topic-arn", topic).path("Subscriptions");
        assertThat(subs.get(0).path("Endpoint").asText()).isEqualTo("+15555550100");
        assertThat(cli("sns", "get-topic-attributes", "--topic-arn", topic).path("Attributes")
                .path("SubscriptionsConfirmed").asText()).isEqualTo("1");

        JsonNode messages = SnsPublishTest.messages(topic);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(messages.get(0).path("subject").asText()).isEqualTo("Stock alert");
        assertThat(messages.get(0).path("messageAttributes").path("qty").path("dataType").asText())
                .isEqualTo("Number");
        assertThat(messages.get(0).path("messageAttributes").path("sku").path("stringValue").asText())
                .isEqualTo("A-1");
        JsonNode sms = Eventually.until("the SMS", () -> SnsPublishTest.deliveries(sub),
                d -> d.size() == 1 && d.get(0).path("status").asText().equals("DELIVERED")).get(0);
        assertThat(sms.path("content").asText()).isEqualTo("Out of stock: A-1");

        ExternalClients.Result bad = ExternalClients.aws(endpoint, "sns", "publish", "--topic-arn", topic + "-nope",
                "--message", "x");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("NotFound").contains("Topic does not exist");
    }

    @Test
    void boto3PublishesWithMessageAttributes() throws Exception {
        ExternalClients.assumeBoto3();
        String script = String.join("\n",
                "import os, json, boto3, urllib.request, urllib.parse",
                "from botocore.exceptions import ClientError",
                "sns = boto3.client('sns', endpoint_url=os.environ['ENDPOINT'], region_name='us-east-1')",
                "arn = sns.create_topic(Name='boto-alerts')['TopicArn']",
                "mid = sns.publish(TopicArn=arn, Message='Low stock: B-2', Subject='Low',",
                "    MessageAttributes={'sku': {'DataType': 'String', 'StringValue': 'B-2'},",
                "                       'qty': {'DataType': 'Number', 'StringValue': '3'},",
                "                       'raw': {'DataType': 'Binary', 'BinaryValue': b'\\x00\\x01'}})['MessageId']",
                "try:",
                "    sns.publish(TopicArn=arn, Message='x', MessageAttributes={'bad name': {'DataType': 'String', "
                        + "'StringValue': 'v'}})",
                "    code = None",
                "except ClientError as e:",
                "    code = e.response['Error']['Code']",
                "url = os.environ['ENDPOINT'] + '/_sandbox/sns/messages?topicArn=' + urllib.parse.quote(arn, safe='')",
                "msgs = json.load(urllib.request.urlopen(url))",
                "print(json.dumps({'id': mid, 'error': code, 'messages': msgs}))");
        JsonNode out = Json.parse(ExternalClients.python(endpoint, script).assertOk().stdout());
        assertThat(out.path("error").asText()).isEqualTo("ParameterValueInvalid");
        JsonNode messages = out.path("messages");
        assertThat(messages).hasSize(1);
        JsonNode m = messages.get(0);
        assertThat(m.path("messageId").asText()).isEqualTo(out.path("id").asText());
        assertThat(m.path("topicArn").asText()).endsWith(":boto-alerts");
        assertThat(m.path("subject").asText()).isEqualTo("Low");
        assertThat(m.path("message").asText()).isEqualTo("Low stock: B-2");
        assertThat(m.path("messageAttributes").path("sku").path("stringValue").asText()).isEqualTo("B-2");
        assertThat(m.path("messageAttributes").path("qty").path("dataType").asText()).isEqualTo("Number");
        assertThat(m.path("messageAttributes").path("raw").path("binaryValue").asText()).isEqualTo("AAE=");
    }
}
