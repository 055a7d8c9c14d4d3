package inventory.alerts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of which stream events have already been alerted, keyed by the stream record's
 * eventID, so a restart that re-reads the stream sends nothing twice. One line per event
 * ({@code <eventID> <epochSeconds>}) appended to a file; each append reaches the operating system before
 * the alert counts as sent. Entries older than the stream's 24-hour retention (plus a margin) can never
 * be read again and are dropped when the file is compacted at start-up.
 *
 * <p>Written here rather than using Camel's FileIdempotentRepository because that one scans its whole
 * file on every cache miss, i.e. for every new event: O(n) per alert.
 */
public final class PublishedAlertLog extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(PublishedAlertLog.class);
    /** DynamoDB Streams keeps records 24 hours; keep the log a little longer. */
    public static final Duration RETENTION = Duration.ofHours(48);

    private final Path file;
    private final Clock clock;
    private final Map<String, Long> published = new HashMap<>();
    private FileChannel channel;

    public PublishedAlertLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    protected synchronized void doStart() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            long horizon = clock.instant().minus(RETENTION).getEpochSecond();
            int dropped = 0;
            if (Files.exists(file)) {
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        String[] parts = line.trim().split(" ");
                        if (parts.length != 2 || parts[0].isEmpty()) {
                            continue; // a torn last line from a crash mid-write: that alert was not confirmed
                        }
                        long at = parseLong(parts[1]);
                        if (at >= horizon) {
                            published.put(parts[0], at);
                        } else {
                            dropped++;
                        }
                    }
                }
            }
            compact();
            LOG.info("Alert log {}: {} published events remembered ({} expired entries dropped)", file,
                    published.size(), dropped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the alert log " + file, e);
        }
    }

    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder out = new StringBuilder();
        published.forEach((id, at) -> out.append(id).append(' ').append(at).append('\n'));
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    protected synchronized void doStop() throws IOException {
        if (channel != null) {
            channel.force(false);
            channel.close();
            channel = null;
        }
        published.clear();
    }

    @Override
    public synchronized boolean add(String key) {
        if (published.containsKey(key)) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        ByteBuffer line = ByteBuffer.wrap((key + " " + now + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record published alert " + key + " in " + file, e);
        }
        published.put(key, now);
        return true;
    }

    @Override
    public synchronized boolean contains(String key) {
        return published.containsKey(key);
    }

    @Override
    public synchronized boolean remove(String key) {
        // only called when an eager repository rolls back; ours is confirmed after the publish
        return published.remove(key) != null;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public synchronized void clear() {
        published.clear();
    }

    @Override
    public String toString() {
        return "file " + file.toAbsolutePath();
    }

    public synchronized int size() {
        return published.size();
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
