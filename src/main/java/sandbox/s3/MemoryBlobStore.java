package sandbox.s3;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Blobs as lists of byte chunks on the heap (no copy when they grow, no 2 GiB array limit). */
final class MemoryBlobStore implements BlobStore {

    static final int CHUNK = 1 << 20;

    @Override
    public BlobSink create(long expectedSize) {
        return new Sink(expectedSize);
    }

    @Override
    public Blob duplicate(Blob blob) {
        return blob; // immutable and garbage-collected: sharing is safe
    }

    @Override
    public Blob restore(String id, long size) {
        return null;
    }

    @Override
    public void retainOnly(Set<String> ids) {
        // nothing outlives the process
    }

    private static final class Sink implements BlobSink {
        private final List<byte[]> full = new ArrayList<>();
        private byte[] current;
        private int pos;
        private long size;

        Sink(long expected) {
            current = new byte[(int) Math.max(16, Math.min(expected < 0 ? 8192 : expected, CHUNK))];
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (pos == current.length) {
                    if (current.length < CHUNK) {
                        current = Arrays.copyOf(current, (int) Math.min(CHUNK, current.length * 2L));
                    } else {
                        full.add(current);
                        current = new byte[CHUNK];
                        pos = 0;
                    }
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(b, off, current, pos, n);
                pos += n;
                off += n;
                len -= n;
                size += n;
            }
        }

        @Override
        public Blob commit() {
            List<byte[]> chunks = new ArrayList<>(full);
            if (pos > 0) {
                chunks.add(pos == current.length ? current : Arrays.copyOf(current, pos));
            }
            return new MemoryBlob(chunks.toArray(new byte[0][]), size);
        }

        @Override
        public void discard() {
            full.clear();
            current = new byte[0];
        }
    }

    /** All chunks but the last are exactly {@link #CHUNK} bytes. */
    private record MemoryBlob(byte[][] chunks, long size) implements Blob {

        @Override
        public String id() {
            return null;
        }

        @Override
        public void delete() {
            // garbage-collected
        }

        @Override
        public InputStream open(long offset, long length) {
            return new InputStream() {
                private long position = offset;
                private long remaining = Math.max(0, Math.min(length, size - offset));

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (remaining <= 0) {
                        return -1;
                    }
                    if (len == 0) {
                        return 0;
                    }
                    byte[] chunk = chunks[(int) (position / CHUNK)];
                    int at = (int) (position % CHUNK);
                    int n = (int) Math.min(Math.min(len, chunk.length - at), remaining);
                    System.arraycopy(chunk, at, b, off, n);
                    position += n;
                    remaining -= n;
                    return n;
                }
            };
        }
    }
}
