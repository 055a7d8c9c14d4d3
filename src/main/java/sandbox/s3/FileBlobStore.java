package sandbox.s3;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as files named by random ids under {@code blobs/<2 hex>/<id>}. A blob is written to
 * {@code tmp/} and moved into place when complete, so a file in {@code blobs/} is always whole.
 */
final class FileBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final int BUFFER = 64 * 1024;

    private final Path blobs;
    private final Path tmp;

    FileBlobStore(Path root) {
        this.blobs = root.resolve("blobs");
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(tmp);
            for (int i = 0; i < 256; i++) {
                Files.createDirectories(blobs.resolve(String.format("%02x", i)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 blob folders under " + root, e);
        }
    }

    @Override
    public BlobSink create(long expectedSize) throws IOException {
        String id = newId();
        Path file = tmp.resolve(id);
        return new Sink(id, file, new BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), BUFFER));
    }

    @Override
    public Blob duplicate(Blob blob) throws IOException {
        FileBlob source = (FileBlob) blob;
        String id = newId();
        Path staged = tmp.resolve(id);
        try {
            Files.createLink(staged, source.path());
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source.path(), staged);
        }
        return new FileBlob(id, moveIntoPlace(staged, id), source.size());
    }

    @Override
    public Blob restore(String id, long size) {
        if (id == null || !ID.matcher(id).matches()) {
            return null;
        }
        Path file = pathOf(id);
        try {
            if (Files.size(file) != size) {
                LOG.warn("S3 blob {} has {} bytes, expected {}; dropping it", file, Files.size(file), size);
                return null;
            }
        } catch (IOException e) {
            LOG.warn("S3 blob {} is missing; dropping the object that used it", file);
            return null;
        }
        return new FileBlob(id, file, size);
    }

    @Override
    public void retainOnly(Set<String> ids) {
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(blobs)) {
            for (Path dir : dirs) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path f : files) {
                        if (!ids.contains(f.getFileName().toString())) {
                            Files.deleteIfExists(f);
                            removed++;
                        }
                    }
                }
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
                for (Path f : files) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warn("Cleaning unused S3 blobs failed: {}", e.toString());
        }
        if (removed > 0) {
            LOG.info("Removed {} unused S3 blob file(s)", removed);
        }
    }

    private Path pathOf(String id) {
        return blobs.resolve(id.substring(0, 2)).resolve(id);
    }

    private Path moveIntoPlace(Path staged, String id) throws IOException {
        Path target = pathOf(id);
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target);
        }
        return target;
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private final class Sink implements BlobSink {
        private final String id;
        private final Path file;
        private final OutputStream out;
        private long size;
        private boolean done;

        Sink(String id, Path file, OutputStream out) {
            this.id = id;
            this.file = file;
            this.out = out;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            size += len;
        }

        @Override
        public Blob commit() throws IOException {
            out.close();
            done = true;
            return new FileBlob(id, moveIntoPlace(file, id), size);
        }

        @Override
        public void discard() {
            if (done) {
                return;
            }
            done = true;
            try {
                out.close();
            } catch (IOException e) {
                // the file is deleted next anyway
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("Cannot delete {}: {}", file, e.toString());
            }
        }
    }

    private record FileBlob(String id, Path path, long size) implements Blob {

        @Override
        public InputStream open(long offset, long length) throws IOException {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            try {
                channel.position(offset);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new LimitedInputStream(Channels.newInputStream(channel), length);
        }

        @Override
        public void delete() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("Cannot delete S3 blob {}: {}", path, e.toString());
            }
        }
    }
}
