package bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Side by side at one size, in one run (issue 12 item 5): the seed-style loop (boto3, one conditional PutItem per row
 * in sequence, {@link SeedLoop}), the same loop with the SDK for Java, the ceiling ({@value Bench#CONCURRENCY}
 * concurrent conditional PutItems, no Camel), and the pipeline jar ({@value Bench#PIPELINE_HEAP}) with
 * {@code inventory.import.write=batch} and {@code put}; on loopback and with {@value Bench#NETWORK_MS} ms added to
 * every write request. {@code bench/run.sh compare [--rows N]} runs only this, against a sandbox of its own.
 */
final class ImportComparison {

    /** The three baselines at one added latency. */
    private record Baselines(Optional<SeedLoop.Rate> seed, SandboxLoad.PutRate naive, SandboxLoad.PutRate ceiling) {
        Double seedRate() {
            return seed.map(SeedLoop.Rate::perSecond).orElse(null);
        }
    }

    private ImportComparison() {
    }

    static void run(Path jar, URI sandbox, JavaProcess sandboxProcess, SandboxLoad load, Path out, long rows,
                    Duration warmup, Duration measure, Results results) throws Exception {
        long[] latencies = {0, Bench.NETWORK_MS};
        Map<Long, Baselines> baselines = new LinkedHashMap<>();
        for (long ms : latencies) {
            System.out.println("== comparison baselines, " + label(ms));
            withLatency(sandbox, ms, () -> baselines.put(ms, baselines(sandbox, load, out, rows, ms, warmup, measure)));
        }
        Map<Long, List<Runnable>> rowsOf = new LinkedHashMap<>();
        List<Runnable> heaps = new ArrayList<>();
        for (String mode : List.of("batch", "put")) {
            Path dir = out.resolve("compare-" + mode);
            Path gcLog = dir.resolve("gc.log");
            Files.createDirectories(dir);
            System.out.println("== comparison: the pipeline with inventory.import.write=" + mode);
            try (PipelineProcess pipeline = PipelineProcess.start("compare-" + mode, jar, sandbox,
                    List.of(Bench.PIPELINE_HEAP, "-Xlog:gc:file=" + gcLog), Map.of("inventory.import.write", mode), dir)) {
                // a tenth of the size first, not counted: both modes are then measured with a warm JIT
                long warm = Math.max(200, rows / 10);
                Bench.importFile(pipeline, sandboxProcess, Bench.generate(out, "cmp-warm-" + mode, warm), warm);
                for (long ms : latencies) {
                    Path file = Bench.generate(out, "cmp-" + mode + ms, rows);
                    Bench.Measured[] m = new Bench.Measured[1];
                    withLatency(sandbox, ms, () -> m[0] = Bench.importFile(pipeline, sandboxProcess, file, rows));
                    Baselines b = baselines.get(ms);
                    rowsOf.computeIfAbsent(ms, k -> new ArrayList<>()).add(() -> results.compared(
                            String.format("  pipeline, write=%s, import %,d rows", mode, rows), m[0].describe(),
                            m[0].imp().rowsPerSecond(), b.seedRate(), b.ceiling().perSecond()));
                }
            }
            GcLog gc = GcLog.read(gcLog);
            heaps.add(() -> results.add(String.format("  write=%s: peak heap of the pipeline JVM %s (GC log)", mode,
                    Bench.PIPELINE_HEAP), String.format("%d MiB (%d collections, %d full)", gc.peakUsedMib(),
                    gc.collections(), gc.fullCollections()), "fits 256 MiB", gc.peakUsedMib() <= 256));
        }
        for (long ms : latencies) {
            Baselines b = baselines.get(ms);
            double ceiling = b.ceiling().perSecond();
            results.add("side by side, " + label(ms), "");
            results.compared("  seed-style loop: boto3, one conditional PutItem per row, in sequence",
                    b.seed().map(SeedLoop.Rate::describe).orElse("skipped: python3 with boto3 not found"),
                    b.seed().map(SeedLoop.Rate::perSecond).orElse(Double.NaN), b.seedRate(), ceiling);
            results.compared("  the same loop with the AWS SDK for Java", b.naive().describe(), b.naive().perSecond(),
                    b.seedRate(), ceiling);
            results.compared(String.format("  ceiling: %d concurrent conditional PutItems, no Camel", Bench.CONCURRENCY),
                    b.ceiling().describe(), ceiling, b.seedRate(), ceiling);
            rowsOf.get(ms).forEach(Runnable::run);
        }
        heaps.forEach(Runnable::run);
    }

    private static Baselines baselines(URI sandbox, SandboxLoad load, Path out, long rows, long ms, Duration warmup,
                                       Duration measure) throws Exception {
        String table = "cmp-base-" + ms;
        load.createTable(table);
        try {
            Path seedFile = Bench.generate(out, "cmp-seed" + ms, rows);
            Optional<SeedLoop.Rate> seed = SeedLoop.run(sandbox, table, seedFile, warmup.plus(measure),
                    out.resolve("compare-seed/seed" + ms + ".log"));
            System.out.println("   boto3 loop: " + seed.map(SeedLoop.Rate::describe).orElse("skipped (no python3 with boto3)"));
            SandboxLoad.PutRate naive = load.putRate(table, "cmp-naive" + ms, 1, warmup, measure);
            SandboxLoad.PutRate ceiling = load.putRate(table, "cmp-ceiling" + ms, Bench.CONCURRENCY, warmup, measure);
            return new Baselines(seed, naive, ceiling);
        } finally {
            load.deleteTable(table);
        }
    }

    /** A step measured with {@code ms} added to every write request (0: loopback as it is). */
    private interface Step {
        void run() throws Exception;
    }

    private static void withLatency(URI sandbox, long ms, Step step) throws Exception {
        if (ms > 0) {
            Faults.writeLatency(sandbox, ms);
        }
        try {
            step.run();
        } finally {
            if (ms > 0) {
                Faults.clear(sandbox);
            }
        }
    }

    private static String label(long ms) {
        return ms == 0 ? "loopback" : "with " + ms + " ms added to every write request";
    }

    /** {@code bench/run.sh compare [--rows 50000]}: only this comparison, against its own sandbox. */
    public static void main(String[] args) throws Exception {
        boolean smoke = java.util.Arrays.asList(args).contains("--smoke");
        long rows = Long.parseLong(Bench.option(args, "--rows", smoke ? "1000" : "50000"));
        Path jar = Path.of(Bench.option(args, "--jar", "target/inventory-pipeline.jar"));
        Path out = Path.of(Bench.option(args, "--out", "target/bench-compare")).toAbsolutePath();
        Duration warmup = smoke ? Duration.ofMillis(300) : Duration.ofSeconds(3);
        Duration measure = smoke ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
        Files.createDirectories(out);
        Results results = new Results();
        String load = Bench.loadAverage();
        Instant started = Instant.now();
        try (Bench.SandboxProcess s = Bench.startSandbox(jar, "-Xmx4g", out)) {
            run(jar, s.endpoint(), s.process(), new SandboxLoad(s.endpoint(), s.process()), out, rows, warmup, measure, results);
        }
        results.note("load average at start: " + load + "; at end: " + Bench.loadAverage() + "; took "
                + Duration.between(started, Instant.now()).toSeconds() + " s");
        results.write(out.resolve("results.md"), "# import comparison, " + rows + " rows, " + Instant.now() + "\n\n"
                + Machine.describe());
        System.out.println();
        System.out.println(results.table());
        System.out.println("(written to " + out.resolve("results.md") + ")");
    }
}
