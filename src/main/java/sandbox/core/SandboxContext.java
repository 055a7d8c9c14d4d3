package sandbox.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import sandbox.SandboxConfig;

/**
 * What every service gets: the configuration, the endpoint clients reach the sandbox at (for URLs
 * the sandbox hands out, e.g. SNS SubscribeURL), and its own state folder when persistence is on.
 */
public record SandboxContext(SandboxConfig config, URI endpoint) {

    public Clock clock() {
        return config.clock();
    }

    public String region() {
        return config.region();
    }

    public String account() {
        return config.account();
    }

    /** The service's own folder under {@code sandbox.data-dir}, created if needed; empty when in memory. */
    public Optional<Path> dataDir(String service) {
        return config.dataDirectory().map(root -> {
            Path dir = root.resolve(service);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create sandbox data folder " + dir, e);
            }
            return dir;
        });
    }
}
