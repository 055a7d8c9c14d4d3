package routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import inventory.InventorySettings.AlertMode;
import inventory.alerts.StockChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sandbox.SandboxExtension;
import sandbox.SandboxConfig;
import sandbox.WholeStream;
import sandbox.streams.ShardSettings;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.RunningPipeline;
import testsupport.StreamLedger;

/**
 * The alert route against a stream that rolls over fast (4 shards, each closing after 25 records, every third
 * rollover a split), with a restart half-way: every qualifying change is alerted exactly once, and each item's
 * alerts go out in the order the item changed.
 */
class RollingShardsAlertTest {

    private static final int ITEMS = 24;
    private static final int ROUNDS = 12;
    /** Each item walks through these quantities (shifted per item): transitions, stays at zero, restocks. */
    private static final int[] QUANTITIES = {5, 0, 0, 3, 0, 7, 0, 0, 2, 1, 0, 4};
    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension(SandboxConfig.ephemeral().withStreams(new ShardSettings(4, 0, 25, 3, 64)));

    @ParameterizedTest
    @EnumSource(AlertMode.class)
    void everyQualifyingChangeIsAlertedOnceAndInItemOrderAcrossRolloversAndSplits(AlertMode mode) throws Exception {
        String name = "rolling-" + mode.name().toLowerCase().replace('_', '-');
        Properties props = PipelineTestSupport.pipelineProperties(sandbox.endpoint().toString(), name, name, name,
                Files.createTempDirectory("rolling-state-"));
        props.setProperty("inventory.alert.mode", mode == AlertMode.EVERY_CHANGE ? "every-change" : "on-transition");
        props.setProperty("inventory.alert.format", "json");
        props.setProperty("inventory.alert.shard-refresh", "500");

        try (RunningPipeline first = RunningPipeline.start(props)) {
            changeItems(new PipelineProbe(sandbox.endpoint(), name, name, name, first::context), 0, ROUNDS / 2);
        }
        // stopped while shards were still being read, closed and split: the checkpoint holds a lineage mid-way
        PipelineProbe outside = new PipelineProbe(sandbox.endpoint(), name, name, name, () -> null);
        changeItems(outside, ROUNDS / 2, ROUNDS);

        try (RunningPipeline second = RunningPipeline.start(props)) {
            PipelineProbe probe = new PipelineProbe(sandbox.endpoint(), name, name, name, second::context);
            List<software.amazon.awssdk.services.dynamodb.model.Record> records =
                    StreamLedger.records(probe.streams, name);
            assertThat(records).hasSize(ITEMS * ROUNDS);
            Map<String, StockChange> expected = StreamLedger.qualifying(records, 0, mode);
            probe.awaitAlerts(expected.size());
            probe.awaitAlertRouteCaughtUp();

            String arn = probe.streams.listStreams(b -> b.tableName(name)).streams().get(0).streamArn();
            List<Shard> shards = WholeStream.shards(probe.streams, arn);
            Map<String, Long> children = shards.stream().filter(s -> s.parentShardId() != null)
                    .collect(Collectors.groupingBy(Shard::parentShardId, Collectors.counting()));
            assertThat(shards).as("the stream rolled over").hasSizeGreaterThan(12);
            assertThat(children.values()).as("and split").contains(2L);

            List<JsonNode> alerts = new ArrayList<>();
            for (JsonNode m : probe.alerts()) {
                alerts.add(PipelineProbe.JSON.readTree(m.get("message").asText()));
            }
            List<String> alerted = alerts.stream().map(a -> a.get("eventId").asText()).toList();
            assertThat(alerted).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected.keySet());
            Map<String, String> lastPerItem = new HashMap<>();
            for (JsonNode a : alerts) {
                String item = a.get("store").asText() + "/" + a.get("item").asText();
                String at = a.get("updatedAt").asText();
                String before = lastPerItem.put(item, at);
                assertThat(before == null || before.compareTo(at) < 0).as("%s alerted at %s after %s", item, at, before)
                        .isTrue();
            }
            assertThat(probe.metrics().streamTrimmedCount()).isZero();
        }
    }

    private static void changeItems(PipelineProbe probe, int fromRound, int toRound) {
        Instant base = Instant.parse("2026-11-24T08:00:00Z");
        for (int round = fromRound; round < toRound; round++) {
            for (int n = 0; n < ITEMS; n++) {
                int quantity = QUANTITIES[(round + n) % QUANTITIES.length];
                String updatedAt = base.plusSeconds(60L * round).toString().replace("Z", ".000Z");
                probe.put("s" + (n % 3), "sku-" + n, quantity, updatedAt);
            }
        }
    }
}
