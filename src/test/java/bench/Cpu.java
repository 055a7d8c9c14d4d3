package bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by a process, from /proc: a figure that contention from other work on the machine
 * inflates far less than wall time, so it shows what a change costs even on a busy machine.
 */
final class Cpu {

    /** USER_HZ: /proc/&lt;pid&gt;/stat counts clock ticks of 1/100 s on Linux. */
    private static final double TICKS_PER_SECOND = 100;

    private Cpu() {
    }

    static double ofProcess(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double ofThisProcess() {
        return ofProcess(ProcessHandle.current().pid());
    }
}
