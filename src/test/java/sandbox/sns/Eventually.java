package sandbox.sns;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling with a deadline: how these tests wait for asynchronous deliveries (never fixed sleeps). */
final class Eventually {

    static final Duration DEFAULT = Duration.ofSeconds(10);

    private Eventually() {
    }

    /** Polls {@code source} until {@code done} accepts a value, and returns it; fails after the deadline. */
    static <T> T until(String what, Supplier<T> source, Predicate<T> done) {
        return until(what, source, done, DEFAULT);
    }

    static <T> T until(String what, Supplier<T> source, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = source.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last value: " + last);
    }
}
