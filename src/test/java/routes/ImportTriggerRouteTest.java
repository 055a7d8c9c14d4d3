package routes;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.InventorySettings.ImportTrigger;
import java.util.List;
import java.util.Properties;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trigger routes' precondition takes {@code inventory.import.trigger} as {@code InventorySettings} does (any case,
 * blanks around it), and selects exactly one of the two trigger kinds.
 */
class ImportTriggerRouteTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "poll|poll", "POLL|poll", "' Poll\t'|poll",
            "events|events", "Events|events", "'\tEVENTS '|events",
            "'poll events'|none", "polls|none", "''|none"})
    void selectsTheRouteOfTheConfiguredTrigger(String trigger, String included) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties p = new Properties();
            p.setProperty("inventory.import.trigger", trigger);
            context.getPropertiesComponent().setInitialProperties(p);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:poll").routeId("poll").precondition(ImportTriggerRoute.selectedBy(ImportTrigger.POLL)).log("poll");
                    from("direct:events").routeId("events").precondition(ImportTriggerRoute.selectedBy(ImportTrigger.EVENTS))
                            .log("events");
                }
            });
            context.start();

            assertThat(context.getRoutes()).extracting(r -> r.getRouteId())
                    .containsExactlyElementsOf(included.equals("none") ? List.of() : List.of(included));
        }
    }
}
