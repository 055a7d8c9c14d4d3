package inventory.streams;

/**
 * A save refused because the shared checkpoint is no longer the one this reader loaded or last saved: another
 * replica (the stream reader's new leader) has advanced it. The stale reader must not overwrite it; it reloads.
 */
public final class CheckpointConflictException extends RuntimeException {

    private final long expectedVersion;
    private final long foundVersion;

    /**
     * @param expectedVersion the version this reader last loaded or saved (0: none, it expected no checkpoint)
     * @param foundVersion    the version the store holds now (0: none)
     */
    public CheckpointConflictException(String location, long expectedVersion, long foundVersion) {
        super("Stream checkpoint " + location + " was saved by another reader: this one expected version "
                + (expectedVersion == 0 ? "none" : expectedVersion) + ", found " + (foundVersion == 0 ? "none" : foundVersion));
        this.expectedVersion = expectedVersion;
        this.foundVersion = foundVersion;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long foundVersion() {
        return foundVersion;
    }
}
