package bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The seed-style baseline: {@code bench/seed_loop.py}, one boto3 conditional PutItem per row in sequence, as the
 * seed's Lambda loaded files. Skipped (empty) when {@code python3} with boto3 is not installed.
 */
final class SeedLoop {

    /** Rows written per second by the loop over its window. */
    record Rate(long rows, double seconds, double perSecond) {
        String describe() {
            return String.format("%,.0f rows/s (%,d rows in %.1f s)", perSecond, rows, seconds);
        }
    }

    private static final Path SCRIPT = Path.of("bench/seed_loop.py");

    private SeedLoop() {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import boto3").redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isRegularFile(SCRIPT);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the loop on {@code table} (which must exist) for {@code measure} or until the file ends. */
    static Optional<Rate> run(URI sandbox, String table, Path file, Duration measure, Path log) throws Exception {
        if (!available()) {
            return Optional.empty();
        }
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(List.of("python3", SCRIPT.toString(), "--endpoint", sandbox.toString(),
                "--table", table, "--file", file.toString(), "--seconds", Double.toString(measure.toMillis() / 1000.0)))
                .redirectError(log.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        if (!p.waitFor(measure.toSeconds() + 120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("bench/seed_loop.py failed; see " + log);
        }
        JsonNode r = PipelineProcess.JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));
        long rows = r.path("rows").asLong();
        double seconds = r.path("seconds").asDouble();
        return Optional.of(new Rate(rows, seconds, rows / seconds));
    }
}
