package sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import sandbox.core.CallerCheck;
import sandbox.core.HostList;
import sandbox.core.Json;
import sandbox.core.SandboxRequest;
import sandbox.s3.RawHttp;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * A web page the developer visits must not be able to use the sandbox: not by DNS rebinding (its own name in
 * {@code Host}), not by a cross-site form, fetch or plain GET ({@code Origin}, {@code Sec-Fetch-Site}), not through
 * the admin endpoints, and CORS preflights get nothing permissive. Loopback names, the bind address and
 * {@code sandbox.allowed-hosts} are served; AWS clients send no browser headers (the *ExternalClientsTest classes
 * run the CLI and boto3 through the same check).
 */
class ForeignCallerTest extends SandboxTestSupport {

    private static String raw(String head) throws Exception {
        return RawHttp.socket(endpoint, head, new byte[0]);
    }

    private static String status(String response) {
        return response.substring(0, response.indexOf("\r\n"));
    }

    @Test
    void aForeignHostIsRefusedWith403InEachServicesOwnFormat() throws Exception {
        String json = "\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 0";
        Map<String, String> answers = Map.of(
                "GET /some-bucket/key HTTP/1.1\r\nHost: rebound.example.com:" + endpoint.getPort(),
                "<Code>AccessDenied</Code>",
                "POST / HTTP/1.1\r\nHost: rebound.example.com\r\nX-Amz-Target: DynamoDB_20120810.ListTables" + json,
                "\"__type\":\"com.amazonaws.dynamodb.v20120810#AccessDeniedException\"",
                "GET /?Action=ListTopics HTTP/1.1\r\nHost: rebound.example.com", "<Code>AuthorizationError</Code>",
                "POST / HTTP/1.1\r\nHost: rebound.example.com\r\nX-Amz-Target: AmazonSQS.ListQueues" + json,
                "com.amazonaws.sqs#AccessDenied",
                "GET /_sandbox/sns/messages HTTP/1.1\r\nHost: rebound.example.com", "{\"error\":\"The sandbox refuses");
        for (Map.Entry<String, String> request : answers.entrySet()) {
            String answer = raw(request.getKey());
            assertThat(status(answer)).as(request.getKey()).contains("403");
            assertThat(answer).contains(request.getValue()).contains("rebound.example.com");
        }
    }

    @Test
    void loopbackNamesAndAddressesAreServedWhateverThePort() throws Exception {
        for (String host : List.of("127.0.0.1:" + endpoint.getPort(), "localhost", "LocalHost.:1234", "127.8.9.10",
                "[::1]:" + endpoint.getPort(), "[::1]", "tools.localhost")) {
            assertThat(status(raw("GET /_sandbox/health HTTP/1.1\r\nHost: " + host))).as(host).contains("200");
        }
        // S3 virtual-hosted style reaches S3 (which says it does not serve it), not the host check
        String virtual = raw("GET /key HTTP/1.1\r\nHost: some-bucket.localhost:" + endpoint.getPort());
        assertThat(virtual).contains("501").contains("NotImplemented");
        // HTTP/1.0 without Host: no browser sends that
        assertThat(status(raw("GET /_sandbox/health HTTP/1.0"))).contains("200");
    }

    @Test
    void aMalformedEmptyOrRepeatedHostIsRefused() throws Exception {
        for (String host : List.of("::1", "localhost:4566x", "localhost:4566:1", "[::1", "[evil]", "",
                "127.0.0.1.nip.io", "localhost.evil.com")) {
            assertThat(status(raw("GET /_sandbox/health HTTP/1.1\r\nHost: " + host))).as(host).contains("403");
        }
        assertThat(status(raw("GET /_sandbox/health HTTP/1.1\r\nHost: localhost\r\nHost: evil.com"))).contains("403");
    }

