package bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the alert route's stream leg costs during an import (issue 12 item 4): A/B of one import with the
 * alert route reading the stream (default) and idle ({@code inventory.alert.poll-delay=600000}), alternating,
 * each in a fresh {@code -Xmx256m} pipeline JVM against one standalone sandbox, each after a small warm-up
 * import. Pipeline CPU is counted from the upload until the report (the import) and, when reading, until the
 * stream leg has read every record of the file ({@code inventory_stream_records_read_total}), so the reading
 * figure holds the whole stream leg; the stream consumer thread's own CPU (jcmd Thread.print) is shown apart,
 * since the import's CPU varies more between runs than the stream leg costs. {@code --jfr} adds one more reading run with a 30 s JFR profile (not in
 * the table). Run by {@code bench/run.sh streamleg}.
 */
public final class StreamLegBench {

    /** Rows imported (and, reading, read from the stream) before the measured import, unless {@code --warmup} says. */
    private static final long WARMUP_ROWS = 5_000;

    /** One measured import. */
    record Run(String mode, int round, double rowsPerSecond, double importCpuMicros, double legCpuMicros,
               double streamThreadMicros, double sandboxCpuMicros, double drainSeconds) {
        String row() {
            return String.format("| %s (%d) | %,.0f | %.0f | %.0f | %.0f | %.0f | %s |", mode, round, rowsPerSecond, importCpuMicros,
                    legCpuMicros, streamThreadMicros, sandboxCpuMicros, drainSeconds < 0 ? "-" : String.format("%.1f", drainSeconds));
        }
    }

    private static final Pattern THREAD_CPU = Pattern.compile("^\"([^\"]*)\".* cpu=([0-9.]+)ms", Pattern.MULTILINE);

    private StreamLegBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        boolean jfr = Arrays.asList(args).contains("--jfr");
        long rows = Long.parseLong(Bench.option(args, "--rows", smoke ? "2000" : "50000"));
        int rounds = Integer.parseInt(Bench.option(args, "--rounds", "2"));
        String write = Bench.option(args, "--write", ""); // inventory.import.write (batch|put); "" = the jar's default
        // a longer warm-up measures the import with its code compiled: what a long-running pipeline imports with
        long warmupRows = Long.parseLong(Bench.option(args, "--warmup", Long.toString(WARMUP_ROWS)));
        // --set key=value (repeatable): a property of every measured pipeline, e.g. camel.main.use-mdc-logging=false
        Map<String, String> extra = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--set")) {
                String[] kv = args[i + 1].split("=", 2);
                extra.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        Path jar = Path.of(Bench.option(args, "--jar", "target/inventory-pipeline.jar"));
        Path out = Path.of(Bench.option(args, "--out", "target/bench-streamleg")).toAbsolutePath();
        Files.createDirectories(out);
        String loadAtStart = Bench.loadAverage();
        System.out.println("== stream leg during imports: " + rows + " rows, reading vs idle, " + rounds
                + " rounds -> " + out + " (load " + loadAtStart + ")");
        Path file = Bench.generate(out, "leg" + rows, rows);
        Path warmup = Bench.generate(out, "warm" + warmupRows, warmupRows);

