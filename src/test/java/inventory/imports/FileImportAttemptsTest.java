package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImportAttemptsTest {

    @TempDir
    Path state;

    private static UploadedFile file(String key, String etag) {
        return UploadedFile.of("bucket", key, "incoming/", etag, Instant.parse("2026-11-24T09:00:00Z"), 10, 900);
    }

    @Test
    void startsAreCountedAcrossInstancesUntilTheImportFinishes() {
        UploadedFile file = file("incoming/a\nb.csv", "\"e1\"");
        assertThat(new FileImportAttempts(state).start(file)).isEqualTo(1);
        // a restarted process: another instance on the same folder
        assertThat(new FileImportAttempts(state).start(file)).isEqualTo(2);
        assertThat(new FileImportAttempts(state).start(file)).isEqualTo(3);
        new FileImportAttempts(state).finish(file);
        assertThat(new FileImportAttempts(state).start(file)).isEqualTo(1);
    }

    @Test
    void anotherVersionOfTheKeyStartsAtOneAndKeysDoNotShareACount() throws Exception {
        FileImportAttempts attempts = new FileImportAttempts(state);
        attempts.start(file("incoming/a.csv", "\"e1\""));
        attempts.start(file("incoming/a.csv", "\"e1\""));
        assertThat(attempts.start(file("incoming/a.csv", "\"e2\""))).isEqualTo(1);
        assertThat(attempts.start(file("incoming/b.csv", "\"e2\""))).isEqualTo(1);
        try (var files = Files.list(state)) {
            assertThat(files.filter(p -> !p.getFileName().toString().endsWith(".tmp"))).hasSize(2);
        }
    }
}
