package deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.ExternalClients;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * docker/init/create-resources.sh, the compose init step: with a recording stand-in for the AWS CLI (what it calls,
 * and that a second run creates nothing), and with the real AWS CLI against the embedded sandbox.
 */
class InitScriptTest {

    private static final Path SCRIPT = DeployFiles.file("docker/init/create-resources.sh");

    /** A fake `aws` that logs its arguments and remembers what was created. */
    private static final String FAKE_AWS = """
            #!/usr/bin/env bash
            echo "$*" >> "$FAKE_AWS_LOG"
            name=""; prev=""
            for a in "$@"; do [ "$prev" = "--table-name" ] && name="$a"; prev="$a"; done
            case "$*" in
              *"s3api head-bucket"*) [ -f "$FAKE_AWS_STATE/bucket" ] || { echo "Not Found" >&2; exit 254; } ;;
              *"s3api create-bucket"*) touch "$FAKE_AWS_STATE/bucket"; echo '{}' ;;
              *"dynamodb describe-table"*) [ -f "$FAKE_AWS_STATE/table-$name" ] || { echo "ResourceNotFoundException" >&2; exit 254; } ;;
              *"dynamodb create-table"*) touch "$FAKE_AWS_STATE/table-$name"; echo '{}' ;;
              *"dynamodb wait table-exists"*) [ -f "$FAKE_AWS_STATE/table-$name" ] || exit 255 ;;
              *"sns create-topic"*) echo "arn:aws:sns:us-east-1:000000000000:the-topic" ;;
              *) echo "unexpected call: $*" >&2; exit 99 ;;
            esac
            """;

    private record Run(int exit, String output, List<String> calls) {
    }

