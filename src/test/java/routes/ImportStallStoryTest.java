package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Properties;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.SandboxFaults;

/**
 * An import that makes no progress for {@code inventory.import.stall-after} turns readiness DOWN saying which file,
 * and UP again by itself once the file moves on; {@code inventory_stalled{part="import"}} says the same.
 */
class ImportStallStoryTest extends PipelineTestSupport {

    @RegisterExtension
    final SandboxFaults faults = new SandboxFaults(sandbox().endpoint());

    @Override
    protected void extraProperties(Properties p) {
        p.setProperty("inventory.import.stall-after", "2");
    }

    private HealthCheck.Result work() {
        return context.getRegistry().findSingleByType(inventory.WorkReadinessCheck.class).call();
    }

    @Test
    void anImportWhoseWritesHangTurnsReadinessDownNamingTheFileAndComesBackUp() throws Exception {
        // the file's one write request hangs for 8 s before DynamoDB takes it: nothing moves meanwhile
        faults.add("{\"service\":\"dynamodb\",\"operation\":\"BatchExecuteStatement\",\"delayMs\":8000,\"count\":1}");
        probe.upload("incoming/slow.csv", "store,item,quantity\ns1,a,5\ns1,b,6\n");

        await().atMost(PipelineProbe.TIMEOUT).until(() -> work().getState() == HealthCheck.State.DOWN);
        assertThat(work().getMessage()).get().asString().contains("import stalled: import of incoming/slow.csv")
                .contains("not advanced for");
        assertThat(probe.metrics().isStalled("import")).isTrue();

        probe.awaitReport("slow.csv");
        await().atMost(PipelineProbe.TIMEOUT).until(() -> work().getState() == HealthCheck.State.UP);
        assertThat(probe.metrics().isStalled("import")).isFalse();
        assertThat(probe.awaitReport("slow.csv").path("inserted").asInt()).isEqualTo(2);
    }
}
