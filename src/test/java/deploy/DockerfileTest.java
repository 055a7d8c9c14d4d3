package deploy;

import static org.assertj.core.api.Assertions.assertThat;

import deploy.DeployFiles.Instruction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker/Dockerfile: a pinned two-stage build, a non-root runtime with a health check, a volume, no secrets. */
class DockerfileTest {

    private static final List<Instruction> DOCKERFILE = DeployFiles.dockerfile("docker/Dockerfile");

    private static List<Instruction> all(String keyword) {
        return DOCKERFILE.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    private static int lastStage() {
        return DOCKERFILE.stream().mapToInt(Instruction::stage).max().orElseThrow();
    }

    private static List<Instruction> runtime(String keyword) {
        return all(keyword).stream().filter(i -> i.stage() == lastStage()).toList();
    }

    @Test
    void buildsWithMavenOnJdk17AndRunsOnAPinnedJre17() {
        List<Instruction> from = all("FROM");
        assertThat(from).hasSize(2);
        String build = from.get(0).arguments().split("\\s+")[0];
        String run = from.get(1).arguments().split("\\s+")[0];
        assertThat(build).startsWith("maven:").contains("temurin-17");
        assertThat(run).startsWith("eclipse-temurin:17").contains("jre");
        assertThat(DeployFiles.pinned(build)).as(build).isTrue();
        assertThat(DeployFiles.pinned(run)).as(run).isTrue();
        assertThat(all("RUN").stream().filter(i -> i.stage() == 0).map(Instruction::arguments))
                .contains("mvn -B -DskipTests package");
    }

    @Test
    void copiesTheShadedJarThePomNames() {
        String jar = CamelKManifestsTest.finalName() + ".jar";
        assertThat(runtime("COPY")).anyMatch(i -> i.arguments().contains("--from=build")
                && i.arguments().contains("/target/" + jar));
        assertThat(runtime("ENTRYPOINT")).singleElement().satisfies(i -> assertThat(i.arguments())
                .contains("\"java\"").contains("\"-jar\"").contains(jar));
    }

    @Test
    void runsAsANonRootUser() {
        String user = runtime("USER").get(runtime("USER").size() - 1).arguments();
        assertThat(user).matches("\\d+(:\\d+)?");
        assertThat(CamelKManifestsTest.imageUser()).isPositive();
    }

    @Test
    void exposesTheManagementPortAndChecksReadiness() {
        assertThat(runtime("EXPOSE")).extracting(Instruction::arguments).contains("9876");
        assertThat(runtime("HEALTHCHECK")).singleElement().satisfies(i -> assertThat(i.arguments())
                .contains("CMD").contains("9876/observe/health/ready"));
    }

    @Test
    void theStateFolderIsAVolumeAndTheAppIsToldSo() {
        Map<String, String> env = DeployFiles.dockerfileEnvironment(DOCKERFILE);
        String stateDir = env.get("INVENTORY_STATE_DIR");
        assertThat(stateDir).startsWith("/");
        assertThat(runtime("VOLUME")).singleElement().satisfies(i -> assertThat(i.arguments()).contains(stateDir));
    }

    @Test
    void sizesTheHeapFromTheContainerLimit() {
        assertThat(DeployFiles.dockerfileEnvironment(DOCKERFILE).get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
    }

    @Test
    void failsClosedWithoutAnEndpointAndServesManagementBeyondLoopback() {
        Map<String, String> env = DeployFiles.dockerfileEnvironment(DOCKERFILE);
        // empty: start-up stops naming AWS_ENDPOINT instead of running on the embedded in-memory AWS
        assertThat(env).containsEntry("AWS_ENDPOINT", "");
        assertThat(env).containsEntry("MANAGEMENT_HOST", "0.0.0.0");
        assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-XX:+ExitOnOutOfMemoryError");
        // the class-data training run asks for the sandbox itself, the one run that may use it
        assertThat(runtime("RUN")).anyMatch(i -> i.arguments().startsWith("AWS_ENDPOINT=sandbox java -XX:ArchiveClassesAtExit="));
    }

    @Test
    void bakesInNoCredentials() {
        for (Instruction i : DOCKERFILE) {
            if (i.keyword().equals("ENV") || i.keyword().equals("ARG")) {
                assertThat(i.arguments().toUpperCase(java.util.Locale.ROOT)).as("%s %s", i.keyword(), i.arguments())
                        .doesNotContain("AWS_ACCESS_KEY_ID").doesNotContain("AWS_SECRET_ACCESS_KEY")
                        .doesNotContain("AWS_SESSION_TOKEN").doesNotContain("PASSWORD").doesNotContain("TOKEN");
            }
        }
    }

    @Test
    void theBuildContextHoldsOnlyThePomAndTheSources() {
        List<String> lines = DeployFiles.text(".dockerignore").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(lines).containsExactly("*", "!pom.xml", "!src");
        assertThat(all("COPY").stream().filter(i -> i.stage() == 0).map(Instruction::arguments))
                .containsExactly("pom.xml .", "src ./src");
    }
}
