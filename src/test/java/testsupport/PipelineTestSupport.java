package testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.streams.ShardSettings;

/**
 * The real application (both routes, the real Camel AWS components and SDK) in camel-test's
 * CamelMainTestSupport, against an in-process sandbox over HTTP. One sandbox per test class; each test
 * gets its own bucket, table and topic, and a fresh CamelContext.
 */
public abstract class PipelineTestSupport extends CamelMainTestSupport {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static Sandbox sandbox;

    protected final String id = "t" + SEQUENCE.incrementAndGet();
    protected final String bucket = "inventory-" + id;
    protected final String table = "inventory-" + id;
    protected final String topic = "alerts-" + id;
    protected final Path stateDir;
    protected PipelineProbe probe;

    protected PipelineTestSupport() {
        try {
            stateDir = Files.createTempDirectory("pipeline-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The stories' sandbox: its streams roll over as AWS's do, only much faster (4 shards, each closing after
     * 2 s or 50 records, every third rollover a split), so every story also checks the alert route across rollovers.
     */
    public static synchronized Sandbox sandbox() {
        if (sandbox == null) {
            sandbox = Sandbox.start(SandboxConfig.ephemeral().withStreams(ROLLING));
        }
        return sandbox;
    }

    public static final ShardSettings ROLLING = new ShardSettings(4, 2000, 50, 3, 16);

    @AfterAll
    public static synchronized void stopSandbox() {
        if (sandbox != null) {
            sandbox.stop();
            sandbox = null;
        }
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        app.Main.configure(configuration);
    }

    /** Runs before the context is created (the constructor is too early: camel-test reads properties from it). */
    @Override
    protected void setupResources() throws Exception {
        super.setupResources();
        Properties p = pipelineProperties(sandbox().endpoint().toString(), bucket, table, topic, stateDir);
        p.setProperty("inventory.import.write", writeMode());
        extraProperties(p);
        camelContextConfiguration().withUseOverridePropertiesWithPropertiesComponent(p);
    }

    /** The properties a test pipeline runs with: fast polling, no management server, this test's names. */
    public static Properties pipelineProperties(String endpoint, String bucket, String table, String topic, Path stateDir) {
        Properties p = new Properties();
        p.setProperty("aws.endpoint", endpoint);
        p.setProperty("inventory.bucket", bucket);
        p.setProperty("inventory.table", table);
        p.setProperty("inventory.topic", topic);
        p.setProperty("inventory.state-dir", stateDir.toString());
        p.setProperty("inventory.import.poll-delay", "100");
        p.setProperty("inventory.alert.poll-delay", "100");
        p.setProperty("camel.management.enabled", "false");
        return p;
    }

    /** {@code inventory.import.write}: the stories run in batch mode (the default); a subclass may choose put. */
    protected String writeMode() {
        return "batch";
    }

    protected boolean batchMode() {
        return writeMode().equals("batch");
    }

    /** The DynamoDB operations that write rows in this mode, for fault rules. */
    protected java.util.List<String> writeOperations() {
        return batchMode() ? java.util.List.of("BatchExecuteStatement", "ExecuteStatement") : java.util.List.of("PutItem");
    }

    /** Per-test settings, e.g. the alert mode. */
    protected void extraProperties(Properties p) {
    }

    @BeforeEach
    public void createProbe() {
        probe = new PipelineProbe(sandbox().endpoint(), bucket, table, topic, () -> context);
    }
}
