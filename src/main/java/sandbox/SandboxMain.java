package sandbox;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar inventory-pipeline.jar sandbox}: only the local AWS, until Ctrl-C.
 * Configured by {@code -Dsandbox.port=...} or {@code SANDBOX_PORT=...} (see {@link SandboxConfig#fromSystem}).
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SandboxConfig config;
        try {
            config = SandboxConfig.fromSystem();
        } catch (IllegalArgumentException e) {
            System.err.println("Invalid sandbox configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!isLoopback(config.host())) {
            System.out.println("WARNING: sandbox.host=" + config.host()
                    + " exposes an unauthenticated AWS emulator beyond this machine. Callers must address it by this"
                    + " machine's address or name, or a name in sandbox.allowed-hosts.");
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(config);
        } catch (RuntimeException e) {
            System.err.println("Could not start the sandbox: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.stop();
            stopped.countDown();
        }, "sandbox-shutdown"));
        String url = sandbox.endpoint().toString();
        System.out.println();
        System.out.println("Local AWS sandbox (S3, DynamoDB, DynamoDB Streams, SNS, SQS) at " + url);
        System.out.println("  region " + config.region() + ", any credentials, e.g.:");
        System.out.println("  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=" + config.region());
        System.out.println("  aws --endpoint-url " + url + " s3 ls");
        System.out.println("  aws --endpoint-url " + url + " dynamodb list-tables");
        System.out.println("  aws --endpoint-url " + url + " sqs list-queues");
        System.out.println("  curl " + url + "/_sandbox/health");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
