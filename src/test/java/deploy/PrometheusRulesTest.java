package deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;

/**
 * deploy/prometheus/inventory-pipeline.rules.yaml: Prometheus's own checker and its unit tests of every alert
 * ({@code promtool}, Debian's prometheus package; skipped visibly without it), and the Prometheus Operator's
 * PrometheusRule carrying exactly the same groups.
 */
class PrometheusRulesTest {

    static final String RULES = "deploy/prometheus/inventory-pipeline.rules.yaml";
    static final String PROMETHEUS_RULE = "deploy/camel-k/components/monitoring/prometheusrule.yaml";

    /** Every alert the rules define, in file order. */
    static List<String> alertNames() {
        List<String> names = new ArrayList<>();
        DeployFiles.yaml(RULES).path("groups").forEach(g -> g.path("rules").forEach(r -> names.add(r.path("alert").asText())));
        return names;
    }

    private static void assumePromtool() {
        boolean present = ExternalClients.run(List.of("sh", "-c", "command -v promtool"), Map.of(), 30).exitCode() == 0;
        if (!present) {
            System.out.println("SKIPPED: promtool is not on the PATH (Debian: apt-get install --no-install-recommends"
                    + " prometheus); the rules were NOT checked by Prometheus");
        }
        Assumptions.assumeTrue(present, "promtool is not on the PATH; the rules were not checked by Prometheus");
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() {
        assumePromtool();
        ExternalClients.Result check = ExternalClients.run(List.of("promtool", "check", "rules",
                DeployFiles.file(RULES).toString()), Map.of(), 60).assertOk();
        assertThat(check.stdout()).contains("SUCCESS: " + alertNames().size() + " rules found");
        ExternalClients.Result unit = ExternalClients.run(List.of("promtool", "test", "rules",
                DeployFiles.file("deploy/prometheus/inventory-pipeline.rules.test.yaml").toString()), Map.of(), 60);
        assertThat(unit.exitCode()).as("promtool test rules:\n%s%s", unit.stdout(), unit.stderr()).isZero();
        assertThat(unit.stdout()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAUnitTestThatFiresIt() {
        String tests = DeployFiles.text("deploy/prometheus/inventory-pipeline.rules.test.yaml");
        JsonNode suite = DeployFiles.yamlText(tests);
        List<String> fired = new ArrayList<>();
        suite.path("tests").forEach(t -> t.path("alert_rule_test").forEach(a -> {
            if (!a.path("exp_alerts").isEmpty()) {
                fired.add(a.path("alertname").asText());
            }
        }));
        assertThat(fired).containsAll(alertNames());
    }

    @Test
    void thePrometheusRuleCarriesExactlyTheRulesFile() {
        JsonNode rule = DeployFiles.yaml(PROMETHEUS_RULE);
        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(rule.path("spec")).as("edit the rules file, then copy its groups into " + PROMETHEUS_RULE)
                .isEqualTo(DeployFiles.yaml(RULES));
    }

    @Test
    void theAlertsCoverWhatAnOperatorMustHearAbout() {
        assertThat(alertNames()).containsExactly("InventoryPipelineDown", "InventoryStreamIteratorAgeHigh",
                "InventoryStreamRecordsTrimmed", "InventoryAlertsDeadLettered", "InventoryFileFailed",
                "InventoryImportStalled", "InventoryStreamReaderStalled", "InventoryDeadLetterQueueNotEmpty");
        String rules = DeployFiles.text(RULES);
        for (String metric : List.of("up{", "inventory_stream_iterator_age_milliseconds", "inventory_stream_trimmed_total",
                "inventory_alerts_dead_lettered_total", "inventory_files_total{job=\"inventory-pipeline\", outcome=\"failed\"}",
                "part=\"import\"", "part=\"reader\"", "inventory_dead_letter_queue_messages")) {
            assertThat(rules).as("a rule on %s", metric).contains(metric);
        }
    }
}
