package inventory.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The checkpoint as a JSON file ({@link CheckpointDocument}), replaced whole (temp file + atomic move) on every
 * save. For one instance: nothing fences a second writer.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private final Path file;

    public FileCheckpointStore(Path file) {
        this.file = file;
    }

    @Override
    public Optional<StreamCheckpoint> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(e.toString(), e);
        }
        try {
            return Optional.of(CheckpointDocument.read(bytes));
        } catch (CheckpointDocument.Malformed e) {
            throw unreadable(e.getMessage(), e.getCause());
        }
    }

    private UnreadableCheckpointException unreadable(String why, Throwable cause) {
        return new UnreadableCheckpointException("Cannot read the stream checkpoint file " + file.toAbsolutePath()
                + " (" + why + "). Delete it to re-read the retained stream (24 hours) from its oldest record;"
                + " the published-alert log in the same folder prevents repeats.", cause);
    }

    @Override
    public void save(StreamCheckpoint checkpoint) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, CheckpointDocument.write(checkpoint, true));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the stream checkpoint " + file, e);
        }
    }

    @Override
    public String location() {
        return file.toAbsolutePath().toString();
    }
}
