package routes;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The standalone sandbox the process drills run against: its own JVM, its state on disk in the drill's folder, and a
 * stream that rolls over as AWS's does, only much faster (4 shards, each closing after 2 s or 50 records, every third
 * rollover a split), so that kills land across rollovers.
 */
final class DrillSandbox implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Local AWS sandbox \\(.*\\) at (http://\\S+)");

    private final ChildJvm jvm;
    private final URI endpoint;

    private DrillSandbox(ChildJvm jvm, URI endpoint) {
        this.jvm = jvm;
        this.endpoint = endpoint;
    }

    static DrillSandbox start(Path work) {
        ChildJvm jvm = ChildJvm.start(Map.of("sandbox.port", "0", "sandbox.data-dir", work.resolve("sandbox-data").toString(),
                        "sandbox.streams.shards", "4", "sandbox.streams.rollover-ms", "2000", "sandbox.streams.rollover-records", "50",
                        "sandbox.streams.split-every", "3", "sandbox.streams.max-open-shards", "16"),
                Map.of(), work.resolve("sandbox.log"), "sandbox");
        return new DrillSandbox(jvm, URI.create(jvm.awaitLine(LISTENING, Duration.ofSeconds(60))));
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        jvm.stop(Duration.ofSeconds(30));
    }
}
