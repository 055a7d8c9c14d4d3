package sandbox;

import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-memory sandbox for a test class: {@code @RegisterExtension static final SandboxExtension sandbox = new
 * SandboxExtension();} starts it before the class's first test on a free loopback port and stops it after the last.
 * The one place tests outside the sandbox package get a sandbox's lifecycle from.
 */
public final class SandboxExtension implements BeforeAllCallback, AfterAllCallback {

    private final SandboxConfig config;
    private Sandbox sandbox;

    public SandboxExtension() {
        this(SandboxConfig.ephemeral());
    }

    /** @param config e.g. {@code SandboxConfig.ephemeral().withStreams(...)} or {@code .withClock(...)} */
    public SandboxExtension(SandboxConfig config) {
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox = Sandbox.start(config);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sandbox != null) {
            sandbox.stop();
            sandbox = null;
        }
    }

    public Sandbox sandbox() {
        if (sandbox == null) {
            throw new IllegalStateException("the sandbox runs only while the test class does");
        }
        return sandbox;
    }

    public URI endpoint() {
        return sandbox().endpoint();
    }
}
