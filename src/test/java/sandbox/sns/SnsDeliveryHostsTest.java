package sandbox.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static sandbox.sns.SnsAssertions.snsError;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import sandbox.core.Faults;
import sandbox.core.HostList;
import sandbox.core.HttpFrontEnd;
import sandbox.core.Json;
import sandbox.core.Router;
import sandbox.core.SandboxContext;
import sandbox.dynamodb.DynamoDbService;
import sandbox.s3.S3Service;
import sandbox.sqs.SqsService;
import sandbox.streams.StreamsService;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SNS POSTs only to loopback and {@code sandbox.sns.allowed-hosts}: Subscribe refuses any other http/https endpoint
 * as AWS refuses an invalid one, and each delivery checks the name again right before connecting, so a name that
 * pointed at loopback at Subscribe and elsewhere later (DNS rebinding) gets nothing.
 */
class SnsDeliveryHostsTest extends SandboxTestSupport {

    private static final String REFUSED = "Invalid parameter: Endpoint Reason: the sandbox delivers only to loopback "
            + "and sandbox.sns.allowed-hosts; ";

    @Test
    void anEndpointOffThisMachineIsRefusedAtSubscribe() {
        SnsClient sns = sns();
        String topic = sns.createTopic(b -> b.name("hosts-refused")).topicArn();

        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint("http://198.51.100.7/hook")),
                400, "InvalidParameter", REFUSED + "host 198.51.100.7 is 198.51.100.7, not loopback and not in "
                        + "sandbox.sns.allowed-hosts");
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("https").endpoint("https://[2001:db8::1]:8443/")),
                400, "InvalidParameter", null);
        snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint("http://no-such-host.invalid/")),
                400, "InvalidParameter", REFUSED + "host no-such-host.invalid cannot be resolved");
        assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions()).isEmpty();
    }

    @Test
    void loopbackNamesAndAddressesAreSubscribed() {
        SnsClient sns = sns();
        String topic = sns.createTopic(b -> b.name("hosts-loopback")).topicArn();
        for (String url : new String[] {"http://127.0.0.1:9/a", "http://localhost:9/b", "https://[::1]:9/c",
                "http://127.3.4.5/d"}) {
            assertThat(sns.subscribe(b -> b.topicArn(topic).protocol(url.substring(0, url.indexOf(':'))).endpoint(url))
                    .subscriptionArn()).as(url).isEqualTo("pending confirmation");
        }
    }

    @Test
    void aHostInTheAllowListIsSubscribedWhateverItResolvesTo() {
        SandboxConfig config = SandboxConfig.fromMap(Map.of("sandbox.port", "0",
                "sandbox.sns.allowed-hosts", "198.51.100.7, *.hooks.internal"));
        try (Sandbox allowing = Sandbox.start(config)) {
            SnsClient sns = sns(allowing.endpoint());
            String topic = sns.createTopic(b -> b.name("hosts-allowed")).topicArn();
            assertThat(sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint("http://198.51.100.7/hook"))
                    .subscriptionArn()).isEqualTo("pending confirmation");
            assertThat(sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint("http://a.hooks.internal/h"))
                    .subscriptionArn()).isEqualTo("pending confirmation");
            snsError(() -> sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint("http://198.51.100.8/")),
                    400, "InvalidParameter", null);
        }
    }

    @Test
    void aNameRepointedAfterSubscribeIsNotDeliveredTo() throws Exception {
        AtomicReference<String> pointsAt = new AtomicReference<>("127.0.0.1");
        DeliveryHosts.Resolver dns = host -> new InetAddress[] {InetAddress.getByName(pointsAt.get())};
        try (SnsOnly sandbox = new SnsOnly(dns)) {
            SnsClient sns = sns(sandbox.endpoint);
            String topic = sns.createTopic(b -> b.name("rebinding")).topicArn();
            pointsAt.set("127.0.0.1");
            String arn = sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint("http://hooks.test:8080/sns")
                    .returnSubscriptionArn(true)).subscriptionArn();
            pointsAt.set("203.0.113.9");

            JsonNode confirmation = Eventually.until("the refused confirmation attempt", () -> sandbox.deliveries(arn),
                    d -> d.size() == 1 && d.get(0).path("attempts").asInt() >= 1).get(0);
            assertThat(confirmation.path("type").asText()).isEqualTo("SubscriptionConfirmation");
            assertThat(confirmation.path("status").asText()).isNotEqualTo("DELIVERED");
            assertThat(confirmation.path("lastError").asText()).isEqualTo("refused by the sandbox: host hooks.test "
                    + "is 203.0.113.9, not loopback and not in sandbox.sns.allowed-hosts");
        }
    }

    @Test
    void theResolverIsAskedForEveryAddressOfAName() {
        DeliveryHosts hosts = new DeliveryHosts(HostList.NONE, host -> new InetAddress[] {
                InetAddress.getByName("127.0.0.1"), InetAddress.getByName("10.1.2.3")});
        assertThat(hosts.refusal("http://dual.test/")).contains("host dual.test is 10.1.2.3, not loopback and not in "
                + "sandbox.sns.allowed-hosts");
        DeliveryHosts allowed = new DeliveryHosts(HostList.parse("10.1.2.3"), host -> new InetAddress[] {
                InetAddress.getByName("127.0.0.1"), InetAddress.getByName("10.1.2.3")});
        assertThat(allowed.refusal("http://dual.test/")).isEmpty();
    }

    @Test
    void boto3AndTheCliAreRefusedTheSameWay() {
        ExternalClients.assumeBoto3();
        String script = String.join("\n",
                "import os, boto3",
                "from botocore.exceptions import ClientError",
                "sns = boto3.client('sns', endpoint_url=os.environ['ENDPOINT'], region_name='us-east-1')",
                "arn = sns.create_topic(Name='hosts-boto')['TopicArn']",
                "try:",
                "    sns.subscribe(TopicArn=arn, Protocol='http', Endpoint='http://198.51.100.7/hook')",
                "    print('accepted')",
                "except ClientError as e:",
                "    print(e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])",
                "print(sns.subscribe(TopicArn=arn, Protocol='http', Endpoint='http://127.0.0.1:9/ok')['SubscriptionArn'])");
        assertThat(ExternalClients.python(endpoint, script).assertOk().stdout().lines().toList())
                .containsExactly("InvalidParameter 400", "pending confirmation");

        ExternalClients.assumeAwsCli();
        String topic = sns().createTopic(b -> b.name("hosts-cli")).topicArn();
        ExternalClients.Result refused = ExternalClients.aws(endpoint, "sns", "subscribe", "--topic-arn", topic,
                "--protocol", "https", "--notification-endpoint", "https://198.51.100.7/hook");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("InvalidParameter").contains("sandbox.sns.allowed-hosts");
    }

    /** The sandbox's front end and router with an SNS whose name resolution the test controls. */
    private static final class SnsOnly implements AutoCloseable {
        private final HttpFrontEnd http;
        private final SnsService sns;
        final URI endpoint;

        SnsOnly(DeliveryHosts.Resolver dns) {
            try {
                http = new HttpFrontEnd("127.0.0.1", 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            endpoint = URI.create("http://127.0.0.1:" + http.port());
            SandboxContext ctx = new SandboxContext(SandboxConfig.ephemeral(), endpoint);
            Faults faults = new Faults(ctx.clock());
            StreamsService streams = new StreamsService(ctx);
            sns = new SnsService(ctx, dns);
            Router router = new Router(new S3Service(ctx), new DynamoDbService(ctx, streams, faults), streams, sns,
                    new SqsService(ctx), faults);
            http.start(router::dispatch);
        }

        JsonNode deliveries(String subscriptionArn) {
            try {
                return Json.parse(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        endpoint.resolve("/_sandbox/sns/deliveries?subscriptionArn="
                                + URLEncoder.encode(subscriptionArn, StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            http.stop();
            sns.close();
        }
    }
}
