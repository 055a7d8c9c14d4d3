package app;

import inventory.LocalAws;
import inventory.PipelineConfiguration;
import inventory.RootCause;
import org.apache.camel.main.MainConfigurationProperties;
import routes.ImportFileRoute;
import routes.InventoryImportRoute;
import routes.StockAlertRoute;
import routes.UploadEventsRoute;

/**
 * {@code java -jar inventory-pipeline.jar}: the pipeline (by default on the embedded local AWS).
 * {@code java -jar inventory-pipeline.jar sandbox}: only the local AWS, for other tools to use.
 * The one class that knows both the routes and the configuration: it assembles the application.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sandbox")) {
            LocalAws.runStandalone(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        org.apache.camel.main.Main main = new org.apache.camel.main.Main();
        configure(main.configure());
        main.addMainListener(new Banner());
        int exit;
        try {
            exit = main.run(args);
        } catch (Exception e) {
            System.err.println("\ninventory-pipeline could not start: " + RootCause.message(e));
            exit = 1;
        }
        if (exit != 0) {
            // stop now: a half-started embedded sandbox would otherwise keep the JVM alive
            System.exit(exit);
        }
    }

    /** The application: configuration and routes. Tests use this too. */
    public static void configure(MainConfigurationProperties main) {
        main.addConfiguration(new PipelineConfiguration());
        main.addRoutesBuilder(new ImportFileRoute());
        main.addRoutesBuilder(new InventoryImportRoute()); // inventory.import.trigger=poll
        main.addRoutesBuilder(new UploadEventsRoute()); // inventory.import.trigger=events
        main.addRoutesBuilder(new StockAlertRoute());
    }
}
