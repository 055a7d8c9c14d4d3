package deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import inventory.InvalidSettingException;
import inventory.InventorySettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import testsupport.ShippedProperties;

/**
 * Every environment variable the deployment files set that looks like an app setting (INVENTORY_*, SANDBOX_*,
 * CAMEL_*, AWS_ENDPOINT, AWS_REGION, AWS_PROFILE) overrides a property that application.properties defines, or is a
 * documented Camel/AWS SDK/JVM one; and the values each deployment gives pass the app's own start-up validation.
 */
class EnvironmentVariablesTest {

    private static final Set<String> PROPERTIES = DeployFiles.applicationProperties();

    /** Where each variable is set, for the failure message. */
    private static Map<String, String> allVariables() {
        Map<String, String> where = new TreeMap<>();
        JsonNode compose = DeployFiles.yaml("docker/compose.yaml");
        compose.path("services").fields().forEachRemaining(s -> DeployFiles.composeEnvironment(s.getValue()).keySet()
                .forEach(v -> where.putIfAbsent(v, "docker/compose.yaml service " + s.getKey())));
        for (String overlay : Kustomize.OVERLAYS) {
            List<JsonNode> rendered = Kustomize.overlay(overlay);
            DeployFiles.integrationEnvironment(Kustomize.single(rendered, "Integration")).keySet()
                    .forEach(v -> where.putIfAbsent(v, "deploy/camel-k/overlays/" + overlay + " (Integration)"));
            Kustomize.single(rendered, "ConfigMap").path("data").fieldNames()
                    .forEachRemaining(v -> where.putIfAbsent(v, "deploy/camel-k/overlays/" + overlay + " (ConfigMap)"));
        }
        DeployFiles.dockerfileEnvironment(DeployFiles.dockerfile("docker/Dockerfile")).keySet()
                .forEach(v -> where.putIfAbsent(v, "docker/Dockerfile"));
        return where;
    }

    @Test
    void everyAppSettingVariableMapsToAProperty() {
        Map<String, String> where = allVariables();
        assertThat(where).containsKeys("INVENTORY_STATE_DIR", "AWS_ENDPOINT", "INVENTORY_TOPIC", "JAVA_TOOL_OPTIONS");
        Set<String> unknown = DeployFiles.unknownAppSettings(where.keySet(), PROPERTIES);
        Map<String, String> report = new LinkedHashMap<>();
        unknown.forEach(v -> report.put(v, where.get(v)));
        assertThat(report).as("variables that override no property of application.properties").isEmpty();
    }

    @Test
    void theCheckCatchesAMisspeltVariable() {
        assertThat(DeployFiles.unknownAppSettings(List.of("INVENTORY_BUKET", "INVENTORY_ALERT_MODE", "SANDBOX_PORTT",
                "SANDBOX_DATA_DIR", "CAMEL_MANAGEMENT_PORT", "CAMEL_MAIN_SHUTDOWN_TIMEOUT", "AWS_ENDPOINT",
                "AWS_ENDPOINT_URL", "FLOCI_HOSTNAME", "JAVA_TOOL_OPTIONS"), PROPERTIES))
                .containsExactly("INVENTORY_BUKET", "SANDBOX_PORTT");
    }

    @Test
    void composeGivesTheAppValidSettings() {
        // the compose file's environment overrides the image's ENV, as docker does
        Map<String, String> env = new LinkedHashMap<>(imageEnvironment());
        env.putAll(DeployFiles.composeEnvironment(DeployFiles.yaml("docker/compose.yaml").path("services").path("app")));
        InventorySettings s = load(env);
        assertThat(s.aws().kind()).isEqualTo(InventorySettings.AwsTarget.Kind.URL);
        assertThat(s.provision()).isFalse();
        assertThat(s.stateDir()).isEqualTo(Path.of(imageEnvironment().get("INVENTORY_STATE_DIR")));
    }

    @Test
    void theCamelKConfigurationGivesTheAppValidSettingsForRealAws() {
        for (String overlay : Kustomize.OVERLAYS) {
            List<JsonNode> rendered = Kustomize.overlay(overlay);
            JsonNode configMap = Kustomize.single(rendered, "ConfigMap");
            Map<String, String> env = new LinkedHashMap<>();
            DeployFiles.integrationEnvironment(Kustomize.single(rendered, "Integration")).forEach((name, value) -> {
                if (value.startsWith("configmap:")) {
                    env.put(name, configMap.path("data").path(value.substring(value.indexOf('/') + 1)).asText());
                } else if (!value.startsWith("secret:")) {
                    env.put(name, value);
                }
            });
            InventorySettings s = load(env);
            assertThat(s.aws().isRealAws()).as(overlay).isTrue();
            assertThat(s.provision()).isFalse();
            assertThat(s.topic()).startsWith("arn:aws:sns:" + s.aws().region() + ":");
        }
    }

    @Test
    void theValueCheckRejectsAnInvalidValue() {
        Map<String, String> env = new LinkedHashMap<>(Map.of("AWS_ENDPOINT", "aws", "INVENTORY_ALERT_MODE", "sometimes"));
        assertThatThrownBy(() -> load(env)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("inventory.alert.mode");
    }

    private static Map<String, String> imageEnvironment() {
        return DeployFiles.dockerfileEnvironment(DeployFiles.dockerfile("docker/Dockerfile"));
    }

    /** The settings the app would start with given these environment variables (and nothing else). */
    private static InventorySettings load(Map<String, String> env) {
        Map<String, String> props = new TreeMap<>();
        env.forEach((name, value) -> {
            String property = DeployFiles.propertyOf(name, PROPERTIES);
            if (property != null) {
                props.put(property, value);
            }
        });
        return ShippedProperties.settings(props);
    }
}
