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
 * and start-up of the jar in its default mode. {@code --smoke}: tiny sizes, a few seconds per part, to check
 * that the harness works. Run by {@code bench/run.sh}.
 */
public final class Bench {

    /** What a run measures and how long it takes. */
    record Plan(long[] fileRows, int[] callers, Duration warmup, Duration measure, int getRecordsSamples,
                int latencyUploads, int startups, String sandboxHeap) {

        static Plan full() {
            return new Plan(new long[] {10_000, 100_000, 1_000_000}, new int[] {1, 8, 16, 32}, Duration.ofSeconds(5),
                    Duration.ofSeconds(15), 200, 60, 5, "-Xmx6g");
        }

        static Plan smoke() {
            return new Plan(new long[] {200, 1_000, 2_000}, new int[] {1, 8, 16, 32}, Duration.ofMillis(300),
                    Duration.ofSeconds(1), 10, 3, 1, "-Xmx1g");
        }
    }

    static final int PIPELINE_CONCURRENCY = 16;
    static final String PIPELINE_HEAP = "-Xmx256m";

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
        System.out.println("== inventory-pipeline benchmarks (" + (smoke ? "smoke" : "full") + ") -> " + out);
        System.out.println("   load average at start: " + loadAverage());

        System.out.println("== generating files");
        Map<Long, Path> files = new LinkedHashMap<>();
        Map<Long, Long> zeros = new LinkedHashMap<>();
        for (long n : plan.fileRows()) {
            Path f = out.resolve("files/inventory-" + n + ".csv");
            Files.createDirectories(f.getParent());
            zeros.put(n, InventoryCsv.write(f, "f" + n, n, 42));
            files.put(n, f);
            System.out.printf("   %s: %d rows, %d at quantity 0, %.1f MB%n", f.getFileName(), n, zeros.get(n),
                    Files.size(f) / 1e6);
        }

