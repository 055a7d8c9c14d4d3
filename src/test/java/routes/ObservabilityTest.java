package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.RunningPipeline;
import testsupport.SandboxFaults;

/** Health and Prometheus metrics on the management port, after a real import and real alerts. */
class ObservabilityTest {

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(String body, String series) {
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series + " in:\n" + body);
    }

    /** Each readiness check's state, by id. */
    private static java.util.Map<String, String> readiness(RunningPipeline pipeline) {
        java.util.Map<String, String> states = new java.util.TreeMap<>();
        org.apache.camel.health.HealthCheckHelper.invokeReadiness(pipeline.context(), "full")
                .forEach(r -> states.put(r.getCheck().getId(), r.getState().name()));
        return states;
    }

    @Test
    void healthAndMetricsReflectARealImportAndItsAlerts() throws Exception {
        Sandbox sandbox = Sandbox.start(SandboxConfig.ephemeral());
        int port = freePort();
        Properties p = PipelineTestSupport.pipelineProperties(sandbox.endpoint().toString(), "obs", "obs", "obs",
                Files.createTempDirectory("obs-"));
        p.setProperty("camel.management.enabled", "true");
        p.setProperty("camel.management.port", Integer.toString(port));
        p.setProperty("camel.management.host", "127.0.0.1");
        p.setProperty("inventory.health.aws-grace", "3");
        try (RunningPipeline pipeline = RunningPipeline.start(p)) {
            PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), "obs", "obs", "obs", pipeline::context);
            assertThat(get(port, "/observe/health/live").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> get(port, "/observe/health/ready").statusCode() == 200);
            // all well: the endpoint says UP and nothing more (camel.health.exposure-level=default); the checks, in-process
            assertThat(get(port, "/observe/health/ready").body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(readiness(pipeline)).containsEntry("aws", "UP").containsEntry("route:inventory-import", "UP")
                    .containsEntry("route:stock-alert", "UP");

            probe.upload("incoming/mixed.csv", "store,item,quantity\ns1,a,0\ns1,b,4\ns1,c,-2\n");
            probe.awaitReport("mixed.csv");
            probe.awaitAlerts(1);
            probe.awaitAlertRouteCaughtUp();
            probe.upload("incoming/broken.csv", "no,header,here\n1,2,3\n");
            probe.awaitReport("broken.csv");

            String metrics = get(port, "/observe/metrics").body();
            assertThat(metric(metrics, "inventory_rows_total{outcome=\"inserted\"}")).isEqualTo(2.0);
            assertThat(metric(metrics, "inventory_rows_total{outcome=\"rejected\"}")).isEqualTo(1.0);
            assertThat(metric(metrics, "inventory_rows_total{outcome=\"stale\"}")).isZero();
            assertThat(metric(metrics, "inventory_files_total{outcome=\"processed\"}")).isEqualTo(1.0);
            assertThat(metric(metrics, "inventory_files_total{outcome=\"failed\"}")).isEqualTo(1.0);
            assertThat(metric(metrics, "inventory_alerts_published_total")).isEqualTo(1.0);
            assertThat(metric(metrics, "inventory_alerts_publish_failures_total")).isZero();
            assertThat(metric(metrics, "inventory_stream_records_read_total")).isEqualTo(2.0);
            assertThat(metric(metrics, "inventory_stream_iterator_age_milliseconds")).isBetween(0.0, 60_000.0);

            assertThat(metric(metrics, "inventory_stalled{part=\"reader\"}")).isZero();
            assertThat(metric(metrics, "inventory_alerts_dead_lettered_total{reason=\"refused\"}")).isZero();
            assertThat(metric(metrics, "inventory_stream_records_skipped_total{reason=\"no-quantity\"}")).isZero();

            // a blip of DynamoDB (every replica sees it at once): still ready within inventory.health.aws-grace
            new SandboxFaults(sandbox.endpoint()).add("{\"service\":\"dynamodb\",\"operation\":\"DescribeTable\","
                    + "\"status\":400,\"code\":\"ResourceNotFoundException\",\"durationMs\":1500}");
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10))
                    .until(() -> get(port, "/observe/health/ready").statusCode() == 200);

            // AWS gone for longer: not ready any more, still alive
            sandbox.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> get(port, "/observe/health/ready").statusCode() == 503);
            // DOWN names the check and what failed, without exception text, ARNs or stack traces
            String down = get(port, "/observe/health/ready").body();
            assertThat(down).startsWith("{\"status\":\"DOWN\"").contains("\"name\":\"aws\"").contains("failed")
                    .doesNotContain("arn:aws").doesNotContain("000000000000").doesNotContain("Exception:").doesNotContain("\tat ");
            assertThat(readiness(pipeline)).containsEntry("aws", "DOWN");
            assertThat(get(port, "/observe/health/live").statusCode()).isEqualTo(200);
        } finally {
            sandbox.stop();
        }
    }
}
