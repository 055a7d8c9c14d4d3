package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import inventory.tracing.ExportedSpans;
import inventory.tracing.ExportedSpans.ExportedSpan;
import inventory.tracing.OtlpReceiver;
import inventory.tracing.OtlpReceiver.Mode;
import inventory.tracing.Tracing;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxConfig;
import sandbox.SandboxExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.RunningPipeline;
import testsupport.SandboxFaults;
import testsupport.StreamLedger;

/**
 * Tracing (issue 20 item 4): with an OTLP endpoint the real pipeline sends one {@code import} span per file and one
 * {@code alert} span per stream record to a collector (an {@link OtlpReceiver} in this JVM, decoding the protobuf
 * export requests); a collector that hangs or refuses slows nothing; without an endpoint nothing is installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracingStoryTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension(
            SandboxConfig.ephemeral().withStreams(PipelineTestSupport.ROLLING));

    private static final String UPDATED = "2026-11-24T09:00:00Z";

    private static Properties props(String name, URI collector) throws Exception {
        Properties p = PipelineTestSupport.pipelineProperties(sandbox.endpoint().toString(), name, name, name,
                Files.createTempDirectory("tracing-"));
        if (collector != null) {
            p.setProperty("otel.exporter.otlp.endpoint", collector.toString());
            p.setProperty("otel.bsp.schedule.delay", "100"); // an SDK setting passed through: spans within 0.1 s
        }
        return p;
    }

    /**
     * A file of {@code rows} rows for one store: item {@code zero} at 0, item {@code bad} with a quantity refused, the
     * rest in stock.
     */
    private static String file(String store, int rows) {
        StringBuilder csv = new StringBuilder("store,item,quantity,updated_at\n");
        csv.append(store).append(",zero,0,").append(UPDATED).append('\n');
        csv.append(store).append(",bad,-1,").append(UPDATED).append('\n');
        for (int i = 3; i <= rows; i++) {
            csv.append(store).append(",item-").append(i).append(',').append(i).append(',').append(UPDATED).append('\n');
        }
        return csv.toString();
    }

    private static List<ExportedSpan> named(OtlpReceiver collector, String name) {
        return ExportedSpans.of(collector).stream().filter(s -> s.name().equals(name)).toList();
    }

    private static void awaitSpans(OtlpReceiver collector, String name, int count) {
        await().atMost(PipelineProbe.TIMEOUT).until(() -> named(collector, name).size() >= count);
    }

    @Test
    @Order(1) // first: no other test's exporter thread may still be winding down
    void withoutAnEndpointNothingIsTracedAndNoExporterRuns() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == null,
                "OTEL_EXPORTER_OTLP_ENDPOINT is set in this environment");
        // where the SDK would send spans by default, had it been installed anyway
        OtlpReceiver atDefault;
        try {
            atDefault = OtlpReceiver.start(Mode.ANSWER, 4318);
        } catch (UncheckedIOException taken) {
            atDefault = null; // another process has 4318: the checks below still hold
        }
        try (RunningPipeline pipeline = RunningPipeline.start(props("untraced", null))) {
            PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), "untraced", "untraced", "untraced", pipeline::context);
            probe.upload("incoming/plain.csv", file("s1", 20));
            assertThat(probe.awaitReport("plain.csv").get("inserted").asLong()).isEqualTo(19);
            probe.awaitAlerts(1);
            probe.awaitAlertRouteCaughtUp();

            assertThat(pipeline.context().hasService(Tracing.class)).isNull();
            assertThat(pipeline.context().getRoutePolicyFactories()).noneMatch(Tracing.class::isInstance);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("BatchSpanProcessor"));
        } finally {
            if (atDefault != null) {
                assertThat(atDefault.connections()).isZero();
                atDefault.close();
            }
        }
    }

    @Test
    @Order(2)
    void anImportIsOneSpanWithItsCountsAndEachAlertOneSpanTiedToItsRecordAndUpload() throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start(Mode.ANSWER)) {
            JsonNode report;
            JsonNode failed;
            PipelineProbe probe;
            try (RunningPipeline pipeline = RunningPipeline.start(props("traced", collector.endpoint()))) {
                probe = new PipelineProbe(sandbox.endpoint(), "traced", "traced", "traced", pipeline::context);
                probe.upload("incoming/stores/s1.csv", file("s1", 300));
                report = probe.awaitReport("stores/s1.csv");
                probe.awaitAlerts(1);
                probe.awaitAlertRouteCaughtUp();
                probe.upload("incoming/broken.csv", "no,header,here\n1,2,3\n");
                failed = probe.awaitReport("broken.csv");
                awaitSpans(collector, "import", 2);
                awaitSpans(collector, "alert", 1);
            } // stopping flushes whatever is left: the counts below are all there is

            assertThat(report.get("rows").asLong()).isEqualTo(300);
            List<ExportedSpan> imports = named(collector, "import");
            assertThat(imports).hasSize(2); // 300 rows, one span: no span per row
            ExportedSpan imported = imports.stream().filter(s -> "incoming/stores/s1.csv".equals(s.attribute("aws.s3.key")))
                    .findFirst().orElseThrow();
            assertThat(imported.service()).isEqualTo("inventory-pipeline");
            assertThat(imported.parentSpanId()).isEmpty(); // the root of its own trace
            assertThat(imported.kind()).isEqualTo("SPAN_KIND_CONSUMER");
            assertThat(imported.attributes()).containsAllEntriesOf(Map.of(
                    "aws.s3.bucket", "traced",
                    "inventory.upload", "s3://traced/incoming/stores/s1.csv",
                    "inventory.import.rows", 300L,
                    "inventory.import.inserted", 299L,
                    "inventory.import.updated", 0L,
                    "inventory.import.stale", 0L,
                    "inventory.import.rejected", 1L,
                    "inventory.import.outcome", "processed",
                    "inventory.import.archived_as", "processed/stores/s1.csv"));
            assertThat(imported.attributes()).doesNotContainKey("inventory.import.error");
            assertThat(imported.status()).isEqualTo("STATUS_CODE_UNSET");

            ExportedSpan broken = imports.stream().filter(s -> "incoming/broken.csv".equals(s.attribute("aws.s3.key")))
                    .findFirst().orElseThrow();
            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(broken.attributes()).containsEntry("inventory.import.outcome", "failed")
                    .containsEntry("inventory.import.error", failed.get("failure").asText())
                    .containsEntry("inventory.import.archived_as", "failed/broken.csv");
            assertThat(broken.status()).isEqualTo("STATUS_CODE_ERROR");
            assertThat(broken.statusMessage()).isEqualTo(failed.get("failure").asText());
            assertThat(broken.traceId()).isNotEqualTo(imported.traceId()); // one trace per file

            Record zero = StreamLedger.records(probe.streams, "traced").stream()
                    .filter(r -> r.dynamodb().keys().get("item").s().equals("zero")).findFirst().orElseThrow();
            ExportedSpan alert = named(collector, "alert").get(0);
            assertThat(named(collector, "alert")).hasSize(1);
            assertThat(alert.parentSpanId()).isEmpty();
            assertThat(alert.attributes()).containsAllEntriesOf(Map.of(
                    "inventory.stream.event_id", zero.eventID(),
                    "inventory.stream.sequence_number", zero.dynamodb().sequenceNumber(),
                    "inventory.stream.event_name", "INSERT",
                    "inventory.store", "s1",
                    "inventory.item", "zero",
                    "inventory.quantity", "0",
                    "inventory.alert.outcome", "sent"));
            // the upload that wrote the item: the same value as its import span's, so one search finds both
            assertThat(alert.attribute("inventory.upload")).isEqualTo(imported.attribute("inventory.upload"));
        }
    }

    @Test
    @Order(3)
    void alertSpansSayWhatBecameOfEachRecord() throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start(Mode.ANSWER);
             RunningPipeline pipeline = RunningPipeline.start(props("outcomes", collector.endpoint()))) {
            PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), "outcomes", "outcomes", "outcomes", pipeline::context);
            probe.awaitStreamReader();
            // another tool writes a quantity that is no number: skipped, with the reason
            probe.dynamoDb.putItem(b -> b.tableName("outcomes").item(Map.of("store", AttributeValue.fromS("s9"),
                    "item", AttributeValue.fromS("words"), "quantity", AttributeValue.fromS("none"))));
            // SNS refuses the next alert three times: dead-lettered
            new SandboxFaults(sandbox.endpoint()).add("{\"service\":\"sns\",\"operation\":\"Publish\",\"status\":400,"
                    + "\"code\":\"InvalidParameter\",\"message\":\"Invalid parameter: Message\",\"count\":3}");
            probe.put("s9", "refused", 0, UPDATED);
            await().atMost(PipelineProbe.TIMEOUT).until(() -> probe.metrics().alertsDeadLettered() == 1);
            probe.awaitAlertRouteCaughtUp();
            awaitSpans(collector, "alert", 2);

            ExportedSpan skipped = named(collector, "alert").stream()
                    .filter(s -> "words".equals(s.attribute("inventory.item"))).findFirst().orElseThrow();
            assertThat(skipped.attributes()).containsEntry("inventory.alert.outcome", "skipped")
                    .containsEntry("inventory.alert.skip_reason", "quantity-not-a-number")
                    .doesNotContainKey("inventory.upload"); // not written by an import
            ExportedSpan refused = named(collector, "alert").stream()
                    .filter(s -> "refused".equals(s.attribute("inventory.item"))).findFirst().orElseThrow();
            assertThat(refused.attributes()).containsEntry("inventory.alert.outcome", "dead-lettered")
                    .containsEntry("inventory.quantity", "0");
            assertThat((String) refused.attribute("inventory.alert.error")).contains("Invalid parameter");
            assertThat(refused.status()).isEqualTo("STATUS_CODE_ERROR");
        }
    }

    @Test
    @Order(4)
    void aCollectorThatNeverAnswersOrRefusesHoldsUpNoImportAndNoAlert() throws Exception {
        try (OtlpReceiver hanging = OtlpReceiver.start(Mode.NEVER_ANSWER)) {
            importsAndAlerts("hanging", hanging.endpoint());
            assertThat(hanging.connections()).as("the exporter did try the collector").isPositive();
        }
        importsAndAlerts("refused", OtlpReceiver.refusingEndpoint());
    }

    @Test
    @Order(5)
    void anEndpointThatIsNoUrlStopsStartUpNamingTheVariable() throws Exception {
        Properties p = props("bad-endpoint", null);
        p.setProperty("otel.exporter.otlp.endpoint", "otel-collector:4318");
        assertThatThrownBy(() -> RunningPipeline.start(p)).satisfies(e -> assertThat(innermost(e).getMessage())
                .contains("OTEL_EXPORTER_OTLP_ENDPOINT").contains("'otel-collector:4318'").contains("http://"));
    }

    private static Throwable innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** A file imported and its alert sent, within the stories' usual deadlines, and the pipeline stopped. */
    private static void importsAndAlerts(String name, URI collector) throws Exception {
        try (RunningPipeline pipeline = RunningPipeline.start(props(name, collector))) {
            assertThat(pipeline.context().hasService(Tracing.class)).isNotNull();
            PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), name, name, name, pipeline::context);
            for (int i = 1; i <= 3; i++) { // a few batches of spans, each a try to export
                probe.upload("incoming/f" + i + ".csv", file("s" + i, 100));
                assertThat(probe.awaitReport("f" + i + ".csv").get("inserted").asLong()).isEqualTo(99);
            }
            probe.awaitAlerts(3);
            probe.awaitAlertRouteCaughtUp();
            assertThat(probe.alerts()).hasSize(3);
        }
    }
}
