package bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every benchmark of the pipeline and its sandbox in one run, so that ratios hold on a noisy machine:
 * sandbox write rate and GetRecords latency (no Camel), import throughput and memory of the pipeline jar
 * (its own JVM, -Xmx256m) against the sandbox in another JVM, end-to-end alert latency at two poll delays,
 * and start-up of the jar in its default mode. The ceiling and the naive baseline are measured before and
 * after the imports and averaged, so a change in the machine's load during the run shows and evens out.
 * {@code --smoke}: tiny sizes, about a second per part, to check that the harness works. Run by
 * {@code bench/run.sh}.
 */
public final class Bench {

    /** What a run measures and how long it takes. */
    record Plan(long[] fileRows, long latencyFileRows, int[] callers, Duration warmup, Duration measure,
                int getRecordsSamples, int latencyUploads, int startups, String sandboxHeap, long compareRows) {

        static Plan full() {
            return new Plan(new long[] {10_000, 100_000, 1_000_000}, 100_000, new int[] {1, 8, 16, 32},
                    Duration.ofSeconds(3), Duration.ofSeconds(10), 200, 60, 5, "-Xmx12g", 50_000);
        }

        static Plan smoke() {
            return new Plan(new long[] {200, 1_000, 2_000}, 1_000, new int[] {1, 8, 16, 32}, Duration.ofMillis(300),
                    Duration.ofSeconds(1), 10, 3, 1, "-Xmx1g", 1_000);
        }
    }

    /** The sandbox in its own JVM. */
    record SandboxProcess(JavaProcess process, URI endpoint, Path gcLog) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    /** Starts the sandbox jar in its own JVM on a free port and waits until it answers. */
    static SandboxProcess startSandbox(Path jar, String heap, Path out) throws java.io.IOException {
        int port = JavaProcess.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path gcLog = out.resolve("sandbox/gc.log");
        Files.createDirectories(gcLog.getParent());
        JavaProcess p = JavaProcess.start("sandbox", jar, List.of(heap, "-Xlog:gc:file=" + gcLog, "-Dsandbox.port=" + port),
                List.of("sandbox"), out.resolve("sandbox"), out.resolve("sandbox/sandbox.log"));
        p.awaitHttp200(endpoint.resolve("/_sandbox/health"), Duration.ofSeconds(60), 20);
        return new SandboxProcess(p, endpoint, gcLog);
    }

