package deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/camel-k: every variant (overlays/image, pod-identity, git) as {@code kubectl kustomize} renders it. Each
 * rendered Integration validates against the Camel K 2.10.1 CRD schemas made strict (../shared/schemas/camel-k,
 * skipped visibly when absent, as in a user's clone), and the manifests agree with each other and with what the app
 * needs: several replicas that compete for the upload notifications, one of them reading the stream by a Lease the
 * service account may take among this Integration's pods only, health on the management port, a grace period that
 * lets a file finish, a disruption budget, a PodMonitor on /observe/metrics, nothing shared on a pod's volume.
 */
class CamelKManifestsTest {

    /** The kinds besides Integrations the variants render, with their apiVersion. */
    private static final Map<String, String> OTHER_KINDS = Map.of("ConfigMap", "v1", "ServiceAccount", "v1",
            "Role", "rbac.authorization.k8s.io/v1", "RoleBinding", "rbac.authorization.k8s.io/v1",
            "PodMonitor", "monitoring.coreos.com/v1", "PrometheusRule", "monitoring.coreos.com/v1");

    /** The settings of scale-out every Integration takes from the ConfigMap. */
    private static final List<String> SCALE_OUT_KEYS = List.of("INVENTORY_IMPORT_TRIGGER", "INVENTORY_IMPORT_QUEUE",
            "INVENTORY_IMPORT_DEAD_LETTER_QUEUE", "INVENTORY_IMPORT_VISIBILITY_TIMEOUT", "INVENTORY_IMPORT_MAX_ATTEMPTS",
            "INVENTORY_STATE_TABLE", "INVENTORY_CLUSTER", "INVENTORY_CLUSTER_KUBERNETES_LABELS");

    /** The label Camel K puts on every pod of an Integration, with the Integration's name. */
    private static final String INTEGRATION_LABEL = "camel.apache.org/integration";

    /** ../shared/schemas/camel-k relative to the project dir, or a skipped test that says why. */
    private static Path schemaDir() {
        Path dir = DeployFiles.projectDir().resolve(Path.of("..", "shared", "schemas", "camel-k")).normalize();
        if (!Files.isDirectory(dir)) {
            System.out.println("SKIPPED: " + dir + " is absent; the Camel K manifests were NOT validated against the"
                    + " CRD schemas (they come with the project's shared folder, not with a clone)");
        }
        Assumptions.assumeTrue(Files.isDirectory(dir),
                dir + " is absent; the Camel K manifests were not validated against the CRD schemas");
        return dir;
    }

    private static Schema schema(Path dir, String file) {
        try {
            JsonNode node = new ObjectMapper().readTree(dir.resolve(file).toFile());
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(node);
        } catch (IOException e) {
            throw new AssertionError("cannot read schema " + file + ": " + e.getMessage(), e);
        }
    }

    private static String describe(List<Error> errors) {
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).collect(Collectors.joining("\n"));
    }

    private static JsonNode integration(String overlay) {
        return Kustomize.single(Kustomize.overlay(overlay), "Integration");
    }

    private static JsonNode configMapData(String overlay) {
        return Kustomize.single(Kustomize.overlay(overlay), "ConfigMap").path("data");
    }

    @Test
    void everyVariantRendersAndItsIntegrationValidatesAgainstTheStrictCrdSchema() {
        Path dir = schemaDir();
        Schema integrationSchema = schema(dir, "integration-v1.strict.schema.json");
        for (String overlay : Kustomize.OVERLAYS) {
            List<JsonNode> rendered = Kustomize.overlay(overlay);
            assertThat(OverlayValues.missing(rendered)).as("%s: values missing", overlay).isEmpty();
            for (JsonNode doc : rendered) {
                String kind = doc.path("kind").asText();
                if (kind.equals("Integration")) {
                    assertThat(doc.path("apiVersion").asText()).as("%s apiVersion", overlay).isEqualTo("camel.apache.org/v1");
                    List<Error> errors = integrationSchema.validate(doc);
                    assertThat(errors).as("%s against the Integration schema:\n%s", overlay, describe(errors)).isEmpty();
                } else {
                    assertThat(OTHER_KINDS).as("%s renders a %s", overlay, kind).containsKey(kind);
                    assertThat(doc.path("apiVersion").asText()).as("%s %s apiVersion", overlay, kind)
                            .isEqualTo(OTHER_KINDS.get(kind));
                }
            }
            assertThat(Kustomize.ofKind(rendered, "Integration")).as(overlay).hasSize(1);
        }
        System.out.println("Rendered and validated " + Kustomize.OVERLAYS + " against " + dir);
    }

    @Test
    void aMisspeltFieldFailsTheStrictSchema() {
        Schema integrationSchema = schema(schemaDir(), "integration-v1.strict.schema.json");
        JsonNode good = integration("image");
        assertThat(integrationSchema.validate(good)).isEmpty();

        ObjectNode traitTypo = good.deepCopy();
        ((ObjectNode) traitTypo.path("spec").path("traits").path("health")).put("readinessProbePath", "/observe/health/ready");
        assertThat(describe(integrationSchema.validate(traitTypo))).contains("readinessProbePath");

        ObjectNode specTypo = good.deepCopy();
        ((ObjectNode) specTypo.path("spec")).put("replica", 1);
        assertThat(describe(integrationSchema.validate(specTypo))).contains("replica");

        ObjectNode unknownTrait = good.deepCopy();
        ((ObjectNode) unknownTrait.path("spec").path("traits")).putObject("healthz").put("enabled", true);
        assertThat(describe(integrationSchema.validate(unknownTrait))).contains("healthz");
    }

    @Test
    void anOverlayWithAMissingValueFailsWithTheNameOfTheValue() throws IOException {
        Path cases = DeployFiles.projectDir().resolve("target/kustomize-cases");
        // kustomize takes only relative paths to other kustomizations, so the cases live inside the project
        Path noBucket = writeOverlay(cases.resolve("no-bucket"), """
                resources:
                  - ../../../deploy/camel-k/overlays/image
                patches:
                  - target:
                      kind: ConfigMap
                    patch: |-
                      - op: remove
                        path: /data/INVENTORY_BUCKET
                """);
        assertThat(OverlayValues.missing(Kustomize.render(noBucket)))
                .containsExactly("INVENTORY_BUCKET in ConfigMap inventory-pipeline (for INVENTORY_BUCKET)");

        Path noImage = writeOverlay(cases.resolve("no-image"), """
                resources:
                  - ../../../deploy/camel-k/base
                components:
                  - ../../../deploy/camel-k/components/aws-keys
                """);
        assertThat(OverlayValues.missing(Kustomize.render(noImage))).singleElement().asString()
                .startsWith("the image: spec.traits.container.image is 'inventory-pipeline', the base's placeholder");

        Path brokenPatch = writeOverlay(cases.resolve("broken"), """
                resources:
                  - ../../../deploy/camel-k/overlays/git
                patches:
                  - target:
                      kind: Integration
                    patch: |-
                      - op: remove
                        path: /spec/traits/no-such-trait
                """);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Kustomize.render(brokenPatch)))
                .as("kustomize's own error reaches the test").isInstanceOf(AssertionError.class)
                .hasMessageContaining("no-such-trait");
    }

    private static Path writeOverlay(Path dir, String kustomization) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), kustomization);
        return dir;
    }

    @Test
    void integrationsRunThreeReplicasRolledOneAtATimeWithHealthProbesOnTheManagementPort() {
        for (String overlay : Kustomize.OVERLAYS) {
            JsonNode spec = integration(overlay).path("spec");
            assertThat(spec.path("replicas").asInt(-1)).as("%s replicas", overlay).isEqualTo(3);
            JsonNode traits = spec.path("traits");
            JsonNode deployment = traits.path("deployment");
            assertThat(deployment.path("strategy").asText()).as("%s update strategy", overlay).isEqualTo("RollingUpdate");
            assertThat(deployment.path("rollingUpdateMaxUnavailable").asInt(-1)).as("%s never below its replicas", overlay)
                    .isZero();
            assertThat(deployment.path("rollingUpdateMaxSurge").asInt()).isPositive();
            assertThat(traits.path("master").path("enabled").asBoolean(true))
                    .as("%s: the app elects its reader itself, the master trait stays off", overlay).isFalse();
            JsonNode health = traits.path("health");
            assertThat(health.path("enabled").asBoolean()).as("%s health trait enabled", overlay).isTrue();
            assertThat(health.path("livenessProbeEnabled").asBoolean()).isTrue();
            assertThat(health.path("readinessProbeEnabled").asBoolean(true)).isTrue();
            int port = managementPort();
            assertThat(health.path("livenessPort").asInt()).isEqualTo(port);
            assertThat(health.path("readinessPort").asInt()).isEqualTo(port);
            assertThat(health.path("livenessProbe").asText()).isEqualTo("/observe/health/live");
            assertThat(health.path("readinessProbe").asText()).isEqualTo("/observe/health/ready");
            if (health.path("startupProbeEnabled").asBoolean()) {
                assertThat(health.path("startupPort").asInt()).isEqualTo(port);
                assertThat(health.path("startupProbe").asText()).startsWith("/observe/health/");
            }
        }
    }

    @Test
    void aStoppingPodHasTheTimeToFinishItsFileAndADrainTakesOneReplicaAtATime() {
        long shutdownTimeout = Long.parseLong(DeployFiles.applicationPropertyValues().get("camel.main.shutdown-timeout"));
        for (String overlay : Kustomize.OVERLAYS) {
            JsonNode spec = integration(overlay).path("spec");
            assertThat(spec.path("traits").path("pod").path("enabled").asBoolean())
                    .as("%s: the pod trait applies spec.template", overlay).isTrue();
            JsonNode podSpec = spec.path("template").path("spec");
            assertThat(podSpec.path("terminationGracePeriodSeconds").asLong())
                    .as("%s: SIGTERM to SIGKILL covers camel.main.shutdown-timeout (%s s) plus a margin", overlay,
                            shutdownTimeout).isGreaterThanOrEqualTo(shutdownTimeout + 15);
            List<String> podFields = new ArrayList<>();
            podSpec.fieldNames().forEachRemaining(podFields::add);
            assertThat(podFields).as("%s: the template sets the grace period only (no fsGroup, no volumes)", overlay)
                    .containsExactlyInAnyOrder("terminationGracePeriodSeconds", "containers");
            assertThat(podSpec.path("containers")).as("%s: the Integration's container, untouched", overlay)
                    .singleElement().satisfies(c -> assertThat(c.toString()).isEqualTo("{\"name\":\"integration\"}"));
            JsonNode pdb = spec.path("traits").path("pdb");
            assertThat(pdb.path("enabled").asBoolean()).as("%s: a PodDisruptionBudget", overlay).isTrue();
            assertThat(pdb.has("minAvailable")).isFalse();
            assertThat(pdb.path("maxUnavailable").asText()).as("%s: one pod at a time", overlay).isEqualTo("1");
        }
    }

    @Test
    void theLeaseIsContendedOnlyByThisIntegrationsPods() {
        for (String overlay : Kustomize.OVERLAYS) {
            JsonNode integration = integration(overlay);
            String name = integration.path("metadata").path("name").asText();
            assertThat(configMapData(overlay).path("INVENTORY_CLUSTER_KUBERNETES_LABELS").asText()).as(overlay)
                    .isEqualTo(INTEGRATION_LABEL + "=" + name);
            assertThat(DeployFiles.integrationEnvironment(integration)).as(overlay).containsEntry(
                    "INVENTORY_CLUSTER_KUBERNETES_LABELS", "configmap:inventory-pipeline/INVENTORY_CLUSTER_KUBERNETES_LABELS");
        }
    }

    @Test
    void aPodMonitorScrapesObserveMetricsOnTheNamedManagementPortAndTheRulesComeAlong() {
        for (String overlay : Kustomize.OVERLAYS) {
            List<JsonNode> rendered = Kustomize.overlay(overlay);
            JsonNode integration = Kustomize.single(rendered, "Integration");
            JsonNode container = integration.path("spec").path("traits").path("container");
            assertThat(container.path("expose").asBoolean(true)).as("%s: no Service", overlay).isFalse();
            List<String> ports = new ArrayList<>();
            container.path("ports").forEach(p -> ports.add(p.asText()));
            assertThat(ports).as("%s: the container port the PodMonitor names", overlay)
                    .contains("management;" + managementPort());
            assertThat(integration.path("spec").path("traits").path("prometheus").path("enabled").asBoolean(true))
                    .as("%s: Camel K's PodMonitor would ask /q/metrics", overlay).isFalse();

            JsonNode monitor = Kustomize.single(rendered, "PodMonitor").path("spec");
            assertThat(monitor.path("selector").path("matchLabels").path(INTEGRATION_LABEL).asText())
                    .isEqualTo(integration.path("metadata").path("name").asText());
            assertThat(monitor.path("jobLabel").asText()).as("job = the Integration's name, as the rules expect")
                    .isEqualTo(INTEGRATION_LABEL);
            assertThat(monitor.path("podMetricsEndpoints")).singleElement().satisfies(e -> {
                assertThat(e.path("port").asText()).isEqualTo("management");
                assertThat(e.path("path").asText()).isEqualTo("/observe/metrics");
            });
            assertThat(Kustomize.single(rendered, "PrometheusRule").path("metadata").path("name").asText())
                    .isEqualTo("inventory-pipeline");
        }
    }

    @Test
    void imageVariantsRunAPinnedImageAndTheGitVariantTheOneJarItsBuildLeaves() {
        for (String overlay : List.of("image", "pod-identity")) {
            JsonNode spec = integration(overlay).path("spec");
            String image = spec.path("traits").path("container").path("image").asText();
            assertThat(image).as("%s image", overlay).contains("/").isNotEqualTo(OverlayValues.IMAGE_PLACEHOLDER);
            assertThat(DeployFiles.pinned(image)).as("%s image %s pinned", overlay, image).isTrue();
            assertThat(spec.has("git")).as("%s has no git build", overlay).isFalse();
        }
        JsonNode git = integration("git").path("spec");
        assertThat(git.path("git").path("url").asText()).startsWith("https://").endsWith(".git");
        assertThat(git.path("traits").path("container").has("image")).isFalse();
        assertThat(git.path("traits").path("container").has("runAsUser")).as("the operator's image has its own user").isFalse();
        // Camel K copies every *.jar directly under target/ to /deployments/dependencies/ (pkg/builder)
        assertThat(git.path("traits").path("jvm").path("jar").asText())
                .isEqualTo("/deployments/dependencies/" + finalName() + ".jar");
    }

    @Test
    void failClosedTheEndpointIsSaidAndTheManagementServerListensForTheProbes() {
        for (String overlay : Kustomize.OVERLAYS) {
            Map<String, String> env = DeployFiles.integrationEnvironment(integration(overlay));
            assertThat(env).as(overlay).containsEntry("AWS_ENDPOINT", "configmap:inventory-pipeline/AWS_ENDPOINT")
                    .containsEntry("MANAGEMENT_HOST", "0.0.0.0");
            assertThat(configMapData(overlay).path("AWS_ENDPOINT").asText()).isEqualTo("aws");
        }
    }

    @Test
    void everyConfigMapAndSecretReferenceResolvesAndEveryIntegrationUsesTheServiceAccount() {
        for (String overlay : Kustomize.OVERLAYS) {
            List<JsonNode> rendered = Kustomize.overlay(overlay);
            JsonNode configMap = Kustomize.single(rendered, "ConfigMap");
            String configMapName = configMap.path("metadata").path("name").asText();
            String serviceAccount = Kustomize.single(rendered, "ServiceAccount").path("metadata").path("name").asText();
            JsonNode integration = Kustomize.single(rendered, "Integration");
            Map<String, String> env = DeployFiles.integrationEnvironment(integration);
            List<String> secrets = new ArrayList<>();
            env.forEach((name, value) -> {
                if (value.startsWith("configmap:")) {
                    String ref = value.substring("configmap:".length());
                    assertThat(ref).as("%s %s", overlay, name).startsWith(configMapName + "/");
                    assertThat(ref.substring(configMapName.length() + 1)).as("%s %s takes the key of its own name",
                            overlay, name).isEqualTo(name);
                } else if (value.startsWith("secret:")) {
                    assertThat(value).as("%s %s", overlay, name).matches("secret:[a-z0-9-]+/" + name);
                    secrets.add(name);
                }
            });
            configMap.path("data").fieldNames().forEachRemaining(key -> assertThat(env.get(key))
                    .as("%s maps ConfigMap key %s", overlay, key).isEqualTo("configmap:" + configMapName + "/" + key));
            assertThat(integration.path("spec").path("serviceAccountName").asText())
                    .as("%s runs as the account that may take the Lease", overlay).isEqualTo(serviceAccount);
            if (overlay.equals("pod-identity")) {
                assertThat(secrets).as("%s takes its identity from the service account", overlay).isEmpty();
            } else {
                assertThat(secrets).as("%s AWS keys from a Secret", overlay)
                        .containsExactlyInAnyOrder("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
            }
            assertThat(configMap.path("data").path("INVENTORY_TOPIC").asText()).as("topic given as an ARN on AWS")
                    .startsWith("arn:aws:sns:");
            assertThat(configMap.path("data").path("INVENTORY_PROVISION").asText()).isEqualTo("false");
        }
    }

    @Test
    void replicasShareTheirStateInAwsAndKeepOnlyLocalFilesOnAnEmptyDir() {
        for (String overlay : Kustomize.OVERLAYS) {
            List<JsonNode> rendered = Kustomize.overlay(overlay);
            assertThat(Kustomize.ofKind(rendered, "PersistentVolumeClaim")).as("no per-pod volume for shared state").isEmpty();
            JsonNode data = Kustomize.single(rendered, "ConfigMap").path("data");
            assertThat(data.path("INVENTORY_IMPORT_TRIGGER").asText()).isEqualTo("events");
            assertThat(data.path("INVENTORY_CLUSTER").asText()).isEqualTo("kubernetes");
            for (String key : SCALE_OUT_KEYS) {
                assertThat(data.path(key).asText()).as("%s ConfigMap %s", overlay, key).isNotBlank();
            }
            JsonNode integration = Kustomize.single(rendered, "Integration");
            Map<String, String> env = DeployFiles.integrationEnvironment(integration);
            SCALE_OUT_KEYS.forEach(key -> assertThat(env).as(overlay).containsEntry(key, "configmap:inventory-pipeline/" + key));
            JsonNode mount = integration.path("spec").path("traits").path("mount");
            assertThat(mount.path("volumes").size()).as("%s mounts no PVC", overlay).isZero();
            String stateDir = env.get("INVENTORY_STATE_DIR");
            assertThat(stateDir).as("%s sets INVENTORY_STATE_DIR", overlay).startsWith("/");
            List<String> emptyDirs = new ArrayList<>();
            mount.path("emptyDirs").forEach(v -> emptyDirs.add(v.asText()));
            assertThat(emptyDirs).as("%s: an emptyDir at INVENTORY_STATE_DIR for the local files", overlay)
                    .singleElement().satisfies(e -> assertThat(e).matches("[a-z0-9-]+:" + stateDir + "(:[0-9]+[KMG]i)?"));
        }
    }

    @Test
    void theServiceAccountMayTakeTheLeaseAndListThePodsAndNothingMore() {
        JsonNode role = DeployFiles.yaml("deploy/camel-k/base/role.yaml");
        assertThat(role.path("kind").asText()).isEqualTo("Role");
        Map<String, Set<String>> granted = new java.util.TreeMap<>();
        role.path("rules").forEach(rule -> {
            assertThat(rule.has("resourceNames")).isFalse();
            rule.path("apiGroups").forEach(g -> rule.path("resources").forEach(r -> {
                Set<String> verbs = granted.computeIfAbsent(g.asText() + "/" + r.asText(), k -> new java.util.TreeSet<>());
                rule.path("verbs").forEach(v -> assertThat(verbs.add(v.asText())).as("%s %s once", r, v).isTrue());
            }));
        });
        // camel-kubernetes 4.17.0 cluster.lock: NativeLeaseResourceManager get/create/update, and
        // KubernetesLeadershipController.pullClusterMembers list of pods (role.yaml says where each comes from)
        assertThat(granted).isEqualTo(Map.of(
                "coordination.k8s.io/leases", Set.of("get", "create", "update"),
                "/pods", Set.of("list")));

        JsonNode binding = DeployFiles.yaml("deploy/camel-k/base/rolebinding.yaml");
        assertThat(binding.path("kind").asText()).isEqualTo("RoleBinding");
        assertThat(binding.path("roleRef").path("kind").asText()).isEqualTo("Role");
        assertThat(binding.path("roleRef").path("apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo(role.path("metadata").path("name").asText());
        String serviceAccount = DeployFiles.yaml("deploy/camel-k/base/serviceaccount.yaml").path("metadata").path("name").asText();
        assertThat(binding.path("subjects")).singleElement().satisfies(s -> {
            assertThat(s.path("kind").asText()).isEqualTo("ServiceAccount");
            assertThat(s.path("name").asText()).isEqualTo(serviceAccount);
            assertThat(s.has("namespace")).as("bound in the namespace it is applied to").isFalse();
        });
    }

    @Test
    void theConfigMapNamesTheQueuesTheStateTableAndTheMetricsNamespaceTheStackCreatesByDefault() {
        JsonNode data = DeployFiles.yaml("deploy/camel-k/base/configmap.yaml").path("data");
        JsonNode parameters = DeployFiles.yaml("deploy/aws/template.yaml").path("Parameters");
        assertThat(data.path("INVENTORY_IMPORT_QUEUE").asText()).isEqualTo(parameters.path("QueueName").path("Default").asText());
        assertThat(data.path("INVENTORY_IMPORT_DEAD_LETTER_QUEUE").asText())
                .isEqualTo(parameters.path("DeadLetterQueueName").path("Default").asText());
        assertThat(data.path("INVENTORY_STATE_TABLE").asText()).isEqualTo(parameters.path("StateTableName").path("Default").asText());
        assertThat(data.path("INVENTORY_ALERT_DEAD_LETTER_QUEUE").asText())
                .isEqualTo(parameters.path("AlertDeadLetterQueueName").path("Default").asText());
        assertThat(data.path("INVENTORY_IMPORT_MAX_ATTEMPTS").asText()).as("the queue's maxReceiveCount")
                .isEqualTo(parameters.path("MaxReceiveCount").path("Default").asText());
        assertThat(data.path("INVENTORY_IMPORT_VISIBILITY_TIMEOUT").asText())
                .isEqualTo(parameters.path("VisibilityTimeout").path("Default").asText());
        assertThat(data.path("INVENTORY_TABLE").asText()).isEqualTo(parameters.path("TableName").path("Default").asText());
        assertThat(data.path("INVENTORY_METRICS_CLOUDWATCH_NAMESPACE").asText()).as("the alarms' namespace")
                .isEqualTo(parameters.path("MetricsNamespace").path("Default").asText());
    }

    @Test
    void theImageVariantsStateDirAndUserAreTheImages() {
        String imageStateDir = DeployFiles.dockerfileEnvironment(DeployFiles.dockerfile("docker/Dockerfile"))
                .get("INVENTORY_STATE_DIR");
        for (String overlay : List.of("image", "pod-identity")) {
            JsonNode integration = integration(overlay);
            assertThat(DeployFiles.integrationEnvironment(integration).get("INVENTORY_STATE_DIR")).as(overlay)
                    .isEqualTo(imageStateDir);
            assertThat(integration.path("spec").path("traits").path("container").path("runAsUser").asInt())
                    .as("%s runs as the image's user", overlay).isEqualTo(imageUser());
        }
    }

    static int managementPort() {
        return Integer.parseInt(DeployFiles.applicationPropertyValues().get("management.port"));
    }

    static String finalName() {
        var m = java.util.regex.Pattern.compile("<finalName>([^<]+)</finalName>").matcher(DeployFiles.text("pom.xml"));
        assertThat(m.find()).as("pom.xml has a finalName").isTrue();
        return m.group(1).trim();
    }

    static int imageUser() {
        String user = DeployFiles.dockerfile("docker/Dockerfile").stream().filter(i -> i.keyword().equals("USER"))
                .reduce((a, b) -> b).orElseThrow().arguments();
        return Integer.parseInt(user.split(":")[0]);
    }
}
