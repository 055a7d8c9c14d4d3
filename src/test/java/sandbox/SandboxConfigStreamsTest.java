package sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.LocalAws;
import java.util.Map;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;
import sandbox.streams.ShardSettings;

/** {@code sandbox.streams.*}: read by SandboxConfig, refused with a message naming the property, reaching the pipeline's sandbox. */
class SandboxConfigStreamsTest {

    @Test
    void defaultsAreFourShardsRollingOverEveryFourHours() {
        ShardSettings s = SandboxConfig.fromMap(Map.of()).streams();
        assertThat(s).isEqualTo(ShardSettings.defaults());
        assertThat(s.shards()).isEqualTo(4);
        assertThat(s.rolloverMillis()).isEqualTo(14_400_000L);
        assertThat(s.rolloverRecords()).isZero();
        assertThat(s.splitEvery()).isEqualTo(6);
        assertThat(s.maxOpenShards()).isEqualTo(64);
    }

    @Test
    void everyStreamsPropertyIsRead() {
        ShardSettings s = SandboxConfig.fromMap(Map.of("sandbox.streams.shards", "8", "sandbox.streams.rollover-ms", "0",
                "sandbox.streams.rollover-records", "20", "sandbox.streams.split-every", "0",
                "sandbox.streams.max-open-shards", "8")).streams();
        assertThat(s).isEqualTo(new ShardSettings(8, 0, 20, 0, 8));
        assertThat(SandboxConfig.fromMap(Map.of("sandbox.streams.shards", "100")).streams().maxOpenShards())
                .as("an unset cap follows the shard count").isEqualTo(100);
    }

    @Test
    void badValuesNameThePropertyAndWhatIsAllowed() {
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("sandbox.streams.shards", "0"), "sandbox.streams.shards must be 1..1024, was 0",
                Map.of("sandbox.streams.shards", "four"), "sandbox.streams.shards must be a whole number, 1..1024, was 'four'",
                Map.of("sandbox.streams.rollover-ms", "10"), "sandbox.streams.rollover-ms must be 0 (never) or at least 1000",
                Map.of("sandbox.streams.rollover-records", "-1"), "sandbox.streams.rollover-records must be 0 (no limit) or more",
                Map.of("sandbox.streams.split-every", "-2"), "sandbox.streams.split-every must be 0 (never) or more",
                Map.of("sandbox.streams.shards", "8", "sandbox.streams.max-open-shards", "4"),
                "sandbox.streams.max-open-shards must be sandbox.streams.shards (8)..1024, was 4");
        bad.forEach((values, message) -> assertThatThrownBy(() -> SandboxConfig.fromMap(values))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message));
    }

    @Test
    void thePipelinesEmbeddedSandboxGetsTheStreamsSettingsFromItsProperties() {
        Map<String, String> props = Map.of("sandbox.port", "0", "sandbox.streams.shards", "3");
        LocalAws aws = LocalAws.start(props::get, "us-east-1");
        try {
            var ddb = SandboxTestSupport.dynamodb(aws.endpoint());
            String arn = SandboxTestSupport.streamedTable(ddb, "local-aws-shards", "KEYS_ONLY");
            assertThat(WholeStream.shards(SandboxTestSupport.streams(aws.endpoint()), arn)).hasSize(3);
        } finally {
            ServiceHelper.stopService(aws);
        }
    }
}
