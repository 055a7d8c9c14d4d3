package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run measured: cores, memory, JDK (nproc, free -g, java -version). */
final class Machine {

    private Machine() {
    }

    static String describe() {
        StringBuilder b = new StringBuilder("Machine:\n\n```\n");
        b.append("$ nproc\n").append(run("nproc"));
        b.append("$ free -g\n").append(run("free", "-g"));
        b.append("$ java -version\n").append(run(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version"));
        b.append("$ grep 'model name' /proc/cpuinfo | head -1\n").append(run("sh", "-c", "grep 'model name' /proc/cpuinfo | head -1"));
        b.append("```");
        return b.toString();
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.endsWith("\n") ? out : out + "\n";
        } catch (IOException e) {
            return "(" + e.getMessage() + ")\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)\n";
        }
    }
}
