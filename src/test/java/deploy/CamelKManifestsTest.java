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
 * deploy/camel-k: every Integration/Pipe validates against the Camel K 2.10.1 CRD schemas made strict
 * (../shared/schemas/camel-k, skipped visibly when absent, as in a user's clone), and the manifests agree with
 * each other and with what the app needs (several replicas that compete for the upload notifications, one of them
 * reading the stream by a Lease the service account may take, health on the management port, nothing shared on a
 * pod's volume).
 */
class CamelKManifestsTest {

    /** The kinds besides Integrations this folder holds, with their apiVersion. */
    private static final Map<String, String> OTHER_KINDS = Map.of("ConfigMap", "v1", "ServiceAccount", "v1",
            "Role", "rbac.authorization.k8s.io/v1", "RoleBinding", "rbac.authorization.k8s.io/v1");

    /** The settings of scale-out every Integration takes from the ConfigMap. */
    private static final List<String> SCALE_OUT_KEYS = List.of("INVENTORY_IMPORT_TRIGGER", "INVENTORY_IMPORT_QUEUE",
            "INVENTORY_IMPORT_DEAD_LETTER_QUEUE", "INVENTORY_IMPORT_VISIBILITY_TIMEOUT", "INVENTORY_IMPORT_MAX_ATTEMPTS",
            "INVENTORY_STATE_TABLE", "INVENTORY_CLUSTER");

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

    @Test
    void everyCamelKManifestValidatesAgainstTheStrictCrdSchema() {
        Path dir = schemaDir();
        Schema integration = schema(dir, "integration-v1.strict.schema.json");
        Schema pipe = schema(dir, "pipe-v1.strict.schema.json");
        List<Path> manifests = DeployFiles.camelKManifests();
        assertThat(manifests).isNotEmpty();
        int validated = 0;
        for (Path manifest : manifests) {
            JsonNode doc = DeployFiles.yaml(manifest);
            String kind = doc.path("kind").asText();
            if (kind.equals("Integration") || kind.equals("Pipe")) {
                assertThat(doc.path("apiVersion").asText()).as("%s apiVersion", manifest).isEqualTo("camel.apache.org/v1");
                List<Error> errors = (kind.equals("Integration") ? integration : pipe).validate(doc);
                assertThat(errors).as("%s against the %s schema:\n%s", manifest.getFileName(), kind, describe(errors))
                        .isEmpty();
                validated++;
            } else {
                assertThat(OTHER_KINDS).as("%s is a kind this folder is expected to hold", manifest.getFileName())
                        .containsKey(kind);
                assertThat(doc.path("apiVersion").asText()).as("%s apiVersion", manifest).isEqualTo(OTHER_KINDS.get(kind));
            }
        }
        assertThat(validated).as("Integrations validated").isGreaterThanOrEqualTo(3);
        System.out.println("Validated " + validated + " Camel K manifests against " + dir);
    }

    @Test
    void aMisspeltFieldFailsTheStrictSchema() {
        Schema integration = schema(schemaDir(), "integration-v1.strict.schema.json");
        JsonNode good = DeployFiles.yaml("deploy/camel-k/integration.yaml");
        assertThat(integration.validate(good)).isEmpty();

        ObjectNode traitTypo = good.deepCopy();
        ((ObjectNode) traitTypo.path("spec").path("traits").path("health")).put("readinessProbePath", "/observe/health/ready");
        assertThat(describe(integration.validate(traitTypo))).contains("readinessProbePath");

        ObjectNode specTypo = good.deepCopy();
        ((ObjectNode) specTypo.path("spec")).put("replica", 1);
        assertThat(describe(integration.validate(specTypo))).contains("replica");

        ObjectNode unknownTrait = good.deepCopy();
        ((ObjectNode) unknownTrait.path("spec").path("traits")).putObject("healthz").put("enabled", true);
        assertThat(describe(integration.validate(unknownTrait))).contains("healthz");
    }

    @Test
    void integrationsRunThreeReplicasRolledOneAtATimeWithHealthProbesOnTheManagementPort() {
        List<Path> integrations = DeployFiles.camelKManifestsOfKind("Integration");
        assertThat(integrations).extracting(p -> p.getFileName().toString())
                .contains("integration.yaml", "integration-git.yaml", "integration-pod-identity.yaml");
        for (Path p : integrations) {
            JsonNode spec = DeployFiles.yaml(p).path("spec");
            assertThat(spec.path("replicas").asInt(-1)).as("%s replicas", p.getFileName()).isEqualTo(3);
            JsonNode traits = spec.path("traits");
            JsonNode deployment = traits.path("deployment");
            assertThat(deployment.path("strategy").asText()).as("%s update strategy", p.getFileName())
                    .isEqualTo("RollingUpdate");
            assertThat(deployment.path("rollingUpdateMaxUnavailable").asInt(-1)).as("%s never below its replicas",
                    p.getFileName()).isZero();
            assertThat(deployment.path("rollingUpdateMaxSurge").asInt()).isPositive();
            assertThat(traits.path("master").path("enabled").asBoolean(true))
                    .as("%s: the app elects its reader itself, the master trait stays off", p.getFileName()).isFalse();
            JsonNode health = traits.path("health");
            assertThat(health.path("enabled").asBoolean()).as("%s health trait enabled", p.getFileName()).isTrue();
            assertThat(health.path("livenessProbeEnabled").asBoolean()).isTrue();
            assertThat(health.path("readinessProbeEnabled").asBoolean(true)).isTrue();
            assertThat(health.path("livenessPort").asInt()).isEqualTo(9876);
            assertThat(health.path("readinessPort").asInt()).isEqualTo(9876);
            assertThat(health.path("livenessProbe").asText()).isEqualTo("/observe/health/live");
            assertThat(health.path("readinessProbe").asText()).isEqualTo("/observe/health/ready");
            if (health.path("startupProbeEnabled").asBoolean()) {
                assertThat(health.path("startupPort").asInt()).isEqualTo(9876);
                assertThat(health.path("startupProbe").asText()).startsWith("/observe/health/");
            }
        }
    }

    @Test
    void prebuiltImageVariantsRunTheImageAndTheGitVariantBuildsTheShadedJar() {
        for (String name : List.of("integration.yaml", "integration-pod-identity.yaml")) {
            JsonNode spec = DeployFiles.yaml("deploy/camel-k/" + name).path("spec");
            assertThat(spec.path("traits").path("container").path("image").asText()).as("%s image", name).isNotBlank();
            assertThat(spec.has("git")).as("%s has no git build", name).isFalse();
        }
        JsonNode git = DeployFiles.yaml("deploy/camel-k/integration-git.yaml").path("spec");
        assertThat(git.path("git").path("url").asText()).startsWith("https://").endsWith(".git");
        assertThat(git.path("traits").path("container").has("image")).isFalse();
        assertThat(git.path("traits").path("jvm").path("jar").asText())
                .endsWith("/" + finalName() + ".jar");
    }

    @Test
    void everyConfigMapAndSecretReferenceResolvesAndEveryIntegrationUsesTheServiceAccount() {
        JsonNode configMap = DeployFiles.yaml("deploy/camel-k/configmap.yaml");
        String configMapName = configMap.path("metadata").path("name").asText();
        String serviceAccount = DeployFiles.yaml("deploy/camel-k/serviceaccount.yaml").path("metadata").path("name").asText();
        for (Path p : DeployFiles.camelKManifestsOfKind("Integration")) {
            JsonNode integration = DeployFiles.yaml(p);
            Map<String, String> env = DeployFiles.integrationEnvironment(integration);
            List<String> secrets = new ArrayList<>();
            env.forEach((name, value) -> {
                if (value.startsWith("configmap:")) {
                    String ref = value.substring("configmap:".length());
                    assertThat(ref).as("%s %s", p.getFileName(), name).startsWith(configMapName + "/");
                    String key = ref.substring(configMapName.length() + 1);
                    assertThat(key).as("%s %s takes the key of its own name", p.getFileName(), name).isEqualTo(name);
                    assertThat(configMap.path("data").has(key)).as("%s: key %s in configmap.yaml", p.getFileName(), key)
                            .isTrue();
                } else if (value.startsWith("secret:")) {
                    assertThat(value).as("%s %s", p.getFileName(), name).matches("secret:[a-z0-9-]+/" + name);
                    secrets.add(name);
                }
            });
            configMap.path("data").fieldNames().forEachRemaining(key -> assertThat(env.get(key))
                    .as("%s maps ConfigMap key %s", p.getFileName(), key).isEqualTo("configmap:" + configMapName + "/" + key));
            assertThat(integration.path("spec").path("serviceAccountName").asText())
                    .as("%s runs as the account that may take the Lease", p.getFileName()).isEqualTo(serviceAccount);
            if (p.getFileName().toString().equals("integration-pod-identity.yaml")) {
                assertThat(secrets).as("%s takes its identity from the service account", p.getFileName()).isEmpty();
            } else {
                assertThat(secrets).as("%s AWS keys from a Secret", p.getFileName())
                        .containsExactlyInAnyOrder("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
            }
            assertThat(env.get("AWS_ENDPOINT")).as("%s AWS_ENDPOINT", p.getFileName()).isNotNull();
        }
        assertThat(configMap.path("data").path("AWS_ENDPOINT").asText()).isEqualTo("aws");
        assertThat(configMap.path("data").path("INVENTORY_TOPIC").asText()).as("topic given as an ARN on AWS")
                .startsWith("arn:aws:sns:");
        assertThat(configMap.path("data").path("INVENTORY_PROVISION").asText()).isEqualTo("false");
    }

    @Test
    void replicasShareTheirStateInAwsAndKeepOnlyLocalFilesOnAnEmptyDir() {
        assertThat(DeployFiles.camelKManifestsOfKind("PersistentVolumeClaim")).as("no per-pod volume for shared state")
                .isEmpty();
        JsonNode data = DeployFiles.yaml("deploy/camel-k/configmap.yaml").path("data");
        assertThat(data.path("INVENTORY_IMPORT_TRIGGER").asText()).isEqualTo("events");
        assertThat(data.path("INVENTORY_CLUSTER").asText()).isEqualTo("kubernetes");
        assertThat(data.path("INVENTORY_STATE_TABLE").asText()).as("the shared state table").isNotBlank();
        for (String key : SCALE_OUT_KEYS) {
            assertThat(data.path(key).asText()).as("configmap.yaml %s", key).isNotBlank();
        }
        for (Path p : DeployFiles.camelKManifestsOfKind("Integration")) {
            JsonNode integration = DeployFiles.yaml(p);
            Map<String, String> env = DeployFiles.integrationEnvironment(integration);
            SCALE_OUT_KEYS.forEach(key -> assertThat(env).as(p.getFileName().toString())
                    .containsEntry(key, "configmap:inventory-pipeline/" + key));
            JsonNode mount = integration.path("spec").path("traits").path("mount");
            assertThat(mount.path("volumes").size()).as("%s mounts no PVC", p.getFileName()).isZero();
            assertThat(integration.path("spec").has("template")).as("%s needs no fsGroup for a PVC", p.getFileName())
                    .isFalse();
            String stateDir = env.get("INVENTORY_STATE_DIR");
            assertThat(stateDir).as("%s sets INVENTORY_STATE_DIR", p.getFileName()).startsWith("/");
            List<String> emptyDirs = new ArrayList<>();
            mount.path("emptyDirs").forEach(v -> emptyDirs.add(v.asText()));
            assertThat(emptyDirs).as("%s: an emptyDir at INVENTORY_STATE_DIR for the local files", p.getFileName())
                    .singleElement().satisfies(e -> assertThat(e).matches("[a-z0-9-]+:" + stateDir + "(:[0-9]+[KMG]i)?"));
        }
    }

    @Test
    void theServiceAccountMayTakeTheLeaseAndListThePodsAndNothingMore() {
        JsonNode role = DeployFiles.yaml("deploy/camel-k/role.yaml");
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

        JsonNode binding = DeployFiles.yaml("deploy/camel-k/rolebinding.yaml");
        assertThat(binding.path("kind").asText()).isEqualTo("RoleBinding");
        assertThat(binding.path("roleRef").path("kind").asText()).isEqualTo("Role");
        assertThat(binding.path("roleRef").path("apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo(role.path("metadata").path("name").asText());
        String serviceAccount = DeployFiles.yaml("deploy/camel-k/serviceaccount.yaml").path("metadata").path("name").asText();
        assertThat(binding.path("subjects")).singleElement().satisfies(s -> {
            assertThat(s.path("kind").asText()).isEqualTo("ServiceAccount");
            assertThat(s.path("name").asText()).isEqualTo(serviceAccount);
            assertThat(s.has("namespace")).as("bound in the namespace it is applied to").isFalse();
        });
    }

    @Test
    void theConfigMapNamesTheQueuesAndTheStateTableTheStackCreatesByDefault() {
        JsonNode data = DeployFiles.yaml("deploy/camel-k/configmap.yaml").path("data");
        JsonNode parameters = DeployFiles.yaml("deploy/aws/template.yaml").path("Parameters");
        assertThat(data.path("INVENTORY_IMPORT_QUEUE").asText()).isEqualTo(parameters.path("QueueName").path("Default").asText());
        assertThat(data.path("INVENTORY_IMPORT_DEAD_LETTER_QUEUE").asText())
                .isEqualTo(parameters.path("DeadLetterQueueName").path("Default").asText());
        assertThat(data.path("INVENTORY_STATE_TABLE").asText()).isEqualTo(parameters.path("StateTableName").path("Default").asText());
        assertThat(data.path("INVENTORY_IMPORT_MAX_ATTEMPTS").asText()).as("the queue's maxReceiveCount")
                .isEqualTo(parameters.path("MaxReceiveCount").path("Default").asText());
        assertThat(data.path("INVENTORY_IMPORT_VISIBILITY_TIMEOUT").asText())
                .isEqualTo(parameters.path("VisibilityTimeout").path("Default").asText());
        assertThat(data.path("INVENTORY_TABLE").asText()).isEqualTo(parameters.path("TableName").path("Default").asText());
    }

    @Test
    void theImageVariantStateDirMatchesTheImage() {
        String imageStateDir = DeployFiles.dockerfileEnvironment(DeployFiles.dockerfile("docker/Dockerfile"))
                .get("INVENTORY_STATE_DIR");
        for (String name : List.of("integration.yaml", "integration-pod-identity.yaml")) {
            Map<String, String> env = DeployFiles.integrationEnvironment(DeployFiles.yaml("deploy/camel-k/" + name));
            assertThat(env.get("INVENTORY_STATE_DIR")).as(name).isEqualTo(imageStateDir);
            assertThat(DeployFiles.yaml("deploy/camel-k/" + name).path("spec").path("traits").path("container")
                    .path("runAsUser").asInt()).as("%s runs as the image's user", name).isEqualTo(imageUser());
        }
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
