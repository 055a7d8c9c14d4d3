package drills;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import testsupport.DrillFigures;

/**
 * The standalone sandbox a process drill runs against, one per test class ({@code @RegisterExtension static}): its
 * own JVM, its state on disk in the drill's folder under {@code target/drills/} (kept after the run for a look, with
 * the child JVMs' logs), and a stream that rolls over as AWS's does, only much faster (4 shards, each closing after
 * 2 s or 50 records, every third rollover a split), so that kills land across rollovers.
 */
final class DrillSandbox implements BeforeAllCallback, AfterAllCallback {

    private static final Pattern LISTENING = Pattern.compile("Local AWS sandbox \\(.*\\) at (http://\\S+)");

    private final String folder;
    private Path work;
    private ChildJvm jvm;
    private URI endpoint;

    /** @param folder the drill's folder name under {@code target/drills/} */
    DrillSandbox(String folder) {
        this.folder = folder;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        work = DrillFigures.emptyFolder(folder);
        jvm = ChildJvm.start(Map.of("sandbox.port", "0", "sandbox.data-dir", work.resolve("sandbox-data").toString(),
                        "sandbox.streams.shards", "4", "sandbox.streams.rollover-ms", "2000", "sandbox.streams.rollover-records", "50",
                        "sandbox.streams.split-every", "3", "sandbox.streams.max-open-shards", "16"),
                Map.of(), work.resolve("sandbox.log"), "sandbox");
        endpoint = URI.create(jvm.awaitLine(LISTENING, Duration.ofSeconds(60)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (jvm != null) {
            jvm.stop(Duration.ofSeconds(30));
        }
    }

    URI endpoint() {
        return endpoint;
    }

    /** The drill's folder: logs and state of its child JVMs. */
    Path work() {
        return work;
    }
}
