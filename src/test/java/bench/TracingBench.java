package bench;

import inventory.tracing.OtlpReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What tracing costs an import and its alerts (issue 20 item 4): the same file imported with tracing off, on (a
 * collector in this JVM that answers), on with a collector that accepts connections and never answers, and on with
 * an endpoint that refuses connections; rounds alternate the modes, each run a fresh {@code -Xmx256m} pipeline JVM
 * against one standalone sandbox, after a small warm-up import. Measured: upload to report (rows/s), the pipeline's
 * CPU per row until the report, upload to the last of the file's alerts, and how long the pipeline takes to stop
 * (SIGTERM to exit: the last spans are waited for, at most 5 s). Then start-up to ready of the jar's default mode
 * with tracing off and on (and of {@code --baseline <jar>}, e.g. a build without tracing), alternating.
 * Run by {@code bench/run.sh tracing}.
 */
public final class TracingBench {

    private static final long WARMUP_ROWS = 5_000;
    private static final Pattern ALERTS = Pattern.compile("(?m)^inventory_alerts_published_total(?:\\{[^}]*})? (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One measured import. */
    record Run(String mode, int round, double rowsPerSecond, double cpuMicros, double alertsSeconds, double stopSeconds,
               int exports) {
        String row() {
            return String.format("| %s (%d) | %,.0f | %.0f | %.2f | %.2f | %s |", mode, round, rowsPerSecond, cpuMicros,
                    alertsSeconds, stopSeconds, exports < 0 ? "-" : Integer.toString(exports));
        }
    }

    private TracingBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        long rows = Long.parseLong(Bench.option(args, "--rows", smoke ? "2000" : "50000"));
        int rounds = Integer.parseInt(Bench.option(args, "--rounds", smoke ? "1" : "3"));
        Path jar = Path.of(Bench.option(args, "--jar", "target/inventory-pipeline.jar"));
        Path out = Path.of(Bench.option(args, "--out", "target/bench-tracing")).toAbsolutePath();
        Files.createDirectories(out.resolve("files"));
        String loadAtStart = Bench.loadAverage();
        System.out.println("== tracing: " + rows + " rows, off / on / collector never answers / refused, " + rounds
                + " rounds -> " + out + " (load " + loadAtStart + ")");
        Path file = out.resolve("files/traced" + rows + ".csv");
        long zeros = InventoryCsv.write(file, "traced", rows, 42);
        Path warmup = out.resolve("files/warm.csv");
        long warmupZeros = InventoryCsv.write(warmup, "warm", WARMUP_ROWS, 7);

        int port = JavaProcess.freePort();
        URI sandbox = URI.create("http://127.0.0.1:" + port);
        List<Run> runs = new ArrayList<>();
        try (JavaProcess sandboxProcess = JavaProcess.start("sandbox", jar, List.of("-Xmx4g", "-Dsandbox.port=" + port),
                List.of("sandbox"), out.resolve("sandbox"), out.resolve("sandbox/sandbox.log"));
             OtlpReceiver answering = OtlpReceiver.start(OtlpReceiver.Mode.ANSWER);
             OtlpReceiver hanging = OtlpReceiver.start(OtlpReceiver.Mode.NEVER_ANSWER)) {
            sandboxProcess.awaitHttp200(sandbox.resolve("/_sandbox/health"), Duration.ofSeconds(60), 20);
            for (int round = 1; round <= rounds; round++) {
                runs.add(run(jar, sandbox, out, "off", round, null, null, file, rows, zeros, warmup, warmupZeros));
                runs.add(run(jar, sandbox, out, "on", round, answering.endpoint(), answering, file, rows, zeros, warmup,
                        warmupZeros));
                runs.add(run(jar, sandbox, out, "never answers", round, hanging.endpoint(), null, file, rows, zeros, warmup,
                        warmupZeros));
                runs.add(run(jar, sandbox, out, "refused", round, OtlpReceiver.refusingEndpoint(), null, file, rows, zeros,
                        warmup, warmupZeros));
            }
        }
        String startups = startups(jar, Bench.option(args, "--baseline", ""), out, smoke ? 1 : 5);
        StringBuilder md = new StringBuilder("## Tracing (" + Instant.now() + ", " + rows + " rows, " + zeros
                + " alerts, " + jar + ")\n\n| tracing (round) | rows/s, upload to report | pipeline CPU/row until the report (us) "
                + "| upload to the last alert (s) | stop, SIGTERM to exit (s) | export requests received |\n"
                + "|---|---|---|---|---|---|\n");
        runs.forEach(r -> md.append(r.row()).append('\n'));
        md.append('\n').append(startups);
        md.append("\n- load average (1, 5, 15 min) at start: ").append(loadAtStart).append("; at end: ")
                .append(Bench.loadAverage()).append('\n');
        Files.writeString(out.resolve("results.md"), md);
        System.out.println(md);
    }

