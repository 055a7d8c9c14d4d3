package drills;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's {@code app.Main} in a JVM of its own, started with this test's classpath, its
 * output in a log file: a process a drill can SIGKILL ({@link #kill}) like an operator's {@code kill -9} or
 * an OOM killer would, or stop with SIGTERM ({@link #stop}) like a deployment would.
 */
final class ChildJvm implements AutoCloseable {

    /** Start-up matters more than peak speed for short-lived drill JVMs. */
    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");

    private final Process process;
    private final Path log;
    private long readUpTo;
    private final StringBuilder pending = new StringBuilder();

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param properties {@code -D} system properties (the application reads its settings from them)
     * @param env        extra environment variables
     * @param args       program arguments ({@code sandbox} for the standalone sandbox)
     */
    static ChildJvm start(Map<String, String> properties, Map<String, String> env, Path log, String... args) {
        return start(List.of(), properties, env, log, args);
    }

    /** @param jvmOptions options after the quick-start ones, so they win (e.g. {@code -Xmx256m}) */
    static ChildJvm start(List<String> jvmOptions, Map<String, String> properties, Map<String, String> env, Path log,
                          String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(QUICK_START);
        command.addAll(jvmOptions);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        // surefire's class path may be one manifest jar naming the rest: it works as a class path all the same
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("app.Main");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            long start = Files.exists(log) ? Files.size(log) : 0;
            ChildJvm jvm = new ChildJvm(builder.start(), log);
            jvm.readUpTo = start;
            return jvm;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the process to end by itself; its exit code. */
    int awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            throw new IllegalStateException("process " + pid() + " still running after " + timeout);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no flush, no graceful stop. Returns when the process is gone. */
    void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGSTOP: the process is frozen as a GC pause, a paused container or a suspended VM freezes it. */
    void freeze() {
        signal("STOP");
    }

    /** SIGCONT: it runs on from where it was, unaware of the time that passed. */
    void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM: the graceful stop a deployment does; SIGKILL if it takes longer than {@code grace}. */
    void stop(Duration grace) {
        process.destroy();
        if (!waitFor(grace)) {
            kill();
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a new log line matching {@code pattern} (reading the lines it passes) and returns its first group. */
    String awaitLine(Pattern pattern, Duration timeout) {
        AtomicReference<String> found = new AtomicReference<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (String line : newLines()) {
                Matcher m = pattern.matcher(line);
                if (found.get() == null && m.find()) {
                    found.set(m.group(1));
                }
            }
            return found.get() != null;
        });
        return found.get();
    }

    /** Lines the process wrote since the last call (complete lines only). */
    synchronized List<String> newLines() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (length > readUpTo) {
                byte[] bytes = new byte[(int) (length - readUpTo)];
                file.seek(readUpTo);
                file.readFully(bytes);
                readUpTo = length;
                pending.append(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = new ArrayList<>();
        int end;
        while ((end = pending.indexOf("\n")) >= 0) {
            lines.add(pending.substring(0, end));
            pending.delete(0, end + 1);
        }
        return lines;
    }

    /** {@link #newLines()} of a process the drill has not stopped: one that ended by itself fails the drill, naming its log. */
    List<String> newLinesWhileAlive(String who) {
        if (!isAlive()) {
            throw new IllegalStateException(who + " died by itself; see " + log);
        }
        return newLines();
    }

    /** Every line of the log so far (a drill looking back). */
    List<String> allLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
