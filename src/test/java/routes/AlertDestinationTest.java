package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;

/** An operator adds a destination by property: SNS and a folder of JSON alerts. */
class AlertDestinationTest extends PipelineTestSupport {

    private Path folder;

    @Override
    protected void extraProperties(Properties p) {
        folder = stateDir.resolve("alerts-out");
        p.setProperty("inventory.alert.uri", "sns,file:" + folder + "?fileName=${header.CamelAwsDdbStreamEventId}.json");
        p.setProperty("inventory.alert.format", "json");
    }

    @Test
    void alertsGoToEveryConfiguredDestination() throws Exception {
        probe.upload("incoming/a.csv", "store,item,quantity,updated_at\ns7,sku-7,0,2026-11-24T07:00:00Z\n");
        JsonNode sns = probe.awaitAlerts(1).get(0);
        JsonNode message = PipelineProbe.JSON.readTree(sns.get("message").asText());
        assertThat(message.get("store").asText()).isEqualTo("s7");
        assertThat(message.get("quantity").asLong()).isZero();

        await().until(() -> Files.isDirectory(folder) && list(folder).length == 1);
        assertThat(list(folder)[0].getFileName().toString()).as("named by the stream event").isEqualTo(
                message.get("eventId").asText() + ".json");
        JsonNode file = PipelineProbe.JSON.readTree(Files.readString(list(folder)[0]));
        assertThat(file).isEqualTo(message);
    }

    private static Path[] list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toArray(Path[]::new);
        }
    }
}
