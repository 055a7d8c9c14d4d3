package bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JVM's {@code -Xlog:gc} file: the peak heap in use is the largest "before" figure of any
 * collection ({@code Pause Young (Normal) (G1 Evacuation Pause) 150M->40M(256M) 5.1ms}); between
 * collections the heap only grows, so that is where it peaks. The "after" figure of the last collection
 * (a forced full one) is the live heap.
 */
public record GcLog(long peakUsedMib, long committedMib, int collections, int fullCollections, long lastAfterMib) {

    private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    public static GcLog read(Path file) {
        long peak = 0;
        long committed = 0;
        int n = 0;
        int full = 0;
        long lastAfter = 0;
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    n++;
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                    committed = Math.max(committed, Long.parseLong(m.group(3)));
                    lastAfter = Long.parseLong(m.group(2));
                    if (line.contains("Pause Full")) {
                        full++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GcLog(peak, committed, n, full, lastAfter);
    }
}