        int sandboxPort = JavaProcess.freePort();
        URI sandbox = URI.create("http://127.0.0.1:" + sandboxPort);
        SandboxLoad.PutRate naive;
        SandboxLoad.PutRate ceiling;
        try (JavaProcess sandboxProcess = JavaProcess.start("sandbox", jar,
                List.of(plan.sandboxHeap(), "-Dsandbox.port=" + sandboxPort), List.of("sandbox"), out.resolve("sandbox"),
                out.resolve("sandbox/sandbox.log"))) {
            sandboxProcess.awaitHttp200(sandbox.resolve("/_sandbox/health"), Duration.ofSeconds(60), 20);
            System.out.println("== sandbox (own JVM " + plan.sandboxHeap() + ", pid " + sandboxProcess.pid() + ") at " + sandbox);

            System.out.println("== sandbox: conditional PutItem through the AWS SDK, no Camel (the ceiling and the naive baseline)");
            SandboxLoad load = new SandboxLoad(sandbox);
            load.createTable("bench-puts");
            Map<Integer, SandboxLoad.PutRate> rates = new LinkedHashMap<>();
            for (int callers : plan.callers()) {
                double sandboxCpu = sandboxProcess.cpuSeconds();
                double clientCpu = Cpu.ofThisProcess();
                SandboxLoad.PutRate r = load.putRate("bench-puts", "c" + callers, callers, plan.warmup(), plan.measure());
                double sandboxUs = (sandboxProcess.cpuSeconds() - sandboxCpu) * 1e6 / r.allPuts();
                double clientUs = (Cpu.ofThisProcess() - clientCpu) * 1e6 / r.allPuts();
                rates.put(callers, r);
                results.add("sandbox conditional PutItem, " + callers + " caller(s)",
                        String.format("%,.0f puts/s (CPU/put: sandbox %.0f us, SDK client %.0f us)", r.perSecond(), sandboxUs, clientUs));
            }
            naive = rates.get(1);
            ceiling = rates.get(PIPELINE_CONCURRENCY);
            results.add("sandbox write rate at " + PIPELINE_CONCURRENCY + " callers", String.format("%,.0f puts/s", ceiling.perSecond()),
                    ">= 3,000/s", ceiling.perSecond() >= 3000);

            System.out.println("== sandbox: GetRecords latency");
            for (int limit : new int[] {100, 1000}) {
                Stats s = load.getRecordsLatency("bench-puts", limit, plan.getRecordsSamples(), limit);
                results.add("GetRecords of " + limit + " records, p50 / p99", String.format("%.1f / %.1f ms", s.p50(), s.p99()));
            }
            load.deleteTable("bench-puts");

            System.out.println("== pipeline import throughput (pipeline JVM " + PIPELINE_HEAP + ", concurrency "
                    + PIPELINE_CONCURRENCY + ", default poll delays)");
            Path gcLog = out.resolve("import/gc.log");
            Files.createDirectories(gcLog.getParent());
            PipelineProcess.Import largest = null;
            long largestRows = 0;
            long peakRssKib;
            try (PipelineProcess pipeline = PipelineProcess.start("import", jar, sandbox,
                    List.of(PIPELINE_HEAP, "-Xlog:gc:file=" + gcLog), Map.of(), out.resolve("import"))) {
                for (Map.Entry<Long, Path> f : files.entrySet()) {
                    long n = f.getKey();
                    double pipelineCpu = pipeline.process.cpuSeconds();
                    double sandboxCpu = sandboxProcess.cpuSeconds();
                    PipelineProcess.Import imp = pipeline.importFile(f.getValue(), "inventory-" + n + ".csv",
                            Duration.ofMinutes(30));
                    double pipelineUs = (pipeline.process.cpuSeconds() - pipelineCpu) * 1e6 / n;
                    double sandboxUs = (sandboxProcess.cpuSeconds() - sandboxCpu) * 1e6 / n;
                    checkReport(imp, n);
                    results.add(String.format("import %,d rows (upload -> report)", n),
                            String.format("%,.0f rows/s (%.2f s; import itself %.2f s; CPU/row: pipeline %.0f us, sandbox %.0f us)",
                                    imp.rowsPerSecond(), imp.seconds(), imp.importMillis() / 1000, pipelineUs, sandboxUs));
                    results.add(String.format("  pipeline / ceiling (%d callers), %,d rows", PIPELINE_CONCURRENCY, n),
                            String.format("%.2f", imp.rowsPerSecond() / ceiling.perSecond()),
                            n == largestOf(files) ? ">= 0.8" : "", n == largestOf(files) ? (Boolean) (imp.rowsPerSecond() / ceiling.perSecond() >= 0.8) : null);
                    results.add(String.format("  pipeline / naive (1 caller), %,d rows", n),
                            String.format("%.1f", imp.rowsPerSecond() / naive.perSecond()),
                            n == largestOf(files) ? ">= 10" : "", n == largestOf(files) ? (Boolean) (imp.rowsPerSecond() / naive.perSecond() >= 10) : null);
                    largest = imp;
                    largestRows = n;
                }
                peakRssKib = pipeline.process.peakRssKib();
            }
            GcLog gc = GcLog.read(gcLog);
            results.add(String.format("memory importing %,d rows with %s: peak heap (GC log)", largestRows, PIPELINE_HEAP),
                    String.format("%d MiB (%d collections, %d full)", gc.peakUsedMib(), gc.collections(), gc.fullCollections()),
                    "fits 256 MiB", largest != null && gc.peakUsedMib() <= 256);
            results.add("  peak RSS of the pipeline JVM (VmHWM)", String.format("%d MiB", peakRssKib / 1024));

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
        double[] startup = new double[plan.startups()];
        double[] camelStarted = new double[plan.startups()];
        for (int i = 0; i < plan.startups(); i++) {
            Path dir = out.resolve("startup/run-" + i);
            deleteRecursively(dir);
            int mgmt = JavaProcess.freePort();
            try (JavaProcess p = JavaProcess.start("startup " + i, jar,
                    List.of("-Dsandbox.port=" + JavaProcess.freePort(), "-Dcamel.management.port=" + mgmt), List.of(), dir,
                    dir.resolve("pipeline.log"))) {
                long ready = p.awaitHttp200(URI.create("http://127.0.0.1:" + mgmt + "/observe/health/ready"),
                        Duration.ofSeconds(120), 10);
                startup[i] = (ready - p.startedNanos) / 1e6;
                camelStarted[i] = camelStartedMillis(p.log);
            }
        }
        Stats st = Stats.of(startup);
        results.add(String.format("start-up to ready, median of %d (min-max)", st.count()),
                String.format("%.0f ms (%.0f-%.0f)", st.p50(), st.min(), st.max()), "<= 3000 ms", st.p50() <= 3000);
        results.add("  of which Camel's own 'started in' (median)", String.format("%.0f ms", Stats.of(camelStarted).p50()));

        results.note("load average at end: " + loadAverage() + "; run took "
                + Duration.between(started, Instant.now()).toSeconds() + " s");
        String header = "# inventory-pipeline benchmarks (" + (smoke ? "smoke" : "full") + "), " + Instant.now()
                + "\n\n" + Machine.describe();
        results.write(out.resolve("results.md"), header);
        System.out.println();
        System.out.println(results.table());
        System.out.println("(written to " + out.resolve("results.md") + ")");
    }

    private static long largestOf(Map<Long, Path> files) {
        return files.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
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
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String option(String[] args, String name, String fallback) {
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
