package sandbox;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the independent clients that check the sandbox from outside Java: the AWS CLI and boto3.
 * When one is missing the calling test is skipped with a message that says so (never a silent pass).
 */
public final class ExternalClients {

    /** What a command printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result assertOk() {
            if (exitCode != 0) {
                throw new AssertionError("command failed with exit code " + exitCode + "\nstdout: " + stdout
                        + "\nstderr: " + stderr);
            }
            return this;
        }
    }

    private ExternalClients() {
    }

    public static boolean awsCliAvailable() {
        return probe("aws", "--version");
    }

    public static boolean boto3Available() {
        return probe("python3", "-c", "import boto3");
    }

    /** Skips the test (with a visible reason) unless the AWS CLI is on the PATH. */
    public static void assumeAwsCli() {
        boolean ok = awsCliAvailable();
        if (!ok) {
            System.out.println("SKIPPED: the AWS CLI ('aws') is not on the PATH; the CLI checks did not run");
        }
        Assumptions.assumeTrue(ok, "the AWS CLI ('aws') is not on the PATH; the CLI checks did not run");
    }

    /** Skips the test (with a visible reason) unless python3 can import boto3. */
    public static void assumeBoto3() {
        boolean ok = boto3Available();
        if (!ok) {
            System.out.println("SKIPPED: python3 with boto3 is not available; the boto3 checks did not run");
        }
        Assumptions.assumeTrue(ok, "python3 with boto3 is not available; the boto3 checks did not run");
    }

    /** {@code aws --endpoint-url <endpoint> <args...>} with test credentials and region us-east-1. */
    public static Result aws(URI endpoint, String... args) {
        List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString(), "--output", "json"));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of(), 300);
    }

    /**
     * Runs a python3 script with boto3; the script gets {@code ENDPOINT} from the environment
     * ({@code os.environ["ENDPOINT"]}) and test credentials.
     */
    public static Result python(URI endpoint, String script) {
        return run(List.of("python3", "-c", script), Map.of("ENDPOINT", endpoint.toString()), 120);
    }

    public static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        pb.environment().put("AWS_REGION", "us-east-1");
        pb.environment().put("AWS_PAGER", "");
        pb.environment().remove("AWS_PROFILE");
        pb.environment().putAll(env);
        try {
            java.io.File out = java.io.File.createTempFile("cli-out", ".txt");
            java.io.File err = java.io.File.createTempFile("cli-err", ".txt");
            try {
                pb.redirectOutput(out).redirectError(err);
                Process p = pb.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("command timed out after " + timeoutSeconds + "s: " + cmd);
                }
                return new Result(p.exitValue(), java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8),
                        java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
            } finally {
                out.delete();
                err.delete();
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + cmd, e);
        }
    }

    private static boolean probe(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
