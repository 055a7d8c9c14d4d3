package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.InventorySettings;
import inventory.InventorySettings.ImportTrigger;
import inventory.InvalidSettingException;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import testsupport.ShippedProperties;

/**
 * The trigger routes' precondition reads {@code inventory.import.trigger} as the bound {@code InventorySettings} parsed
 * it (any case, blanks around it), and selects exactly one of the two trigger kinds; a value the settings refuse
 * stops start-up before any route is chosen.
 */
class ImportTriggerRouteTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "poll|poll", "POLL|poll", "' Poll\t'|poll",
            "events|events", "Events|events", "'\tEVENTS '|events"})
    void selectsTheRouteOfTheConfiguredTrigger(String trigger, String included) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("settings", ShippedProperties.settings(Map.of("inventory.import.trigger", trigger)));
            context.addRoutes(triggerRoutes());
            context.start();

            assertThat(context.getRoutes()).extracting(r -> r.getRouteId()).containsExactly(included);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {"'poll events'", "polls", "''"})
    void aValueNamingNoTriggerIsRefusedByTheSettings(String trigger) {
        assertThatThrownBy(() -> ShippedProperties.settings(Map.of("inventory.import.trigger", trigger)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("inventory.import.trigger").hasMessageContaining("poll, events");
    }

    @Test
    void withoutBoundSettingsTheContextDoesNotStart() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(triggerRoutes());
            assertThatThrownBy(context::start).hasStackTraceContaining("not found on class: " + InventorySettings.class.getName());
            assertThat(context.getRoutes()).isEmpty();
        }
    }

    private static RouteBuilder triggerRoutes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:poll").routeId("poll").precondition(ImportTriggerRoute.selectedBy(ImportTrigger.POLL)).log("poll");
                from("direct:events").routeId("events").precondition(ImportTriggerRoute.selectedBy(ImportTrigger.EVENTS))
                        .log("events");
            }
        };
    }
}
