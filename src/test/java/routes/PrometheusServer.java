package routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import testsupport.PipelineProbe;

/**
 * A real Prometheus (the {@code prometheus} binary, Debian's package) in a temporary folder: it scrapes one pipeline's
 * management port every second and evaluates a copy of the project's alerting rules whose {@code for:} durations are
 * dropped, so an alert fires on the first evaluation that sees its condition. Read through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    /** The job name the rules and the dashboard select on. */
    static final String JOB = "inventory-pipeline";

    private final Process process;
    private final URI api;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, URI api, Path log) {
        this.process = process;
        this.api = api;
        this.log = log;
    }

    /** Skips the calling test, saying why, when no prometheus binary is on the PATH. */
    static Path assumeInstalled() {
        Optional<Path> binary = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "prometheus")).filter(Files::isExecutable).findFirst();
        if (binary.isEmpty()) {
            System.out.println("SKIPPED: no prometheus binary on the PATH (Debian: apt-get install"
                    + " --no-install-recommends prometheus); the alerting rules and the dashboard were NOT run");
        }
        Assumptions.assumeTrue(binary.isPresent(), "no prometheus binary on the PATH; rules and dashboard not run");
        return binary.get();
    }

    /** Starts Prometheus scraping {@code 127.0.0.1:targetPort/observe/metrics} with a quick copy of {@code rules}. */
    static PrometheusServer start(Path binary, Path dir, int targetPort, Path rules) throws Exception {
        Files.createDirectories(dir);
        Path quickRules = dir.resolve("rules.yaml");
        YAMLMapper yaml = new YAMLMapper();
        JsonNode groups = yaml.readTree(rules.toFile());
        groups.path("groups").forEach(g -> g.path("rules").forEach(r -> ((ObjectNode) r).remove("for")));
        yaml.writeValue(quickRules.toFile(), groups);
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: %s
                    metrics_path: /observe/metrics
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(quickRules, JOB, targetPort));
        int port = ObservabilityTest.freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            Awaitility.await("Prometheus ready").atMost(Duration.ofSeconds(60))
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class) // not listening yet
                    .until(() -> !process.isAlive() || server.get("/-/ready").statusCode() == 200);
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(log));
            }
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    private HttpResponse<String> get(String pathAndQuery) {
        try {
            return http.send(HttpRequest.newBuilder(api.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode data(String pathAndQuery) {
        try {
            JsonNode answer = PipelineProbe.JSON.readTree(get(pathAndQuery).body());
            if (!"success".equals(answer.path("status").asText())) {
                throw new AssertionError("Prometheus " + pathAndQuery + ": " + answer);
            }
            return answer.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code /api/v1/alerts}: every alert pending or firing now. */
    ArrayNode alerts() {
        return (ArrayNode) data("/api/v1/alerts").path("alerts");
    }

    /** Waits until Prometheus reports {@code alertname} firing; returns that alert. */
    JsonNode awaitFiring(String alertname, Duration timeout) {
        return Awaitility.await(alertname + " firing").atMost(timeout).until(() -> {
            for (JsonNode a : alerts()) {
                if (alertname.equals(a.path("labels").path("alertname").asText()) && "firing".equals(a.path("state").asText())) {
                    return a;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    /** The instant vector an expression evaluates to now. */
    List<JsonNode> query(String expr) {
        JsonNode result = data("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).path("result");
        List<JsonNode> series = new ArrayList<>();
        result.forEach(series::add);
        return series;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
