package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
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
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Security basics (issue 6): the sandbox listens on loopback unless told otherwise, and credentials given to
 * the pipeline never appear in its logs, reports, rejected rows, alerts or state files.
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