    @Test
    void aCrossSitePageCannotSubscribeByAPlainGetNorReadMessagesNorInjectFaults() throws Exception {
        SnsClient sns = sns();
        String topic = sns.createTopic(b -> b.name("browser-target")).topicArn();
        String subscribe = "/?Action=Subscribe&TopicArn=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)
                + "&Protocol=email&Endpoint=attacker%40example.com";

        for (Map<String, String> browser : List.of(Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Sec-Fetch-Site", "same-site"), Map.of("Origin", "https://attacker.example"),
                Map.of("Origin", "null"))) {
            assertThat(RawHttp.send(endpoint, "GET", subscribe, browser, null).statusCode()).as(browser.toString())
                    .isEqualTo(403);
            assertThat(RawHttp.send(endpoint, "GET", "/_sandbox/sns/messages", browser, null).statusCode())
                    .isEqualTo(403);
            assertThat(RawHttp.send(endpoint, "POST", "/_sandbox/faults", browser,
                    "{\"service\":\"dynamodb\",\"status\":500}".getBytes(StandardCharsets.UTF_8)).statusCode())
                    .isEqualTo(403);
        }

        assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions()).isEmpty();
        // nor confirm one by the GET of a SubscribeURL it learnt somehow
        assertThat(RawHttp.send(endpoint, "GET", "/?Action=ConfirmSubscription&TopicArn="
                + URLEncoder.encode(topic, StandardCharsets.UTF_8) + "&Token=0123", Map.of("Sec-Fetch-Site",
                "cross-site"), null).statusCode()).isEqualTo(403);
        assertThat(Json.parse(get("/_sandbox/faults").body())).isEmpty();
    }

    @Test
    void aPageOnThisMachineOrTheAddressBarIsServed() throws Exception {
        assertThat(RawHttp.send(endpoint, "GET", "/_sandbox/health", Map.of("Origin", "http://localhost:3000"), null)
                .statusCode()).isEqualTo(200);
        assertThat(RawHttp.send(endpoint, "GET", "/_sandbox/health", Map.of("Sec-Fetch-Site", "none"), null)
                .statusCode()).isEqualTo(200);
        assertThat(RawHttp.send(endpoint, "GET", "/_sandbox/health", Map.of("Sec-Fetch-Site", "same-origin"), null)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aCorsPreflightGetsNothingPermissive() throws Exception {
        HttpResponse<String> preflight = RawHttp.send(endpoint, "OPTIONS", "/some-bucket/key",
                Map.of("Origin", "https://attacker.example", "Access-Control-Request-Method", "PUT"), null);
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control"));

        HttpResponse<String> plain = RawHttp.send(endpoint, "OPTIONS", "/some-bucket/key", Map.of(), null);
        assertThat(plain.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control"));
    }

    @Test
    void hostsInTheAllowListAreServedAndOthersStillRefused() throws Exception {
        SandboxConfig config = SandboxConfig.fromMap(Map.of("sandbox.port", "0",
                "sandbox.allowed-hosts", "sandbox, *.svc.cluster.local"));
        try (Sandbox compose = Sandbox.start(config)) {
            for (String ok : List.of("sandbox:4566", "SANDBOX", "sandbox.default.svc.cluster.local:4566", "localhost")) {
                assertThat(status(RawHttp.socket(compose.endpoint(), "GET /_sandbox/health HTTP/1.1\r\nHost: " + ok,
                        new byte[0]))).as(ok).contains("200");
            }
            for (String refused : List.of("sandbox.evil.com", "svc.cluster.local", "evil.com")) {
                assertThat(status(RawHttp.socket(compose.endpoint(), "GET /_sandbox/health HTTP/1.1\r\nHost: "
                        + refused, new byte[0]))).as(refused).contains("403");
            }
            assertThat(RawHttp.send(compose.endpoint(), "GET", "/_sandbox/health",
                    Map.of("Origin", "http://sandbox:8080"), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSandboxBoundToEveryInterfaceServesTheirAddresses() throws Exception {
        Optional<InetAddress> lan = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(n -> Collections.list(n.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address");
        CallerCheck wildcard = CallerCheck.forBind("0.0.0.0", HostList.NONE);
        CallerCheck loopbackOnly = CallerCheck.forBind("127.0.0.1", HostList.NONE);
        SandboxRequest toLan = SandboxRequest.of("GET", "/_sandbox/health",
                Map.of("Host", List.of(lan.get().getHostAddress() + ":4566")), new byte[0]);

        assertThat(wildcard.refusal(toLan)).isEmpty();
        assertThat(loopbackOnly.refusal(toLan)).isPresent();
    }

    @Test
    void eachRefusedHostIsLoggedOnceAtWarn() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(CallerCheck.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            for (int i = 0; i < 3; i++) {
                raw("GET /_sandbox/health HTTP/1.1\r\nHost: logged-once.example:" + (4000 + i));
            }
            raw("GET /_sandbox/health HTTP/1.1\r\nHost: another.example");
        } finally {
            logger.detachAppender(events);
        }
        List<String> warnings = events.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("logged-once.example");
        assertThat(warnings.get(1)).contains("another.example");
    }

    @Test
    void anInvalidAllowListStopsStartUpNamingThePropertyAndItsVariable() {
        assertThatThrownBy(() -> SandboxConfig.fromMap(Map.of("sandbox.allowed-hosts", "sandbox, not a host")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sandbox.allowed-hosts")
                .hasMessageContaining("SANDBOX_ALLOWED_HOSTS").hasMessageContaining("'not a host'");
        assertThatThrownBy(() -> SandboxConfig.fromMap(Map.of("sandbox.sns.allowed-hosts", "http://x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SANDBOX_SNS_ALLOWED_HOSTS");
    }
}
