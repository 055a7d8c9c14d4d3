package inventory;

import java.net.URI;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.main.MainListenerSupport;
import routes.ImportFileRoute;
import routes.InventoryImportRoute;
import routes.StockAlertRoute;
import routes.UploadEventsRoute;

/**
 * {@code java -jar inventory-pipeline.jar}: the pipeline (by default on the embedded local AWS).
 * {@code java -jar inventory-pipeline.jar sandbox}: only the local AWS, for other tools to use.
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

    /** Tells a first-time user where to upload and where alerts appear. */
    private static final class Banner extends MainListenerSupport {
        @Override
        public void afterStart(BaseMainSupport main) {
            var context = main.getCamelContext();
            InventorySettings s = context.getRegistry().findSingleByType(InventorySettings.class);
            URI endpoint = context.getRegistry().findSingleByType(AwsEndpoint.class).uri();
            String target = "s3://" + s.bucket() + "/" + s.incomingPrefix();
            StringBuilder b = new StringBuilder("\n\nInventory pipeline running. Upload CSV files to ").append(target).append('\n');
            if (endpoint != null) {
                b.append("  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=")
                        .append(s.aws().region()).append('\n');
                b.append("  aws --endpoint-url ").append(endpoint).append(" s3 cp samples/inventory.csv ").append(target).append('\n');
                b.append("  curl -T samples/inventory.csv ").append(endpoint).append('/').append(s.bucket()).append('/')
                        .append(s.incomingPrefix()).append("inventory.csv\n");
                b.append("Reports: aws --endpoint-url ").append(endpoint).append(" s3 ls s3://").append(s.bucket())
                        .append('/').append(s.reportsPrefix()).append('\n');
                if (s.aws().kind() == InventorySettings.AwsTarget.Kind.SANDBOX) {
                    b.append("Alerts: the 'Alert sent' lines below, and curl ").append(endpoint)
                            .append("/_sandbox/sns/messages\n");
                } else {
                    b.append("Alerts: the 'Alert sent' lines below, and the subscribers of topic ").append(s.topic()).append('\n');
                }
            } else {
                b.append("  aws s3 cp samples/inventory.csv ").append(target).append('\n');
                b.append("Alerts: the 'Alert sent' lines below, and the subscribers of topic ").append(s.topic()).append('\n');
            }
            b.append("Press Ctrl-C to stop (the file in progress is finished first).\n");
            System.out.println(b);
        }
    }
}
