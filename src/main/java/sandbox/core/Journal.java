package sandbox.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only JSON-lines file: the sandbox's persistence. Each {@link #append} reaches the
 * operating system before it returns (no user-space buffer), so a killed sandbox keeps every
 * write it acknowledged. {@link #rewrite} compacts the file atomically (write aside, then move).
 * A torn last line (power loss mid-write) is skipped on replay with a warning.
 */
public final class Journal implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private FileChannel channel;

    private Journal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.channel = openForAppend(file);
    }

    public static Journal open(Path file) {
        try {
            return new Journal(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open sandbox journal " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Every complete entry in the file, oldest first. */
    public synchronized List<JsonNode> replay() {
        List<JsonNode> entries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(Json.parse(line));
                } catch (IllegalArgumentException e) {
                    LOG.warn("Skipping unreadable line {} of {} ({})", lineNo, file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sandbox journal " + file, e);
        }
        return entries;
    }

    public synchronized void append(JsonNode entry) {
        byte[] json = Json.bytes(entry);
        ByteBuffer buf = ByteBuffer.allocate(json.length + 1);
        buf.put(json).put((byte) '\n').flip();
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sandbox journal " + file, e);
        }
    }

    /** Replaces the whole file with {@code entries}, atomically. */
    public synchronized void rewrite(Iterator<? extends JsonNode> entries) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer nl = ByteBuffer.wrap(new byte[] {'\n'});
                while (entries.hasNext()) {
                    ByteBuffer b = ByteBuffer.wrap(Json.bytes(entries.next()));
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                    nl.rewind();
                    out.write(nl);
                }
                out.force(true);
            }
            channel.close();
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            channel = openForAppend(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact sandbox journal " + file, e);
        }
    }

    /** Forces written entries to the device (used on clean stop). */
    public synchronized void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (channel.isOpen()) {
                channel.force(false);
                channel.close();
            }
        } catch (IOException e) {
            LOG.warn("Closing {} failed: {}", file, e.getMessage());
        }
    }

    private static FileChannel openForAppend(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
}