        int port = JavaProcess.freePort();
        URI sandbox = URI.create("http://127.0.0.1:" + port);
        List<Run> runs = new ArrayList<>();
        String jfrSummary = null;
        try (JavaProcess sandboxProcess = JavaProcess.start("sandbox", jar, List.of("-Xmx4g", "-Dsandbox.port=" + port),
                List.of("sandbox"), out.resolve("sandbox"), out.resolve("sandbox/sandbox.log"))) {
            sandboxProcess.awaitHttp200(sandbox.resolve("/_sandbox/health"), Duration.ofSeconds(60), 20);
            for (int round = 1; round <= rounds; round++) {
                runs.add(run(jar, sandbox, sandboxProcess, out, "reading", round, file, warmup, warmupRows, rows, write, extra, null));
                runs.add(run(jar, sandbox, sandboxProcess, out, "idle", round, file, warmup, warmupRows, rows, write, extra, null));
            }
            if (jfr) {
                Path recording = out.resolve("p.jfr");
                run(jar, sandbox, sandboxProcess, out, "reading", 0, file, warmup, warmupRows, rows, write, extra, recording);
                jfrSummary = "JFR of one more reading run: " + recording;
            }
        }
        String md = table(runs, rows, warmupRows, loadAtStart, Bench.loadAverage(), jfrSummary, jar, write, extra);
        Files.writeString(out.resolve("results.md"), md);
        System.out.println(md);
    }

    private static Run run(Path jar, URI sandbox, JavaProcess sandboxProcess, Path out, String mode, int round,
                           Path file, Path warmup, long warmupRows, long rows, String write,
                           Map<String, String> extra, Path jfr) throws Exception {
        boolean reading = mode.equals("reading");
        String name = "leg-" + mode + "-" + round + (jfr != null ? "-jfr" : "");
        Map<String, String> settings = new java.util.HashMap<>();
        if (!reading) {
            settings.put("inventory.alert.poll-delay", "600000");
        }
        if (!write.isEmpty()) {
            settings.put("inventory.import.write", write);
        }
        settings.putAll(extra);
        try (PipelineProcess p = PipelineProcess.start(name, jar, sandbox, List.of(Bench.PIPELINE_HEAP), settings,
                out.resolve(name))) {
            p.importFile(warmup, "warmup.csv", Duration.ofMinutes(10));
            if (reading) {
                p.awaitRecordsRead(warmupRows, Duration.ofMinutes(10), 250);
            }
            if (jfr != null) {
                jcmd(p.process.pid(), "JFR.start", "duration=30s", "settings=profile", "filename=" + jfr);
            }
            double cpu0 = p.process.cpuSeconds();
            Map<String, Double> threads0 = threadCpuSeconds(p.process.pid());
            double sandboxCpu0 = sandboxProcess.cpuSeconds();
            PipelineProcess.Import imp = p.importFile(file, file.getFileName().toString(), Duration.ofMinutes(30));
            double cpuImport = p.process.cpuSeconds();
            double sandboxCpu = sandboxProcess.cpuSeconds();
            long reportAt = System.nanoTime();
            double drain = -1;
            double cpuLeg = cpuImport;
            if (reading) {
                // each scrape costs the pipeline a little CPU: not too often
                p.awaitRecordsRead(warmupRows + rows, Duration.ofMinutes(30), 250);
                drain = (System.nanoTime() - reportAt) / 1e9;
                cpuLeg = p.process.cpuSeconds();
                sandboxCpu = sandboxProcess.cpuSeconds();
            }
            Map<String, Double> threads = minus(threadCpuSeconds(p.process.pid()), threads0);
            double thread = threads.getOrDefault(STREAM_THREADS, 0.0);
            writeThreads(out.resolve(name).resolve("threads.txt"), threads, rows);
            if (imp.rows() != rows || imp.report().path("inserted").asLong() != rows) {
                throw new IllegalStateException("unexpected report: " + imp.report());
            }
            if (jfr != null) {
                JavaProcess.sleep(Math.max(0, 31_000 - (long) (imp.seconds() * 1000) - (long) (Math.max(drain, 0) * 1000)));
            }
            Run r = new Run(mode, round, imp.rowsPerSecond(), (cpuImport - cpu0) * 1e6 / rows, (cpuLeg - cpu0) * 1e6 / rows,
                    thread * 1e6 / rows, (sandboxCpu - sandboxCpu0) * 1e6 / rows, drain);
            System.out.println("   " + r.row() + "  load " + Bench.loadAverage());
            return r;
        }
    }

    static String table(List<Run> runs, long rows, long warmupRows, String loadAtStart, String loadAtEnd,
                        String jfrSummary, Path jar, String write, Map<String, String> extra) {
        StringBuilder md = new StringBuilder("## Stream leg during imports (" + Instant.now() + ", " + rows + " rows after a "
                + warmupRows + "-row warm-up, " + jar
                + (write.isEmpty() ? "" : ", inventory.import.write=" + write)
                + (extra.isEmpty() ? "" : ", " + extra) + ")\n\n"
                + "| alert route (round) | rows/s | pipeline CPU/row until the report (us) | pipeline CPU/row until the stream is read (us) "
                + "| of which the stream consumer's thread (us) | sandbox CPU/row (us) | stream read after the report (s) |\n"
                + "|---|---|---|---|---|---|---|\n");
        runs.forEach(r -> md.append(r.row()).append('\n'));
        md.append("\n- load average (1, 5, 15 min) at start: ").append(loadAtStart).append("; at end: ").append(loadAtEnd).append('\n');
        if (jfrSummary != null) {
            md.append("- ").append(jfrSummary).append('\n');
        }
        return md.toString();
    }

    private static final String STREAM_THREADS = "aws2-ddbstream consumer";

    /** CPU each group of threads has used so far (jcmd Thread.print's cpu=, digits folded), in seconds. */
    private static Map<String, Double> threadCpuSeconds(long pid) throws Exception {
        Matcher m = THREAD_CPU.matcher(jcmd(pid, "Thread.print"));
        Map<String, Double> groups = new java.util.TreeMap<>();
        while (m.find()) {
            String group = m.group(1).contains(inventory.streams.LineageStreamComponent.SCHEME + "://") ? STREAM_THREADS : m.group(1).replaceAll("[0-9]+", "N");
            groups.merge(group, Double.parseDouble(m.group(2)) / 1000, Double::sum);
        }
        return groups;
    }

    private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> d = new java.util.TreeMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
        return d;
    }

    /** Per thread group, CPU per row in the measured import, most first: where a difference between runs is. */
    private static void writeThreads(Path file, Map<String, Double> threads, long rows) throws Exception {
        StringBuilder b = new StringBuilder();
        threads.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() > 0)
                .forEach(e -> b.append(String.format("%8.1f us/row  %s%n", e.getValue() * 1e6 / rows, e.getKey())));
        Files.writeString(file, b);
    }

    private static String jcmd(long pid, String... command) throws Exception {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        c.addAll(List.of(command));
        Process proc = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        proc.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
