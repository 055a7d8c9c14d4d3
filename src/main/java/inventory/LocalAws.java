package inventory;

import java.net.URI;
import java.util.function.Function;
import org.apache.camel.support.service.ServiceSupport;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxMain;

/**
 * The embedded local AWS for {@code aws.endpoint=sandbox}: the one place the pipeline touches the
 * {@code sandbox} package. Added to the CamelContext as a service, so it stops after the routes.
 */
public final class LocalAws extends ServiceSupport {

    private final Sandbox sandbox;

    private LocalAws(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Starts the sandbox with {@code sandbox.host|port|data-dir} from the pipeline's properties. */
    public static LocalAws start(Function<String, String> props, String region) {
        SandboxConfig config;
        try {
            config = SandboxConfig.fromLookup(key -> key.equals("sandbox.region") ? region : props.apply(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid sandbox setting: " + e.getMessage(), e);
        }
        try {
            return new LocalAws(Sandbox.start(config));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot start the embedded local AWS on " + config.host() + ":"
                    + config.port() + " (" + e.getMessage() + "). Is another sandbox or pipeline running? "
                    + "Use -Dsandbox.port=<free port>, or aws.endpoint=http://127.0.0.1:" + config.port()
                    + " to use the one that is running.", e);
        }
    }

    /** {@code java -jar inventory-pipeline.jar sandbox}: only the local AWS, until Ctrl-C. */
    public static void runStandalone(String[] args) throws InterruptedException {
        SandboxMain.main(args);
    }

    public URI endpoint() {
        return sandbox.endpoint();
    }

    /** The sandbox's own list of the SNS messages it received: where a first-time user sees the alerts. */
    public URI publishedMessages() {
        return sandbox.publishedMessages();
    }

    @Override
    protected void doStop() {
        sandbox.stop();
    }
}
