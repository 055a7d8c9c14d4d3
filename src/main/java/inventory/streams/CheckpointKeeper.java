package inventory.streams;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader's side of its {@link CheckpointStore}: the checkpoint loaded at start until the first stream is opened
 * from it, saves only of a changed position, and a save refused because another replica saved meanwhile: then the
 * stored checkpoint is loaded again before anything more is read.
 */
final class CheckpointKeeper {

    // the reader's logger: its lines read as before the split
    private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);

    private final CheckpointStore store;
    /** Loaded at start, applied when the first stream is opened. */
    private Optional<StreamCheckpoint> restored = Optional.empty();
    /** A save was refused (another replica saved a newer checkpoint): load it before reading on. */
    private boolean reloadPending;
    private StreamCheckpoint saved;

    CheckpointKeeper(CheckpointStore store) {
        this.store = store;
    }

    /** Loads the stored checkpoint; fails with where it is and how to reset it when it cannot be read. */
    void restore() {
        restored = store.load();
        reloadPending = false;
        restored.ifPresent(c -> LOG.info("Stream checkpoint {}: {} shards of {} ({} drained)", store.location(),
                c.completed().size() + c.drained().size() + c.pending().size(), c.streamArn(), c.drained().size()));
    }

    boolean reloadPending() {
        return reloadPending;
    }

    /** The restored checkpoint, once: the first stream opens from it. */
    Optional<StreamCheckpoint> takeRestored() {
        Optional<StreamCheckpoint> taken = restored;
        restored = Optional.empty();
        return taken;
    }

    /** Nothing counts as saved any more: the next position is saved whatever it is. */
    void forgetSaved() {
        saved = null;
    }

    /**
     * Saves the position when it changed. False when the store refused it (another replica read the stream
     * meanwhile): the reader must drop its positions; the stored checkpoint is loaded again before reading on.
     */
    boolean saveIfChanged(StreamCheckpoint now) {
        if (now.equals(saved)) {
            return true;
        }
        try {
            store.save(now);
            saved = now;
            return true;
        } catch (CheckpointConflictException e) {
            // a stale leader: its successor's checkpoint stands; records read again are skipped by the alert log
            LOG.warn("{}: another replica read the stream meanwhile. Not overwritten; this reader drops its own "
                    + "positions and resumes from that checkpoint", e.getMessage());
            saved = null;
            reloadPending = true;
            return false;
        }
    }

    String location() {
        return store.location();
    }
}
