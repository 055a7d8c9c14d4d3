package deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml: Floci (healthy first), an init step that creates the resources and exits, and the app built
 * from docker/Dockerfile pointed at Floci, started only after both.
 */
class ComposeFileTest {

    private static final JsonNode COMPOSE = DeployFiles.yaml("docker/compose.yaml");

    private static JsonNode service(String name) {
        JsonNode s = COMPOSE.path("services").path(name);
        assertThat(s.isObject()).as("service %s", name).isTrue();
        return s;
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void hasTheEmulatorTheInitStepAndTheApp() {
        assertThat(COMPOSE.path("services").size()).isEqualTo(3);
        service("floci");
        service("init");
        service("app");
    }

    @Test
    void imagesArePinned() {
        COMPOSE.path("services").fields().forEachRemaining(e -> {
            String image = e.getValue().path("image").asText();
            if (!e.getValue().has("build")) {
                assertThat(DeployFiles.pinned(image)).as("service %s image %s pinned", e.getKey(), image).isTrue();
            }
        });
        assertThat(service("floci").path("image").asText()).startsWith("floci/floci:");
    }

    @Test
    void flociPublishes4566AndHasAHealthCheckOnItsHealthEndpoint() {
        JsonNode floci = service("floci");
        assertThat(texts(floci.path("ports"))).contains("4566:4566");
        List<String> test = texts(floci.path("healthcheck").path("test"));
        assertThat(test).first().isEqualTo("CMD");
        assertThat(String.join(" ", test)).contains("/_floci/health").contains("4566").contains("200");
        assertThat(floci.path("healthcheck").path("retries").asInt()).isPositive();
    }

    @Test
    void initRunsTheScriptAfterFlociIsHealthy() {
        JsonNode init = service("init");
        assertThat(init.path("depends_on").path("floci").path("condition").asText()).isEqualTo("service_healthy");
        String command = String.join(" ", texts(init.path("entrypoint"))) + " " + String.join(" ", texts(init.path("command")));
        assertThat(command).contains("/init/create-resources.sh");
        assertThat(texts(init.path("volumes"))).anyMatch(v -> v.startsWith("./init:/init"));
        DeployFiles.file("docker/init/create-resources.sh");
        assertThat(DeployFiles.composeEnvironment(init)).containsEntry("AWS_ENDPOINT_URL", "http://floci:4566");
    }

    @Test
    void appIsBuiltFromTheDockerfileAndStartsAfterFlociAndInit() {
        JsonNode app = service("app");
        JsonNode build = app.path("build");
        Path context = DeployFiles.projectDir().resolve("docker").resolve(build.path("context").asText()).normalize();
        assertThat(context).isEqualTo(DeployFiles.projectDir());
        assertThat(context.resolve(build.path("dockerfile").asText())).isRegularFile()
                .isEqualTo(DeployFiles.projectDir().resolve("docker/Dockerfile"));
        assertThat(texts(app.path("ports"))).contains("9876:9876");
        JsonNode dependsOn = app.path("depends_on");
        assertThat(dependsOn.path("floci").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("init").path("condition").asText()).isEqualTo("service_completed_successfully");
    }

    @Test
    void appTalksToFlociWithoutProvisioning() {
        Map<String, String> env = DeployFiles.composeEnvironment(service("app"));
        assertThat(env).containsEntry("AWS_ENDPOINT", "http://floci:4566").containsEntry("INVENTORY_PROVISION", "false")
                .containsKeys("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void initCreatesTheResourcesTheAppUses() {
        Map<String, String> init = DeployFiles.composeEnvironment(service("init"));
        Map<String, String> app = DeployFiles.composeEnvironment(service("app"));
        for (String v : List.of("INVENTORY_BUCKET", "INVENTORY_TABLE", "INVENTORY_TOPIC", "INVENTORY_STATE_TABLE", "AWS_REGION")) {
            assertThat(init.get(v)).as(v).isNotBlank().isEqualTo(app.get(v));
        }
    }

    @Test
    void theStateFolderIsANamedVolume() {
        String stateDir = DeployFiles.dockerfileEnvironment(DeployFiles.dockerfile("docker/Dockerfile")).get("INVENTORY_STATE_DIR");
        List<String> volumes = texts(service("app").path("volumes"));
        String mount = volumes.stream().filter(v -> v.split(":").length >= 2 && v.split(":")[1].equals(stateDir))
                .findFirst().orElseThrow(() -> new AssertionError("no volume at " + stateDir + " in " + volumes));
        String volume = mount.split(":")[0];
        assertThat(volume).as("a named volume, not a host path").doesNotContain("/").doesNotStartWith(".");
        assertThat(COMPOSE.path("volumes").has(volume)).as("volume %s declared", volume).isTrue();
    }
}
