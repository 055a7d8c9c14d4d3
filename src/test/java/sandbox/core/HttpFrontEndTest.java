package sandbox.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import sandbox.dynamodb.DynamoDbService;
import sandbox.s3.S3Service;
import sandbox.sns.SnsService;
import sandbox.sqs.SqsService;
import sandbox.streams.StreamsService;

/**
 * The front end under load it did not ask for: connections that send nothing or their headers byte by byte, and more
 * requests than threads. Health stays answerable, slow headers are cut, slow bodies and long answers are not, and
 * requests beyond the threads are answered 503 (or their connection closed) without the accept loop waiting.
 */
class HttpFrontEndTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Socket partialRequest(URI endpoint) throws IOException {
        Socket s = new Socket(endpoint.getHost(), endpoint.getPort());
        s.getOutputStream().write("GET /_sandbox/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** A front end with these limits whose every answer is "ok". */
    private static HttpFrontEnd answeringOk(HttpFrontEnd.Limits limits) throws IOException {
        HttpFrontEnd http = new HttpFrontEnd("127.0.0.1", 0, limits);
        http.start(r -> SandboxResponse.text(200, "text/plain", "ok"));
        return http;
    }

    private static URI endpointOf(HttpFrontEnd http) {
        return URI.create("http://127.0.0.1:" + http.port());
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Whether the server closed the connection: a read ends (-1 or reset) instead of timing out. */
    private static boolean closedByServer(Socket s) {
        try {
            s.setSoTimeout(100);
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // a response would be drained here; the tests send no complete request
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void healthAnswersWhileEightyConnectionsHangInTheirHeadersAndTwentySayNothing() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.ephemeral())) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 80; i++) {
                    sockets.add(partialRequest(sandbox.endpoint()));
                }
                for (int i = 0; i < 20; i++) {
                    sockets.add(new Socket(sandbox.endpoint().getHost(), sandbox.endpoint().getPort()));
                }
                HttpResponse<String> health = get(sandbox.endpoint().resolve("/_sandbox/health"));
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(SandboxTestSupport.dynamodb(sandbox.endpoint()).listTables().tableNames()).isEmpty();
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aConnectionWhoseHeadersDoNotArriveInTimeIsClosed() throws Exception {
        HttpFrontEnd http = answeringOk(new HttpFrontEnd.Limits(8, 1, 4, Duration.ofMillis(500)));
        URI endpoint = endpointOf(http);
        try (Socket stalled = partialRequest(endpoint); Socket loris = partialRequest(endpoint)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                // one more header byte now and then does not buy time
                try {
                    loris.getOutputStream().write('x');
                } catch (IOException closed) {
                    // the server has closed it already
                }
                return closedByServer(stalled) && closedByServer(loris);
            });
            assertThat(http.closedForSlowHeaders()).isEqualTo(2);
            assertThat(get(endpoint.resolve("/")).body()).isEqualTo("ok");
        } finally {
            http.stop();
        }
    }

    @Test
    void aSlowBodyAndASlowAnswerAreNotCut() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        HttpFrontEnd http = new HttpFrontEnd("127.0.0.1", 0, new HttpFrontEnd.Limits(8, 1, 4, Duration.ofMillis(300)));
        http.start(r -> {
            if (r.rawPath().equals("/long-poll")) {
                // as an SQS receive waiting for a message
                try {
                    answer.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return SandboxResponse.text(200, "text/plain", "waited");
            }
            return SandboxResponse.text(200, "text/plain", Integer.toString(r.bodyBytes(1 << 20).length));
        });
        URI endpoint = endpointOf(http);
        try (Socket upload = new Socket("127.0.0.1", http.port())) {
            OutputStream out = upload.getOutputStream();
            out.write("PUT /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 6\r\n\r\nbbb"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // half the body, then nothing for more than twice the header timeout: the upload stays open
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> !closedByServer(upload));
            out.write("bbb".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            upload.setSoTimeout(5000);
            String reply = new String(upload.getInputStream().readNBytes(200), StandardCharsets.US_ASCII);
            assertThat(reply).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n6");

            CompletableFuture<HttpResponse<String>> poll = CLIENT.sendAsync(
                    HttpRequest.newBuilder(endpoint.resolve("/long-poll")).build(), HttpResponse.BodyHandlers.ofString());
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> !poll.isDone());
            answer.countDown();
            assertThat(poll.get(5, TimeUnit.SECONDS).body()).isEqualTo("waited");
            assertThat(http.closedForSlowHeaders()).isZero();
        } finally {
            answer.countDown();
            http.stop();
        }
    }

    @Test
    void requestsBeyondTheThreadsAreAnswered503AndServedAgainOnceThreadsAreFree() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        HttpFrontEnd http = new HttpFrontEnd("127.0.0.1", 0, new HttpFrontEnd.Limits(2, 1, 1, Duration.ofSeconds(10)));
        http.start(r -> {
            if (r.rawPath().equals("/slow")) {
                entered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return SandboxResponse.text(200, "text/plain", "served " + r.rawPath());
        }, r -> SandboxResponse.text(503, "text/plain", "overloaded " + r.rawPath()));
        URI endpoint = endpointOf(http);
        try {
            List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                slow.add(CLIENT.sendAsync(HttpRequest.newBuilder(endpoint.resolve("/slow")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> third = get(endpoint.resolve("/third"));
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(third.body()).isEqualTo("overloaded /third");

            release.countDown();
            for (CompletableFuture<HttpResponse<String>> f : slow) {
                assertThat(f.get(10, TimeUnit.SECONDS).body()).isEqualTo("served /slow");
            }
            assertThat(get(endpoint.resolve("/fourth")).body()).isEqualTo("served /fourth");
        } finally {
            release.countDown();
            http.stop();
        }
    }

    @Test
    void whenEvenTheOverflowIsFullAConnectionIsClosedAtOnceAndAcceptingGoesOn() throws Exception {
        HttpFrontEnd http = answeringOk(new HttpFrontEnd.Limits(1, 1, 1, Duration.ofSeconds(1)));
        URI endpoint = endpointOf(http);
        // the request thread, the overflow thread and the overflow queue's one place, each held by slow headers
        try (Socket a = partialRequest(endpoint); Socket b = partialRequest(endpoint); Socket c = partialRequest(endpoint);
             Socket rejected = partialRequest(endpoint)) {
            await().atMost(Duration.ofMillis(900)).until(() -> closedByServer(rejected));
            // the slow ones are cut after a second, and the server serves again
            await().atMost(Duration.ofSeconds(10)).until(() -> closedByServer(a) && closedByServer(b)
                    && closedByServer(c));
            await().atMost(Duration.ofSeconds(5)).until(() -> get(endpoint.resolve("/")).statusCode() == 200);
        } finally {
            http.stop();
        }
    }

    @Test
    void theOverloadedAnswerIsInTheAddressedServicesFormat() {
        SandboxContext ctx = new SandboxContext(SandboxConfig.ephemeral(), URI.create("http://127.0.0.1:4566"));
        Faults faults = new Faults(ctx.clock());
        StreamsService streams = new StreamsService(ctx);
        Router router = new Router(new S3Service(ctx), new DynamoDbService(ctx, streams, faults), streams,
                new SnsService(ctx), new SqsService(ctx), faults);
        Function<String, SandboxResponse> dynamo = target -> router.overloaded(SandboxRequest.of("POST", "/",
                Map.of("X-Amz-Target", List.of(target)), new byte[0]));

        SandboxResponse s3 = router.overloaded(SandboxRequest.of("GET", "/bucket/key", Map.of(), new byte[0]));
        assertThat(s3.status()).isEqualTo(503);
        assertThat(new String(s3.bodyBytes(), StandardCharsets.UTF_8)).contains("<Code>SlowDown</Code>");
        SandboxResponse ddb = dynamo.apply("DynamoDB_20120810.PutItem");
        assertThat(ddb.status()).isEqualTo(503);
        assertThat(new String(ddb.bodyBytes(), StandardCharsets.UTF_8))
                .contains("\"__type\":\"com.amazonaws.dynamodb.v20120810#ServiceUnavailable\"");
        SandboxResponse admin = router.overloaded(SandboxRequest.of("GET", "/_sandbox/health", Map.of(), new byte[0]));
        assertThat(new String(admin.bodyBytes(), StandardCharsets.UTF_8)).startsWith("{\"error\":");
    }
}
