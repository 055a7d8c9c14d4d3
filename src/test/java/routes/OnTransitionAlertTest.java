package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import testsupport.PipelineTestSupport;

/** {@code inventory.alert.mode=on-transition}: one alert per crossing to zero, not per change. */
class OnTransitionAlertTest extends PipelineTestSupport {

    @Override
    protected void extraProperties(Properties p) {
        p.setProperty("inventory.alert.mode", "on-transition");
    }

    private void upload(String name, int quantity, String time) throws Exception {
        probe.upload("incoming/" + name + ".csv", "store,item,quantity,updated_at\ns1,sku,"
                + quantity + "," + time + "\n");
        probe.awaitReport(name + ".csv");
    }

    @Test
    void onTransitionModeAlertsOncePerCrossing() throws Exception {
        upload("1-sold-out", 0, "2026-11-24T10:00:00Z");     // inserted at zero: alert
        upload("2-still-zero", 0, "2026-11-24T10:05:00Z");   // a real change, still zero: no alert
        upload("3-restocked", 5, "2026-11-24T10:10:00Z");    // above: no alert
        upload("4-sold-out-again", 0, "2026-11-24T10:15:00Z"); // crossing: alert
        probe.awaitAlerts(2);
        probe.awaitAlertRouteCaughtUp();

        assertThat(probe.alerts()).hasSize(2);
        assertThat(probe.alerts().get(1).get("message").asText()).contains("updated 2026-11-24T10:15:00.000Z");
    }
}
