package bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The pipeline jar in its own JVM against a sandbox in another process, with its own bucket, table and
 * topic; and what the harness does to it from outside: upload a file and wait for its report.
 */
final class PipelineProcess implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RECORDS_READ = Pattern.compile("(?m)^inventory_stream_records_read_total(?:\\{[^}]*})? (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One file imported: wall time from the start of PutObject to the report being readable. */
    record Import(String key, long rows, double seconds, double rowsPerSecond, JsonNode report, double importMillis) {
    }

    final JavaProcess process;
    final String bucket;
    final String table;
    final String topic;
    final int managementPort;
    final long readyNanos;
    private final S3Client s3;

    private PipelineProcess(JavaProcess process, String bucket, String table, String topic, int managementPort,
                            long readyNanos, S3Client s3) {
        this.process = process;
        this.bucket = bucket;
        this.table = table;
        this.topic = topic;
        this.managementPort = managementPort;
        this.readyNanos = readyNanos;
        this.s3 = s3;
    }

    /**
     * @param jvmOptions e.g. -Xmx256m; the pipeline's settings go in as -D system properties
     */
    static PipelineProcess start(String name, Path jar, URI sandbox, List<String> jvmOptions,
                                 Map<String, String> settings, Path workDir) {
        int mgmt = JavaProcess.freePort();
        List<String> options = new ArrayList<>(jvmOptions);
        String bucket = "bench-" + name;
        options.add("-Daws.endpoint=" + sandbox);
        options.add("-Dinventory.bucket=" + bucket);
        options.add("-Dinventory.table=" + bucket);
        options.add("-Dinventory.topic=" + bucket);
        options.add("-Dinventory.state-dir=" + workDir.resolve("state"));
        options.add("-Dcamel.management.port=" + mgmt);
        options.add("-Dcamel.management.host=127.0.0.1");
        settings.forEach((k, v) -> options.add("-D" + k + "=" + v));
        JavaProcess p = JavaProcess.start("pipeline " + name, jar, options, List.of(), workDir,
                workDir.resolve("pipeline.log"));
        long ready = p.awaitHttp200(URI.create("http://127.0.0.1:" + mgmt + "/observe/health/ready"),
                Duration.ofSeconds(120), 20);
        return new PipelineProcess(p, bucket, bucket, bucket, mgmt, ready, Clients.s3(sandbox));
    }

    /** Uploads {@code file} as {@code incoming/<name>} and waits for {@code reports/<name>.json}. */
    Import importFile(Path file, String name, Duration timeout) throws Exception {
        String reportKey = "reports/" + name + ".json";
        long t0 = System.nanoTime();
        s3.putObject(b -> b.bucket(bucket).key("incoming/" + name), RequestBody.fromFile(file));
        long deadline = t0 + timeout.toNanos();
        while (true) {
            long now = System.nanoTime();
            if (exists(reportKey)) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                JsonNode report = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(reportKey)).asByteArray());
                long rows = report.path("rows").asLong();
                double importMillis = Duration.between(java.time.Instant.parse(report.path("startedAt").asText()),
                        java.time.Instant.parse(report.path("finishedAt").asText())).toMillis();
                return new Import(name, rows, seconds, rows / seconds, report, importMillis);
            }
            if (now > deadline) {
                throw new IllegalStateException("no report for " + name + " within " + timeout + "; see " + process.log);
            }
            if (!process.process.isAlive()) {
                throw new IllegalStateException("the pipeline exited; see " + process.log);
            }
            // fine-grained at first so small files are timed closely; coarser later to leave the CPU alone
            JavaProcess.sleep(now - t0 < 5_000_000_000L ? 10 : 50);
        }
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Waits until the alert route has read {@code records} stream records ({@code inventory_stream_records_read_total}). */
    void awaitRecordsRead(long records, Duration timeout, long pollMillis) throws Exception {
        URI metrics = URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics");
        long deadline = System.nanoTime() + timeout.toNanos();
        double read = 0;
        while (System.nanoTime() < deadline) {
            String body = HTTP.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = RECORDS_READ.matcher(body);
            read = m.find() ? Double.parseDouble(m.group(1)) : 0;
            if (read >= records) {
                return;
            }
            JavaProcess.sleep(pollMillis);
        }
        throw new IllegalStateException("the pipeline read " + read + " of " + records + " records within " + timeout);
    }

    void upload(String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    @Override
    public void close() {
        process.close();
        s3.close();
    }
}
