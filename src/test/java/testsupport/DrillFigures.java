package testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The figures a drill measured: printed, and kept in {@code target/drills/<drill>.txt} for the report. */
public final class DrillFigures {

    public static final Path FOLDER = Path.of("target", "drills");

    private DrillFigures() {
    }

    /** {@code target/drills/<name>}, emptied: where a drill keeps its logs for a look after the run. */
    public static Path emptyFolder(String name) throws IOException {
        Path folder = FOLDER.resolve(name);
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(folder);
    }

    public static void record(String drill, String figures) {
        System.out.println("[drill " + drill + "] " + figures);
        try {
            Files.createDirectories(FOLDER);
            Files.writeString(FOLDER.resolve(drill + ".txt"), figures + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
