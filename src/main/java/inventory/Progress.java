package inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Whether one part of the pipeline (the stream reader, the import) gets on with its work: it has work
 * ({@link #pending}), finishes some of it now and then ({@link #advanced}), or has none ({@link #idle}); and a piece of
 * work that failed and waits to be tried again is {@link #held} until it is {@link #released}. Stalled means work has
 * waited longer than {@code stallAfter} without anything being finished, or one held piece has waited that long
 * while others moved on; it clears by itself when they move. Measured on the monotonic clock; read from any thread
 * (the readiness check, the gauge).
 */
public final class Progress {

    private final String part;
    private final Duration stallAfter;
    private final LongSupplier nanos;
    private volatile long busySince = -1;
    private volatile long lastAdvance;
    private volatile String where = "";
    private final java.util.Map<String, Held> held = new java.util.concurrent.ConcurrentHashMap<>();

    private record Held(String what, long since) {
    }

    public Progress(String part, Duration stallAfter) {
        this(part, stallAfter, System::nanoTime);
    }

    Progress(String part, Duration stallAfter, LongSupplier nanos) {
        this.part = part;
        this.stallAfter = stallAfter;
        this.nanos = nanos;
    }

    /** There is work, described by {@code what} (e.g. the record or file it is at); counts from the first call. */
    public void pending(String what) {
        where = what;
        if (busySince < 0) {
            busySince = nanos.getAsLong();
        }
    }

    /** Something was finished. */
    public void advanced() {
        lastAdvance = nanos.getAsLong();
    }

    /** Nothing left to do. */
    public void idle() {
        busySince = -1;
        held.clear();
    }

    /** The piece {@code key} (e.g. a shard) failed at {@code what} and waits; counts from its first hold there. */
    public void held(String key, String what) {
        held.compute(key, (k, h) -> h != null && h.what().equals(what) ? h : new Held(what, nanos.getAsLong()));
    }

    /** The piece {@code key} moved on. */
    public void released(String key) {
        held.remove(key);
    }

    public String part() {
        return part;
    }

    /** Why this part is stalled, or empty while it gets on. */
    public Optional<String> stalled() {
        long now = nanos.getAsLong();
        for (Held h : held.values()) {
            if (now - h.since() > stallAfter.toNanos()) {
                return Optional.of(describe(h.what(), now - h.since()));
            }
        }
        long since = busySince;
        if (since < 0) {
            return Optional.empty();
        }
        long from = lastAdvance - since > 0 ? lastAdvance : since;
        long idleNanos = now - from;
        return idleNanos <= stallAfter.toNanos() ? Optional.empty() : Optional.of(describe(where, idleNanos));
    }

    private String describe(String what, long forNanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(forNanos);
        return part + " stalled: " + what + ", not advanced for " + seconds + " s (since "
                + Instant.now().minusSeconds(seconds) + "; stall-after " + stallAfter.toSeconds() + " s)";
    }

    public boolean isStalled() {
        return stalled().isPresent();
    }
}
