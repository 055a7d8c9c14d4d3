package inventory.streams;

import java.util.Optional;

/** Where the stream reader keeps its {@link StreamCheckpoint} between runs. */
public interface CheckpointStore {

    /**
     * The last saved checkpoint, or empty when none was ever saved.
     *
     * @throws UnreadableCheckpointException when one exists but cannot be read: never guess a position
     */
    Optional<StreamCheckpoint> load();

    /** Replaces the saved checkpoint, atomically: a crash leaves the old one or the new one. */
    void save(StreamCheckpoint checkpoint);

    /** Where it is, for log lines and error messages. */
    String location();
}