    private static boolean bashAvailable() {
        try {
            Process p = new ProcessBuilder("bash", "-c", "true").start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void assumeBash() {
        boolean ok = bashAvailable();
        if (!ok) {
            System.out.println("SKIPPED: bash is not available; docker/init/create-resources.sh was not run");
        }
        Assumptions.assumeTrue(ok, "bash is not available; docker/init/create-resources.sh was not run");
    }

    private static Run runWithFakeAws(Path dir, Map<String, String> env) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path state = Files.createDirectories(dir.resolve("state"));
        Path log = dir.resolve("calls.log");
        Files.deleteIfExists(log);
        Path aws = bin.resolve("aws");
        Files.writeString(aws, FAKE_AWS, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> all = new HashMap<>(env);
        all.put("PATH", bin + ":" + System.getenv("PATH"));
        all.put("FAKE_AWS_LOG", log.toString());
        all.put("FAKE_AWS_STATE", state.toString());
        ExternalClients.Result r = run(all);
        List<String> calls = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return new Run(r.exitCode(), r.stdout() + r.stderr(), calls);
    }

    private static ExternalClients.Result run(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("AWS_REGION", "us-east-1");
        return ExternalClients.run(List.of("bash", SCRIPT.toString()), all, 180);
    }

    @Test
    void firstRunCreatesBucketTableWithStreamTopicAndStateTableAndASecondRunCreatesNothing(@TempDir Path dir)
            throws Exception {
        assumeBash();
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "http://emulator:4566", "INVENTORY_BUCKET", "b-uploads",
                "INVENTORY_TABLE", "t-inventory", "INVENTORY_TOPIC", "t-alerts", "INVENTORY_STATE_TABLE", "t-state");
        Run first = runWithFakeAws(dir, env);
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.calls()).allMatch(c -> c.startsWith("--endpoint-url http://emulator:4566 "));
        assertThat(first.calls()).anyMatch(c -> c.contains("s3api create-bucket --bucket b-uploads"));
        String createTable = first.calls().stream()
                .filter(c -> c.contains("dynamodb create-table") && c.contains("--table-name t-inventory ")).findFirst()
                .orElseThrow(() -> new AssertionError("no create-table in " + first.calls()));
        assertThat(createTable).contains("--table-name t-inventory")
                .contains("AttributeName=store,KeyType=HASH").contains("AttributeName=item,KeyType=RANGE")
                .contains("AttributeName=store,AttributeType=S").contains("AttributeName=item,AttributeType=S")
                .contains("--billing-mode PAY_PER_REQUEST")
                .contains("--stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES");
        assertThat(first.calls()).anyMatch(c -> c.contains("dynamodb wait table-exists --table-name t-inventory"));
        assertThat(first.calls()).anyMatch(c -> c.contains("sns create-topic --name t-alerts") && !c.contains("FifoTopic"));
        String createState = first.calls().stream()
                .filter(c -> c.contains("dynamodb create-table") && c.contains("--table-name t-state ")).findFirst()
                .orElseThrow(() -> new AssertionError("no state table in " + first.calls()));
        assertThat(createState).contains("--attribute-definitions AttributeName=id,AttributeType=S")
                .contains("--key-schema AttributeName=id,KeyType=HASH").contains("--billing-mode PAY_PER_REQUEST")
                .doesNotContain("--stream-specification");
        assertThat(first.calls()).anyMatch(c -> c.contains("dynamodb wait table-exists --table-name t-state"));

        Run second = runWithFakeAws(dir, env);
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.calls()).noneMatch(c -> c.contains("create-bucket") || c.contains("create-table"));
        assertThat(second.output()).contains("bucket b-uploads exists").contains("table t-inventory exists")
                .contains("table t-state exists");
    }

    @Test
    void theDefaultStateTableIsTheAppsAndAnEmptyOneIsNotCreated(@TempDir Path dir) throws Exception {
        assumeBash();
        Run byDefault = runWithFakeAws(dir.resolve("default"), Map.of("AWS_ENDPOINT_URL", "http://emulator:4566"));
        assertThat(byDefault.exit()).as(byDefault.output()).isZero();
        String appDefault = DeployFiles.yaml("deploy/aws/template.yaml").path("Parameters").path("StateTableName")
                .path("Default").asText();
        assertThat(byDefault.calls()).anyMatch(c -> c.contains("dynamodb create-table --table-name " + appDefault + " "));

        Run none = runWithFakeAws(dir.resolve("none"), Map.of("AWS_ENDPOINT_URL", "http://emulator:4566",
                "INVENTORY_STATE_TABLE", ""));
        assertThat(none.exit()).as(none.output()).isZero();
        assertThat(none.calls()).filteredOn(c -> c.contains("create-table")).hasSize(1);
    }

    @Test
    void aTopicArnIsReducedToItsNameAndAFifoTopicIsCreatedAsFifo(@TempDir Path dir) throws Exception {
        assumeBash();
        Run arn = runWithFakeAws(dir, Map.of("AWS_ENDPOINT_URL", "http://emulator:4566",
                "INVENTORY_TOPIC", "arn:aws:sns:us-east-1:000000000000:alerts"));
        assertThat(arn.exit()).as(arn.output()).isZero();
        assertThat(arn.calls()).anyMatch(c -> c.contains("sns create-topic --name alerts "));

        Run fifo = runWithFakeAws(dir, Map.of("AWS_ENDPOINT_URL", "http://emulator:4566", "INVENTORY_TOPIC", "alerts.fifo"));
        assertThat(fifo.exit()).as(fifo.output()).isZero();
        assertThat(fifo.calls()).anyMatch(c -> c.contains("sns create-topic --name alerts.fifo --attributes FifoTopic=true"));
    }

    @Test
    void refusesToRunWithoutAnEndpoint(@TempDir Path dir) throws Exception {
        assumeBash();
        Run r = runWithFakeAws(dir, Map.of());
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("AWS_ENDPOINT_URL");
        assertThat(r.calls()).isEmpty();
    }

    @Test
    void withTheRealAwsCliItCreatesWhatTheAppChecksOnTheSandbox() {
        ExternalClients.assumeAwsCli();
        try (Sandbox aws = Sandbox.start(SandboxConfig.ephemeral())) {
            Map<String, String> env = Map.of("AWS_ENDPOINT_URL", aws.endpoint().toString(),
                    "INVENTORY_BUCKET", "inventory-uploads", "INVENTORY_TABLE", "inventory",
                    "INVENTORY_TOPIC", "inventory-alerts");
            ExternalClients.Result first = run(env);
            String output = first.stdout() + first.stderr();
            if (first.exitCode() != 0 && (output.contains("NotImplemented") || output.contains("UnknownOperation"))) {
                System.out.println("SKIPPED: the sandbox does not serve an operation the init script needs yet: "
                        + output.strip());
                Assumptions.abort("the sandbox does not serve an operation the init script needs yet: " + output.strip());
            }
            first.assertOk();
            assertThat(run(env).assertOk().stdout()).contains("bucket inventory-uploads exists")
                    .contains("table inventory exists");

            SandboxTestSupport.s3(aws.endpoint()).headBucket(b -> b.bucket("inventory-uploads"));
            TableDescription table = SandboxTestSupport.dynamodb(aws.endpoint())
                    .describeTable(t -> t.tableName("inventory")).table();
            assertThat(table.keySchema()).anySatisfy(k -> {
                assertThat(k.attributeName()).isEqualTo("store");
                assertThat(k.keyType()).isEqualTo(KeyType.HASH);
            }).anySatisfy(k -> {
                assertThat(k.attributeName()).isEqualTo("item");
                assertThat(k.keyType()).isEqualTo(KeyType.RANGE);
            });
            assertThat(table.streamSpecification().streamEnabled()).isTrue();
            assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
            TableDescription state = SandboxTestSupport.dynamodb(aws.endpoint())
                    .describeTable(t -> t.tableName("inventory-pipeline-state")).table();
            assertThat(state.keySchema()).singleElement().satisfies(k -> {
                assertThat(k.attributeName()).isEqualTo("id");
                assertThat(k.keyType()).isEqualTo(KeyType.HASH);
            });
            assertThat(SandboxTestSupport.sns(aws.endpoint()).listTopics().topics())
                    .anyMatch(t -> t.topicArn().endsWith(":inventory-alerts"));
        }
    }
}
