package testsupport;

import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The application started the way {@code java -jar} starts it (camel-main with our configuration and
 * routes), in this JVM, for tests that stop and start the pipeline as a user would.
 */
public final class RunningPipeline implements AutoCloseable {

    private final Main main;

    private RunningPipeline(Main main) {
        this.main = main;
    }

    public static RunningPipeline start(Properties properties) {
        Main main = new Main();
        app.Main.configure(main.configure());
        main.setOverrideProperties(properties);
        main.start();
        return new RunningPipeline(main);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
    }
}