    /** The pipeline's inventory.import.concurrency default: the ceiling is measured at the same. */
    static final int CONCURRENCY = 16;
    static final String PIPELINE_HEAP = "-Xmx256m";
    /** Service latency added to every write request (PutItem, BatchExecuteStatement, ExecuteStatement) for the "as across a network" variant. */
    static final long NETWORK_MS = 5;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        Path jar = Path.of(option(args, "--jar", "target/inventory-pipeline.jar"));
        Path out = Path.of(option(args, "--out", "target/bench")).toAbsolutePath();
        Plan plan = smoke ? Plan.smoke() : Plan.full();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn -B package -DskipTests");
        }
        Files.createDirectories(out);
        Results results = new Results();
        Instant started = Instant.now();
        String loadAtStart = loadAverage();
        System.out.println("== inventory-pipeline benchmarks (" + (smoke ? "smoke" : "full") + ") -> " + out);
        System.out.println("   load average at start: " + loadAtStart);

        System.out.println("== generating files");
        Map<Long, Path> files = new LinkedHashMap<>();
        for (long n : plan.fileRows()) {
            files.put(n, generate(out, "f" + n, n));
        }
        Path latencyFile = generate(out, "net" + plan.latencyFileRows(), plan.latencyFileRows());

        try (SandboxProcess sandboxJvm = startSandbox(jar, plan.sandboxHeap(), out)) {
            JavaProcess sandboxProcess = sandboxJvm.process();
            URI sandbox = sandboxJvm.endpoint();
            Path sandboxGcLog = sandboxJvm.gcLog();
            System.out.println("== sandbox (own JVM " + plan.sandboxHeap() + ", pid " + sandboxProcess.pid() + ") at " + sandbox);
            SandboxLoad load = new SandboxLoad(sandbox, sandboxProcess);

            System.out.println("== sandbox: conditional PutItem through the AWS SDK, no Camel (warm-up, then each level)");
            load.createTable("bench-puts");
            load.putRate("bench-puts", "warmup", CONCURRENCY, Duration.ZERO, plan.warmup().multipliedBy(2));
            Map<Integer, SandboxLoad.PutRate> before = new LinkedHashMap<>();
            for (int callers : plan.callers()) {
                before.put(callers, load.putRate("bench-puts", "c" + callers, callers, plan.warmup(), plan.measure()));
            }

            System.out.println("== sandbox: GetRecords latency");
            Map<Integer, Stats> getRecords = new LinkedHashMap<>();
            for (int limit : new int[] {100, 1000}) {
                getRecords.put(limit, load.getRecordsLatency("bench-puts", limit, plan.getRecordsSamples(), limit));
            }
            load.deleteTable("bench-puts");

            System.out.println("== pipeline import throughput (pipeline JVM " + PIPELINE_HEAP + ", concurrency " + CONCURRENCY
                    + ", default poll delays)");
            Path gcLog = out.resolve("import/gc.log");
            Files.createDirectories(gcLog.getParent());
            Map<Long, Measured> imports = new LinkedHashMap<>();
            Measured overNetwork;
            long peakRssKib;
            try (PipelineProcess pipeline = PipelineProcess.start("import", jar, sandbox,
                    List.of(PIPELINE_HEAP, "-Xlog:gc:file=" + gcLog), Map.of(), out.resolve("import"))) {
                for (Map.Entry<Long, Path> f : files.entrySet()) {
                    imports.put(f.getKey(), importFile(pipeline, sandboxProcess, f.getValue(), f.getKey()));
                }
                peakRssKib = pipeline.process.peakRssKib();
                System.out.println("== the same with " + NETWORK_MS + " ms added to every write request (as across a network)");
                Faults.writeLatency(sandbox, NETWORK_MS);
                try {
                    overNetwork = importFile(pipeline, sandboxProcess, latencyFile, plan.latencyFileRows());
                } finally {
                    Faults.clear(sandbox);
                }
            }
            System.out.println("== side by side at " + plan.compareRows() + " rows: boto3 loop, SDK loop, ceiling, pipeline batch/put");
            ImportComparison.run(jar, sandbox, sandboxProcess, load, out, plan.compareRows(), plan.warmup(), plan.measure(),
                    results);
            load.createTable("bench-puts-after");
            SandboxLoad.PutRate naiveNetwork;
            SandboxLoad.PutRate ceilingNetwork;
            Faults.writeLatency(sandbox, NETWORK_MS);
            try {
                naiveNetwork = load.putRate("bench-puts-after", "net1", 1, plan.warmup(), plan.measure());
                ceilingNetwork = load.putRate("bench-puts-after", "net16", CONCURRENCY, plan.warmup(), plan.measure());
            } finally {
                Faults.clear(sandbox);
            }
            System.out.println("== sandbox: the ceiling and the naive baseline again, after the imports");
            SandboxLoad.PutRate ceilingAfter = load.putRate("bench-puts-after", "after16", CONCURRENCY, plan.warmup(), plan.measure());
            SandboxLoad.PutRate naiveAfter = load.putRate("bench-puts-after", "after1", 1, plan.warmup(), plan.measure());
            load.deleteTable("bench-puts-after");
            long writes = load.totalPuts() + files.keySet().stream().mapToLong(Long::longValue).sum() + plan.latencyFileRows();
            sandboxProcess.forceGc();
            GcLog sandboxGc = GcLog.read(sandboxGcLog);

            SandboxLoad.PutRate ceilingBefore = before.get(CONCURRENCY);
            SandboxLoad.PutRate naiveBefore = before.get(1);
            double ceiling = (ceilingBefore.perSecond() + ceilingAfter.perSecond()) / 2;
            double naive = (naiveBefore.perSecond() + naiveAfter.perSecond()) / 2;

            for (SandboxLoad.PutRate r : before.values()) {
                results.add("sandbox: conditional PutItem, " + r.callers() + " caller(s)", r.describe(),
                        r.callers() == CONCURRENCY ? ">= 3,000/s" : "", r.callers() == CONCURRENCY ? r.perSecond() >= 3000 : null);
            }
            results.add("  again after the imports, " + CONCURRENCY + " / 1 caller(s)",
                    String.format("%,.0f / %,.0f puts/s", ceilingAfter.perSecond(), naiveAfter.perSecond()));
            results.add(String.format("  sandbox capacity if it had the 2 cores alone (2 s / CPU per put, %d callers)", CONCURRENCY),
                    String.format("%,.0f puts/s", 2e6 / ceilingBefore.sandboxCpuMicros()));
            results.add(String.format("  sandbox heap live after everything (%,d items written, each with a stream record)", writes),
                    String.format("%,d MiB, %.1f KiB per item; peak %,d MiB (%d full collections)", sandboxGc.lastAfterMib(),
                            sandboxGc.lastAfterMib() * 1024.0 / writes, sandboxGc.peakUsedMib(), sandboxGc.fullCollections()));
            getRecords.forEach((limit, s) -> results.add("sandbox: GetRecords of " + limit + " records, p50 / p99",
                    String.format("%.1f / %.1f ms", s.p50(), s.p99())));

            long largest = files.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            for (Map.Entry<Long, Measured> e : imports.entrySet()) {
                long n = e.getKey();
                Measured m = e.getValue();
                boolean headline = n == largest;
                results.add(String.format("import %,d rows: upload -> report written", n), m.describe());
                results.add("  pipeline / ceiling (mean of before and after)", String.format("%.2f", m.imp().rowsPerSecond() / ceiling),
                        headline ? ">= 0.8" : "", headline ? (Boolean) (m.imp().rowsPerSecond() / ceiling >= 0.8) : null);
                results.add("  pipeline / naive (mean of before and after)", String.format("%.1f", m.imp().rowsPerSecond() / naive),
                        headline ? ">= 10" : "", headline ? (Boolean) (m.imp().rowsPerSecond() / naive >= 10) : null);
                results.add("  CPU per row: ceiling (client + sandbox) / pipeline (pipeline + sandbox)",
                        String.format("%.2f", ceilingBefore.totalCpuMicros() / m.totalCpuMicros()));
            }
            results.add(String.format("with %d ms per write request: import %,d rows", NETWORK_MS, plan.latencyFileRows()), overNetwork.describe());
            results.add(String.format("  with %d ms: ceiling (%d callers) / naive (1 caller)", NETWORK_MS, CONCURRENCY),
                    String.format("%,.0f / %,.0f puts/s", ceilingNetwork.perSecond(), naiveNetwork.perSecond()));
            results.add(String.format("  with %d ms: pipeline / ceiling, pipeline / naive", NETWORK_MS),
                    String.format("%.2f, %.1f", overNetwork.imp().rowsPerSecond() / ceilingNetwork.perSecond(),
                            overNetwork.imp().rowsPerSecond() / naiveNetwork.perSecond()));

            GcLog gc = GcLog.read(gcLog);
            results.add(String.format("memory, pipeline JVM %s through the %,d-row import: peak heap (GC log)", PIPELINE_HEAP, largest),
                    String.format("%d MiB (%d collections, %d full)", gc.peakUsedMib(), gc.collections(), gc.fullCollections()),
                    "fits 256 MiB", gc.peakUsedMib() <= 256);
            results.add("  peak RSS of the pipeline JVM (VmHWM)", String.format("%d MiB", peakRssKib / 1024));

            System.out.println("== the 10k and 100k imports again with the alert route idle (inventory.alert.poll-delay=600000)");
            Map<Long, Measured> alertIdle = new LinkedHashMap<>();
            try (PipelineProcess pipeline = PipelineProcess.start("import-alert-idle", jar, sandbox, List.of(PIPELINE_HEAP),
                    Map.of("inventory.alert.poll-delay", "600000"), out.resolve("import-alert-idle"))) {
                for (long n : plan.fileRows()) {
                    if (n != largest) {
                        alertIdle.put(n, importFile(pipeline, sandboxProcess, generate(out, "idle" + n, n), n));
                    }
                }
            }
            alertIdle.forEach((n, m) -> results.add(String.format("  %,d rows with the alert route idle (not reading the stream)", n),
                    m.describe()));

            System.out.println("== end-to-end alert latency (PutObject -> SNS publish)");
            AlertLatency.clearMessages(sandbox);
            for (long delay : new long[] {500, 100}) {
                Map<String, String> settings = delay == 500 ? Map.of()
                        : Map.of("inventory.import.poll-delay", "100", "inventory.alert.poll-delay", "100");
                try (PipelineProcess pipeline = PipelineProcess.start("alerts" + delay, jar, sandbox, List.of(), settings,
                        out.resolve("alerts" + delay))) {
                    String topicArn = Clients.sns(sandbox).createTopic(b -> b.name(pipeline.topic)).topicArn();
                    Stats s = AlertLatency.measure(pipeline, sandbox, topicArn, plan.latencyUploads(), delay, delay);
                    String what = String.format("alert latency, %d ms poll delays (%d uploads), p50 / p95 / p99", delay, s.count());
                    String value = String.format("%.0f / %.0f / %.0f ms", s.p50(), s.p95(), s.p99());
                    if (delay == 500) {
                        results.add(what, value, "p50 <= 1000, p99 <= 2000", s.p50() <= 1000 && s.p99() <= 2000);
                    } else {
                        results.add(what, value);
                    }
                }
            }
        }

        System.out.println("== start-up: java -jar (default mode: in-process sandbox, provisioning) -> /observe/health/ready");
        Startup plain = startup(jar, out.resolve("startup"), plan.startups(), List.of());
        results.add(String.format("start-up to ready, median of %d (min-max)", plan.startups()), plain.describe(),
                "<= 3000 ms", plain.wall().p50() <= 3000);
        Path archive = out.resolve("startup/app-cds.jsa");
        Files.deleteIfExists(archive);
        startup(jar, out.resolve("startup-archive"), 1, List.of("-XX:ArchiveClassesAtExit=" + archive));
        Startup cds = startup(jar, out.resolve("startup-cds"), plan.startups(), List.of("-XX:SharedArchiveFile=" + archive));
        results.add("  the same with an AppCDS archive (-XX:SharedArchiveFile), as docker/Dockerfile runs it", cds.describe(),
                "<= 3000 ms", cds.wall().p50() <= 3000);
        Startup c1 = startup(jar, out.resolve("startup-cds-c1"), plan.startups(),
                List.of("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1"));
        results.add("  AppCDS and C1 only (-XX:TieredStopAtLevel=1: faster start, slower bulk imports)", c1.describe(),
                "<= 3000 ms", c1.wall().p50() <= 3000);

        results.note("load average (1, 5, 15 min) at start: " + loadAtStart + "; at end: " + loadAverage() + "; run took "
                + Duration.between(started, Instant.now()).toSeconds() + " s");
        results.note("CPU figures are user + system time of each process from /proc/<pid>/stat over the whole step "
                + "(warm-up included), divided by the rows or puts of that step");
        String header = "# inventory-pipeline benchmarks (" + (smoke ? "smoke" : "full") + "), " + Instant.now()
                + "\n\n" + Machine.describe();
        results.write(out.resolve("results.md"), header);
        System.out.println();
        System.out.println(results.table());
        System.out.println("(written to " + out.resolve("results.md") + ")");
    }

    /** An import, with the CPU the pipeline and the sandbox spent on it. */
    record Measured(PipelineProcess.Import imp, double pipelineCpuMicros, double sandboxCpuMicros) {

        double totalCpuMicros() {
            return pipelineCpuMicros + sandboxCpuMicros;
        }

        String describe() {
            return String.format("%,.0f rows/s (%.2f s; import itself %.2f s; CPU/row: pipeline %.0f us, sandbox %.0f us)",
                    imp.rowsPerSecond(), imp.seconds(), imp.importMillis() / 1000, pipelineCpuMicros, sandboxCpuMicros);
        }
    }

    static Measured importFile(PipelineProcess pipeline, JavaProcess sandbox, Path file, long rows) throws Exception {
        double pipelineCpu = pipeline.process.cpuSeconds();
        double sandboxCpu = sandbox.cpuSeconds();
        PipelineProcess.Import imp = pipeline.importFile(file, file.getFileName().toString(), Duration.ofMinutes(30));
        Measured m = new Measured(imp, (pipeline.process.cpuSeconds() - pipelineCpu) * 1e6 / rows,
                (sandbox.cpuSeconds() - sandboxCpu) * 1e6 / rows);
        checkReport(imp, rows);
        System.out.printf("   %s: %s%n", file.getFileName(), m.describe());
        return m;
    }

    /** Start-up times of {@code runs} launches, and Camel's own "started in" figure. */
    record Startup(Stats wall, Stats camel) {
        String describe() {
            return String.format("%.0f ms (%.0f-%.0f); Camel's 'started in' %.0f ms", wall.p50(), wall.min(), wall.max(),
                    camel.p50());
        }
    }

    static Startup startup(Path jar, Path dir, int runs, List<String> jvmOptions) throws Exception {
        double[] wall = new double[runs];
        double[] camel = new double[runs];
        for (int i = 0; i < runs; i++) {
            Path run = dir.resolve("run-" + i);
            deleteRecursively(run);
            int mgmt = JavaProcess.freePort();
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-Dsandbox.port=" + JavaProcess.freePort());
            options.add("-Dcamel.management.port=" + mgmt);
            try (JavaProcess p = JavaProcess.start("startup " + i, jar, options, List.of(), run, run.resolve("pipeline.log"))) {
                long ready = p.awaitHttp200(URI.create("http://127.0.0.1:" + mgmt + "/observe/health/ready"),
                        Duration.ofSeconds(120), 10);
                wall[i] = (ready - p.startedNanos) / 1e6;
                camel[i] = camelStartedMillis(p.log);
            }
            System.out.printf("   %s run %d: ready after %.0f ms%n", jvmOptions.isEmpty() ? "plain" : jvmOptions.get(0), i, wall[i]);
        }
        return new Startup(Stats.of(wall), Stats.of(camel));
    }

    static Path generate(Path out, String prefix, long rows) throws java.io.IOException {
        Path f = out.resolve("files/" + prefix + ".csv");
        Files.createDirectories(f.getParent());
        long zeros = InventoryCsv.write(f, prefix, rows, 42);
        System.out.printf("   %s: %,d rows, %,d at quantity 0, %.1f MB%n", f.getFileName(), rows, zeros, Files.size(f) / 1e6);
        return f;
    }

    /** Nothing lost: every row of the file was read and inserted (its SKUs are new), none rejected. */
    private static void checkReport(PipelineProcess.Import imp, long rows) {
        var r = imp.report();
        if (r.path("rows").asLong() != rows || r.path("inserted").asLong() != rows || r.path("rejected").asLong() != 0
                || !"processed".equals(r.path("status").asText())) {
            throw new IllegalStateException("unexpected report for " + imp.key() + ": " + r);
        }
    }

    private static final Pattern CAMEL_STARTED = Pattern.compile("started in (?:(\\d+)s)?(\\d+)ms");

    /** Camel's "Apache Camel ... started in 1s234ms" line, in ms; -1 when absent. */
    static double camelStartedMillis(Path log) {
        try {
            for (String line : Files.readAllLines(log)) {
                if (line.contains("Apache Camel") && line.contains("started in")) {
                    Matcher m = CAMEL_STARTED.matcher(line);
                    if (m.find()) {
                        return (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 1000) + Long.parseLong(m.group(2));
                    }
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(dir)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.delete(all.get(i));
        }
    }
}
