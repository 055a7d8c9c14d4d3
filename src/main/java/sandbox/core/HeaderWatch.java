package sandbox.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The header timeout the JDK server lacks: each exchange is watched from the moment its thread starts reading the
 * request until the handler is entered; past the timeout the thread is interrupted, which closes the socket
 * channel it is blocked on (an {@code InterruptibleChannel}) and so the connection. Only a thread still reading
 * headers is ever interrupted: the states below make "headers arrived", "finished without the handler" and "timed
 * out" mutually exclusive, and a timed-out thread clears its interrupt before it serves anything else.
 */
final class HeaderWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeaderWatch.class);

    private enum State { READING, ARRIVED, DONE, CLOSING, CLOSED }

    /** One exchange's thread and when it started reading. */
    private record Watched(Thread thread, long startNanos, AtomicReference<State> state) {
    }

    private final long timeoutNanos;
    private final Map<Thread, Watched> reading = new ConcurrentHashMap<>();
    private final ThreadLocal<Watched> current = new ThreadLocal<>();
    private final ScheduledExecutorService timer;
    private final AtomicLong closed = new AtomicLong();

    HeaderWatch(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-http-header-watch");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
        timer.scheduleAtFixedRate(this::closeLate, period, period, TimeUnit.MILLISECONDS);
    }

    /** The exchange, watched while it reads its request's line and headers. */
    Runnable watched(Runnable exchange) {
        return () -> {
            Watched w = new Watched(Thread.currentThread(), System.nanoTime(), new AtomicReference<>(State.READING));
            current.set(w);
            reading.put(w.thread(), w);
            try {
                exchange.run();
            } finally {
                reading.remove(w.thread());
                current.remove();
                if (!w.state().compareAndSet(State.READING, State.DONE) && w.state().get() != State.ARRIVED) {
                    // timed out: wait for the watchdog's interrupt to land, then clear it for the next task
                    while (w.state().get() != State.CLOSED) {
                        Thread.onSpinWait();
                    }
                    Thread.interrupted();
                }
            }
        };
    }

    /** Called as the handler starts: true when the headers arrived in time, false when the connection is closing. */
    boolean arrived() {
        Watched w = current.get();
        if (w == null) {
            return true;
        }
        reading.remove(w.thread());
        return w.state().compareAndSet(State.READING, State.ARRIVED);
    }

    /** Connections closed for slow headers so far. */
    long closedCount() {
        return closed.get();
    }

    private void closeLate() {
        long now = System.nanoTime();
        for (Watched w : reading.values()) {
            if (now - w.startNanos() > timeoutNanos && w.state().compareAndSet(State.READING, State.CLOSING)) {
                // counted first: the client may see the connection close before this thread runs on
                closed.incrementAndGet();
                w.thread().interrupt();
                w.state().set(State.CLOSED);
                reading.remove(w.thread(), w);
                LOG.debug("Closed a connection whose request headers took longer than {} ms",
                        TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
