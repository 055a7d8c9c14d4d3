package routes;

import inventory.InventorySettings;
import inventory.InventorySettings.ImportTrigger;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * A route that starts imports: in the context only when {@code inventory.import.trigger} names its kind, by a route
 * precondition Camel evaluates once at start-up.
 */
public abstract class ImportTriggerRoute extends EndpointRouteBuilder {

    /**
     * A simple-language predicate, true when the bound {@link InventorySettings} (parsed and bound by the configuration
     * before Camel adds the routes) chose this trigger: the property is parsed in one place, its spelling rules with it.
     */
    static String selectedBy(ImportTrigger trigger) {
        return "${bean:type:" + InventorySettings.class.getName() + "?method=importTrigger} == '" + trigger.name() + "'";
    }
}
