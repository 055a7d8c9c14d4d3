package drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import testsupport.AlertAudit;
import testsupport.DrillFigures;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.RunningPipeline;

/**
 * Security basics (issues 6 and 19): the sandbox listens on loopback unless told otherwise; credentials given to
 * the pipeline never appear in its logs, reports, rejected rows, alerts or state files; outside values never forge
 * or flood a log line; the management port serves health (without details) and metrics only, on loopback unless
 * told otherwise; start-up fails closed without an endpoint or, for real AWS, without credentials.
 */
class SecurityBasicsTest {

    private static final Pattern LISTENING = Pattern.compile("Local AWS sandbox listening on (http://\\S+)");

    @Test
    void sandboxListensOnLoopbackOnlyUnlessSandboxHostSaysOtherwise() throws Exception {
        Optional<InetAddress> lan = nonLoopbackAddress();
        try (Sandbox byDefault = Sandbox.start(SandboxConfig.fromLookup(k -> k.equals("sandbox.port") ? "0" : null))) {
            assertThat(byDefault.config().host()).isEqualTo("127.0.0.1");
            assertThat(byDefault.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(connects(InetAddress.getLoopbackAddress(), byDefault.port())).isTrue();
            assumeThat(lan).as("a non-loopback address on this machine").isPresent();
            assertThat(connects(lan.get(), byDefault.port())).as("reachable from " + lan.get()).isFalse();
        }
        try (Sandbox everywhere = Sandbox.start(SandboxConfig.fromLookup(
                k -> k.equals("sandbox.port") ? "0" : k.equals("sandbox.host") ? "0.0.0.0" : null))) {
            assertThat(connects(lan.get(), everywhere.port())).as("sandbox.host=0.0.0.0 reachable from " + lan.get()).isTrue();
        }
    }

    @Test
    void credentialsAppearInNoLogLineReportRejectedRowAlertOrStateFile() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("AWS_ACCESS_KEY_ID", "AKIAENVMARKER" + run);
        secrets.put("AWS_SECRET_ACCESS_KEY", "SECRET-MARKER-ENV-" + run);
        secrets.put("AWS_SESSION_TOKEN", "TOKEN-MARKER-ENV-" + run);
        Path work = DrillFigures.emptyFolder("security");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("aws.endpoint", "sandbox");
        props.put("sandbox.port", "0");
        props.put("inventory.state-dir", work.resolve("state").toString());
        props.put("inventory.alert.format", "json");
        props.put("inventory.import.poll-delay", "100");
        props.put("inventory.alert.poll-delay", "100");
        props.put("camel.management.enabled", "false");
        props.put("camel.main.shutdown-timeout", "10");
        // the same credentials as system properties too: neither source may leak
        props.put("aws.accessKeyId", "AKIAPROPMARKER" + run);
        props.put("aws.secretAccessKey", "SECRET-MARKER-PROP-" + run);
        props.put("aws.sessionToken", "TOKEN-MARKER-PROP-" + run);
        Map<String, String> env = new LinkedHashMap<>(secrets);
        env.put("LOG_LEVEL", "DEBUG"); // the most a log will ever say

        ChildJvm pipeline = ChildJvm.start(props, env, work.resolve("pipeline.log"));
        List<String> everything = new ArrayList<>();
        try {
            URI endpoint = awaitEndpoint(pipeline);
            S3Client s3 = SandboxTestSupport.s3(endpoint);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                s3.headBucket(b -> b.bucket("inventory-uploads"));
                return true;
            });
            s3.putObject(b -> b.bucket("inventory-uploads").key("incoming/stock.csv"), RequestBody.fromString(
                    "store,item,quantity,updated_at\ns1,a,0,2026-11-24T08:00:00Z\ns1,b,-1,2026-11-24T08:00:00Z\n"));
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    !AlertAudit.alerts(endpoint, AlertAudit.topicArn("inventory-alerts")).isEmpty()
                            && s3.listObjectsV2(b -> b.bucket("inventory-uploads").prefix("processed/")).hasContents()
                            // the upload leaves incoming/ last (copy, then delete): list only once it has
                            && !s3.listObjectsV2(b -> b.bucket("inventory-uploads").prefix("incoming/")).hasContents());
            for (var o : s3.listObjectsV2Paginator(b -> b.bucket("inventory-uploads")).contents()) {
                everything.add(o.key() + "\n" + s3.getObjectAsBytes(b -> b.bucket("inventory-uploads").key(o.key())).asUtf8String());
            }
            assertThat(everything).anyMatch(o -> o.startsWith("reports/")).anyMatch(o -> o.startsWith("rejected/"));
            for (JsonNode alert : AlertAudit.alerts(endpoint, AlertAudit.topicArn("inventory-alerts"))) {
                everything.add(alert.toString());
            }
        } finally {
            pipeline.stop(Duration.ofSeconds(30));
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                everything.add(f + "\n" + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        long logLines = Files.readAllLines(work.resolve("pipeline.log"), StandardCharsets.ISO_8859_1).size();
        assertThat(logLines).as("the log was written at DEBUG").isGreaterThan(200);
        List<String> markers = new ArrayList<>(secrets.values());
        List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken").forEach(k -> markers.add(props.get(k)));
        List<String> leaks = new ArrayList<>();
        for (String text : everything) {
            markers.stream().filter(text::contains).forEach(m -> leaks.add(m + " in " + text.substring(0, Math.min(120, text.length()))));
        }
        DrillFigures.record("security", "log lines scanned " + logLines + ", objects/alerts/files scanned " + everything.size()
                + ", credential markers found " + leaks.size());
        assertThat(leaks).as("texts that contain a credential").isEmpty();
    }

    @Test
    void keysAndValuesWithLineBreaksOrMegabytesForgeNoLogLineAndStaySmallInLogsAndReports() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        String forged = "INFO  [ventory-uploads] import-file      FileImport - Imported incoming/fake.csv: 1 rows";
        String key = "incoming/forged\n" + forged + ".csv";
        String big = "9".repeat(3 * 1024 * 1024);
        Properties p = PipelineTestSupport.pipelineProperties("sandbox", "forge", "forge", "forge",
                Files.createTempDirectory("forge-"));
        p.setProperty("sandbox.port", "0");
        try (RunningPipeline pipeline = RunningPipeline.start(p)) {
            URI endpoint = pipeline.context().getRegistry().findSingleByType(inventory.AwsEndpoint.class).uri();
            PipelineProbe probe = new PipelineProbe(endpoint, "forge", "forge", "forge", pipeline::context);
            int before = log.list.size();
            probe.upload(key, "store,item,quantity,updated_at\ns1,a,1,\"2026-11-24T09:00:00Z\nERROR forged\"\n"
                    + "s1,b,1," + big + "\ns1,c,0,2026-11-24T09:00:00Z\n");

            JsonNode report = probe.awaitReport(key.substring("incoming/".length()));
            // the file's log line comes after its report and its archiving
            await().until(() -> List.copyOf(log.list).stream().anyMatch(e -> e.getFormattedMessage().startsWith("Imported ")));
            List<ILoggingEvent> lines = List.copyOf(log.list.subList(before, log.list.size()));
            assertThat(lines).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.startsWith("Imported "))
                    .noneMatch(m -> m.contains("\n") || m.contains("\r"))
                    .allMatch(m -> m.length() < 2000);
            assertThat(lines).extracting(ILoggingEvent::getFormattedMessage).filteredOn(m -> m.startsWith("Imported "))
                    .singleElement().asString().startsWith("Imported incoming/forged\\nINFO  [ventory-uploads]");

            String reportText = probe.object("reports/" + key.substring("incoming/".length()) + ".json").orElseThrow();
            assertThat(reportText.length()).as("report size").isLessThan(4096);
            assertThat(report.get("rejected").asLong()).isEqualTo(2);
            assertThat(report.get("errors").get(1).get("reason").asText()).contains("...(3145728 chars)");
            // the rejected rows keep the user's data as it was, to fix and upload again
            assertThat(probe.object("rejected/" + key.substring("incoming/".length())).orElseThrow())
                    .contains(big).contains("2026-11-24T09:00:00Z\nERROR forged");
            DrillFigures.record("log-forging", "log lines after the upload " + lines.size() + ", longest "
                    + lines.stream().mapToInt(e -> e.getFormattedMessage().length()).max().orElse(0)
                    + " chars, lines with a line break 0, report " + reportText.length() + " bytes for a 3 MB value");
        } finally {
            root.detachAppender(log);
        }
    }

    @Test
    void theManagementPortServesHealthAndMetricsOnlyOnLoopbackAndNoDetails() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Properties p = PipelineTestSupport.pipelineProperties("sandbox", "mgmt", "mgmt", "mgmt",
                Files.createTempDirectory("mgmt-"));
        p.setProperty("sandbox.port", "0");
        p.setProperty("camel.management.enabled", "true");
        p.setProperty("management.port", Integer.toString(port));
        try (RunningPipeline pipeline = RunningPipeline.start(p)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> get(port, "/observe/health/ready").statusCode() == 200);
            assertThat(get(port, "/observe/health/ready").body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(get(port, "/observe/health/live").body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(get(port, "/observe/metrics").body()).contains("inventory_files_total");
            for (String path : List.of("/observe/info", "/observe/jolokia", "/q/dev", "/q/upload", "/q/download",
                    "/q/send", "/observe")) {
                assertThat(get(port, path).statusCode()).as(path).isEqualTo(404);
            }
            for (String widened : List.of("/observe/health?exposureLevel=full", "/observe/health/ready?stackTrace=true",
                    "/observe/health?data=true&exposureLevel=full&stackTrace=true")) {
                var answer = get(port, widened);
                assertThat(answer.statusCode()).as(widened).isEqualTo(400);
                assertThat(answer.body()).doesNotContain("stackTrace").doesNotContain("error-message");
            }
            Optional<InetAddress> lan = nonLoopbackAddress();
            assumeThat(lan).as("a non-loopback address on this machine").isPresent();
            assertThat(connects(lan.get(), port)).as("management reachable from " + lan.get()).isFalse();
        }
    }

    @Test
    void withoutAnEndpointOrWithoutCredentialsStartUpStopsAndSaysWhatToSet() throws Exception {
        Path work = DrillFigures.emptyFolder("fail-closed");
        Map<String, String> props = Map.of("sandbox.port", "0", "inventory.state-dir", work.resolve("state").toString(),
                "camel.management.enabled", "false");
        // what the image does: AWS_ENDPOINT set, but empty
        ChildJvm noEndpoint = ChildJvm.start(props, Map.of("AWS_ENDPOINT", ""), work.resolve("no-endpoint.log"));
        assertThat(noEndpoint.awaitExit(Duration.ofSeconds(60))).isNotZero();
        assertThat(Files.readString(work.resolve("no-endpoint.log"))).contains("inventory-pipeline could not start: "
                + "Invalid value '' for property aws.endpoint (environment AWS_ENDPOINT): allowed aws (real AWS, with "
                + "credentials or a role), an emulator's URL such as http://localhost:4566, or sandbox")
                .doesNotContain("Local AWS sandbox listening");

        Map<String, String> noCredentials = new LinkedHashMap<>();
        noCredentials.put("AWS_ENDPOINT", "aws");
        for (String v : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
            noCredentials.put(v, "");
        }
        noCredentials.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("none/credentials").toString());
        noCredentials.put("AWS_CONFIG_FILE", work.resolve("none/config").toString());
        noCredentials.put("AWS_EC2_METADATA_DISABLED", "true");
        ChildJvm realAws = ChildJvm.start(props, noCredentials, work.resolve("no-credentials.log"));
        assertThat(realAws.awaitExit(Duration.ofSeconds(90))).isNotZero();
        String said = Files.readAllLines(work.resolve("no-credentials.log")).stream()
                .filter(l -> l.startsWith("inventory-pipeline could not start:")).findFirst().orElseThrow();
        assertThat(said).isEqualTo("inventory-pipeline could not start: aws.endpoint=aws but no AWS credentials were "
                + "found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (aws.profile) with a profile "
                + "in ~/.aws, or run with a role (EKS Pod Identity or IRSA, an ECS task role, an EC2 instance profile)");
    }

    @Test
    void aCamelComponentOptionGivenAsAnEnvironmentVariableStopsStartUpInsteadOfBeingIgnored() throws Exception {
        Path work = DrillFigures.emptyFolder("camel-env");
        Map<String, String> props = Map.of("sandbox.port", "0", "inventory.state-dir", work.resolve("state").toString(),
                "camel.management.enabled", "false");
        // Camel Main 4.17 never applies CAMEL_COMPONENT_* (CamelEnvironmentKeys): the pipeline would run in us-east-1
        ChildJvm pipeline = ChildJvm.start(props, Map.of("CAMEL_COMPONENT_AWS2_S3_REGION", "eu-west-1"),
                work.resolve("pipeline.log"));
        assertThat(pipeline.awaitExit(Duration.ofSeconds(60))).isNotZero();
        assertThat(Files.readString(work.resolve("pipeline.log"))).contains("inventory-pipeline could not start: "
                + "environment variable CAMEL_COMPONENT_AWS2_S3_REGION is set, but Camel 4.17 does not apply")
                .doesNotContain("eu-west-1")
                .doesNotContain("Local AWS sandbox listening");
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI awaitEndpoint(ChildJvm pipeline) {
        return URI.create(pipeline.awaitLine(LISTENING, Duration.ofSeconds(60)));
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