    private static Run run(Path jar, URI sandbox, Path out, String mode, int round, URI collector, OtlpReceiver answering,
                           Path file, long rows, long zeros, Path warmup, long warmupZeros) throws Exception {
        String name = "trace-" + mode.replace(' ', '-') + "-" + round;
        Map<String, String> settings = collector == null ? Map.of() : Map.of("otel.exporter.otlp.endpoint", collector.toString());
        int exportsBefore = answering == null ? 0 : answering.traceRequests().size();
        PipelineProcess p = PipelineProcess.start(name, jar, sandbox, List.of(Bench.PIPELINE_HEAP), settings, out.resolve(name));
        try {
            p.importFile(warmup, "warmup.csv", Duration.ofMinutes(10));
            awaitAlerts(p, warmupZeros, Duration.ofMinutes(10));
            double cpu0 = p.process.cpuSeconds();
            long t0 = System.nanoTime();
            PipelineProcess.Import imp = p.importFile(file, file.getFileName().toString(), Duration.ofMinutes(30));
            double cpu = p.process.cpuSeconds() - cpu0;
            if (imp.rows() != rows || imp.report().path("inserted").asLong() != rows) {
                throw new IllegalStateException("unexpected report: " + imp.report());
            }
            awaitAlerts(p, warmupZeros + zeros, Duration.ofMinutes(30));
            double alerts = (System.nanoTime() - t0) / 1e9;
            long s0 = System.nanoTime();
            p.close();
            double stop = (System.nanoTime() - s0) / 1e9;
            Run r = new Run(mode, round, imp.rowsPerSecond(), cpu * 1e6 / rows, alerts, stop,
                    answering == null ? -1 : answering.traceRequests().size() - exportsBefore);
            System.out.println("   " + r.row() + "  load " + Bench.loadAverage());
            return r;
        } finally {
            p.close();
        }
    }

    /** Start-up to /observe/health/ready, {@code runs} times each, alternating: tracing off, on, and the baseline jar. */
    private static String startups(Path jar, String baseline, Path out, int runs) throws Exception {
        Map<String, List<Double>> wall = new java.util.LinkedHashMap<>();
        try (OtlpReceiver collector = OtlpReceiver.start(OtlpReceiver.Mode.ANSWER)) {
            for (int i = 0; i < runs; i++) {
                if (!baseline.isEmpty()) {
                    wall.computeIfAbsent("baseline " + baseline, k -> new ArrayList<>())
                            .add(Bench.startup(Path.of(baseline), out.resolve("startup-baseline-" + i), 1, List.of()).wall().p50());
                }
                wall.computeIfAbsent("tracing off", k -> new ArrayList<>())
                        .add(Bench.startup(jar, out.resolve("startup-off-" + i), 1, List.of()).wall().p50());
                wall.computeIfAbsent("tracing on", k -> new ArrayList<>()).add(Bench.startup(jar, out.resolve("startup-on-" + i),
                        1, List.of("-Dotel.exporter.otlp.endpoint=" + collector.endpoint())).wall().p50());
            }
        }
        StringBuilder md = new StringBuilder("| start-up, java -jar to ready | median (min-max) of " + runs + " |\n|---|---|\n");
        wall.forEach((what, ms) -> {
            Stats s = Stats.of(ms.stream().mapToDouble(Double::doubleValue).toArray());
            md.append(String.format("| %s | %.0f ms (%.0f-%.0f) |%n", what, s.p50(), s.min(), s.max()));
        });
        return md.toString();
    }

    /** Waits until the pipeline has published {@code count} alerts ({@code inventory_alerts_published_total}). */
    private static void awaitAlerts(PipelineProcess p, long count, Duration timeout) throws Exception {
        URI metrics = URI.create("http://127.0.0.1:" + p.managementPort + "/observe/metrics");
        long deadline = System.nanoTime() + timeout.toNanos();
        double published = 0;
        while (System.nanoTime() < deadline) {
            Matcher m = ALERTS.matcher(HTTP.send(HttpRequest.newBuilder(metrics).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            published = m.find() ? Double.parseDouble(m.group(1)) : 0;
            if (published >= count) {
                return;
            }
            JavaProcess.sleep(100);
        }
        throw new IllegalStateException(p.process.name + " published " + published + " of " + count + " alerts within " + timeout);
    }
}
