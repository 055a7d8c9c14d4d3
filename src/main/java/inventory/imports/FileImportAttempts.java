package inventory.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Import attempts as files, with {@code inventory.state.table} empty (one instance): {@code
 * <state-dir>/import-attempts/<SHA-256 of bucket/key>}, three lines: the upload's version, the count, and the key
 * (escaped) for people. Replaced whole (temp file, atomic move), deleted when the import ends.
 */
public final class FileImportAttempts implements ImportAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(FileImportAttempts.class);
    private final Path folder;

    public FileImportAttempts(Path folder) {
        this.folder = folder;
    }

    @Override
    public int start(UploadedFile file) {
        Path path = path(file);
        String version = ImportAttempts.version(file);
        try {
            int attempts = 1;
            if (Files.exists(path)) {
                List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
                if (lines.size() >= 2 && lines.get(0).equals(version)) {
                    attempts = Integer.parseInt(lines.get(1).strip()) + 1;
                }
            }
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, "attempts-", ".tmp");
            Files.writeString(temp, version + "\n" + attempts + "\n" + Printable.of(file.bucket() + "/" + file.key(), 2048)
                    + "\n", StandardCharsets.UTF_8);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return attempts;
        } catch (IOException | NumberFormatException e) {
            throw new RetryableImportException("recording the import attempt of " + Printable.of(file.key()) + " in "
                    + path + " failed", e);
        }
    }

    @Override
    public void finish(UploadedFile file) {
        try {
            Files.deleteIfExists(path(file));
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", path(file), e.getMessage());
        }
    }

    private Path path(UploadedFile file) {
        return folder.resolve(UploadedFile.sha256((file.bucket() + "/" + file.key()).getBytes(StandardCharsets.UTF_8)));
    }
}
