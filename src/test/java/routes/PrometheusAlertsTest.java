package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.RunningPipeline;
import testsupport.SandboxFaults;

/**
 * The alerting rules (deploy/prometheus) and the dashboard (deploy/grafana) against a real Prometheus scraping a
 * running pipeline (events mode, so the dead-letter queue's depth is sampled too): each provoked failure fires its
 * alert, every dashboard query returns data, and a pipeline that stops is down. Prometheus pulls: the pipeline never
 * calls it, so a Prometheus that is slow or gone cannot hold an import or an alert (and the queue-depth sampler has
 * its own thread, DeadLetterQueueDepthsTest).
 */
class PrometheusAlertsTest {

    /** A way to make one alert fire, on the running pipeline. */
    record Scenario(String alert, Provocation provoke) {
    }

    @FunctionalInterface
    interface Provocation {
        void on(PipelineProbe probe, SandboxFaults faults) throws Exception;
    }

    /** In order; another alert is one more line here. */
    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("InventoryFileFailed", (probe, faults) -> {
                probe.upload("incoming/not-inventory.csv", "no,header,here\n1,2,3\n");
                probe.awaitReport("not-inventory.csv");
            }),
            // SNS refuses one publish for good: with inventory.alert.max-attempts=1 the alert is dead-lettered
            new Scenario("InventoryAlertsDeadLettered", (probe, faults) -> {
                faults.add("{\"service\":\"sns\",\"operation\":\"Publish\",\"status\":400,\"code\":\"InvalidParameter\","
                        + "\"message\":\"Invalid parameter: PhoneNumber\",\"count\":1}");
                probe.upload("incoming/sold-out.csv", "store,item,quantity\ns1,sku-1,0\n");
                probe.awaitReport("sold-out.csv");
            }),
            // SNS down for a while: the reader holds the record, past inventory.alert.stall-after=1
            new Scenario("InventoryStreamReaderStalled", (probe, faults) -> {
                faults.add("{\"service\":\"sns\",\"operation\":\"Publish\",\"status\":500,\"code\":\"InternalError\","
                        + "\"durationMs\":15000}");
                probe.upload("incoming/sold-out-again.csv", "store,item,quantity\ns2,sku-2,0\n");
                probe.awaitReport("sold-out-again.csv");
            }));

    /** Grafana's variables as a query sees them, for a pipeline scraped every second. */
    static String substitute(String expr) {
        return expr.replace("$__rate_interval", "1m").replace("$__range", "5m").replace("$__interval", "15s")
                .replace("${job}", PrometheusServer.JOB).replace("$job", PrometheusServer.JOB);
    }

    /** Every panel's queries, panel title to expressions (rows' own panels included). */
    static Map<String, List<String>> dashboardQueries(JsonNode dashboard) {
        Map<String, List<String>> queries = new LinkedHashMap<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            panels.add(p);
            p.path("panels").forEach(panels::add);
        });
        for (JsonNode p : panels) {
            p.path("targets").forEach(t -> queries.computeIfAbsent(p.path("title").asText(), k -> new ArrayList<>())
                    .add(t.path("expr").asText()));
        }
        return queries;
    }

    @Test
    void provokedFailuresFireTheirAlertsEveryDashboardQueryReturnsDataAndAStoppedPipelineIsDown() throws Exception {
        Path prometheusBinary = PrometheusServer.assumeInstalled();
        Path project = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("prometheus-");
        int managementPort = ObservabilityTest.freePort();
        Sandbox sandbox = Sandbox.start(SandboxConfig.ephemeral());
        Properties p = PipelineTestSupport.pipelineProperties(sandbox.endpoint().toString(), "prom", "prom", "prom",
                work.resolve("state"));
        p.setProperty("camel.management.enabled", "true");
        p.setProperty("camel.management.port", Integer.toString(managementPort));
        p.setProperty("camel.management.host", "127.0.0.1");
        p.setProperty("inventory.import.trigger", "events");
        p.setProperty("inventory.import.queue", "prom-uploads");
        p.setProperty("inventory.import.dead-letter-queue", "prom-uploads-dlq");
        p.setProperty("inventory.alert.dead-letter-queue", "prom-alerts-dlq");
        p.setProperty("inventory.alert.max-attempts", "1");
        p.setProperty("inventory.alert.stall-after", "1");
        p.setProperty("inventory.metrics.queue-depth-interval", "1");
        RunningPipeline pipeline = RunningPipeline.start(p);
        try (PrometheusServer prometheus = PrometheusServer.start(prometheusBinary, work.resolve("prometheus"),
                managementPort, project.resolve("deploy/prometheus/inventory-pipeline.rules.yaml"))) {
            PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), "prom", "prom", "prom", pipeline::context);
            SandboxFaults faults = new SandboxFaults(sandbox.endpoint());
            await("the pipeline scraped").atMost(Duration.ofSeconds(30))
                    .until(() -> !prometheus.query("up{job=\"" + PrometheusServer.JOB + "\"} == 1").isEmpty());
            // until the first scrape, no up series is "absent": that alert clears with the next evaluation
            await("a healthy pipeline fires nothing").atMost(Duration.ofSeconds(10)).until(() -> prometheus.alerts().isEmpty());

            for (Scenario scenario : SCENARIOS) {
                scenario.provoke().on(probe, faults);
                JsonNode alert = prometheus.awaitFiring(scenario.alert(), Duration.ofSeconds(30));
                assertThat(alert.path("labels").path("job").asText()).isEqualTo(PrometheusServer.JOB);
                assertThat(alert.path("annotations").path("summary").asText()).as(scenario.alert()).isNotBlank();
            }

            JsonNode dashboard = PipelineProbe.JSON.readTree(project.resolve("deploy/grafana/inventory-pipeline.json").toFile());
            Map<String, List<String>> queries = dashboardQueries(dashboard);
            assertThat(queries).as("panels with queries").hasSizeGreaterThanOrEqualTo(12);
            List<String> empty = new ArrayList<>();
            queries.forEach((title, exprs) -> exprs.forEach(expr -> {
                if (prometheus.query(substitute(expr)).isEmpty()) {
                    empty.add(title + ": " + substitute(expr));
                }
            }));
            assertThat(empty).as("dashboard queries that returned no data").isEmpty();

            pipeline.close();
            prometheus.awaitFiring("InventoryPipelineDown", Duration.ofSeconds(30));
        } finally {
            pipeline.close();
            sandbox.stop();
        }
    }
}
