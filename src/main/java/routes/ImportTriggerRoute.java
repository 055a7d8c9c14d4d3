package routes;

import inventory.InventorySettings.ImportTrigger;
import java.util.Locale;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * A route that starts imports: in the context only when {@code inventory.import.trigger} names its kind, by a route
 * precondition Camel evaluates once at start-up.
 */
public abstract class ImportTriggerRoute extends EndpointRouteBuilder {

    /**
     * A simple-language predicate, true when the property names this trigger as {@code InventorySettings} accepts it:
     * any case, with blanks (any char up to ' ', as {@link String#trim()}) around it.
     */
    static String selectedBy(ImportTrigger trigger) {
        String name = trigger.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return "'{{inventory.import.trigger}}' regex '(?i)[\\x00-\\x20]*" + name + "[\\x00-\\x20]*'";
    }
}
