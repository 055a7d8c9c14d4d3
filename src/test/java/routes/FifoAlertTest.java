package routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;
import testsupport.PipelineProbe;
import testsupport.PipelineTestSupport;
import testsupport.StreamLedger;

/** A topic name ending in .fifo: alerts grouped by store and deduplicated by the stream event they report. */
class FifoAlertTest extends PipelineTestSupport {

    private final String fifoTopic = topic + ".fifo";

    @Override
    protected void extraProperties(Properties p) {
        p.setProperty("inventory.topic", fifoTopic);
    }

    @Test
    void fifoTopicAlertsCarryTheStoreAsGroupAndTheStreamEventAsDeduplicationId() throws Exception {
        PipelineProbe fifo = new PipelineProbe(sandbox().endpoint(), bucket, table, fifoTopic, () -> context);
        fifo.upload("incoming/a.csv", "store,item,quantity,updated_at\ns1,a,0,2026-11-24T08:00:00Z\ns2,b,0,2026-11-24T08:00:00Z\n");
        List<JsonNode> alerts = fifo.awaitAlerts(2);
        fifo.awaitAlertRouteCaughtUp();

        List<String> eventIds = StreamLedger.records(fifo.streams, table).stream().map(Record::eventID).toList();
        assertThat(fifo.alerts()).hasSize(2);
        assertThat(alerts).extracting(m -> m.get("messageDeduplicationId").asText()).containsExactlyInAnyOrderElementsOf(eventIds);
        assertThat(alerts).extracting(m -> m.get("messageGroupId").asText() + "/" + PipelineProbe.attr(m, "item"))
                .containsExactlyInAnyOrder("s1/a", "s2/b");
    }
}
