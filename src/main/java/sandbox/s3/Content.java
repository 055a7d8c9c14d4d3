package sandbox.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bytes of one object version: one blob, or one per part for a multipart object. Reference
 * counted: the store holds one reference while the version is current, each reader one more, and
 * the blobs are deleted when the last reference goes, so an overwrite never pulls the bytes from
 * under a reader.
 */
final class Content {

    private final List<Blob> segments;
    private final long size;
    private final AtomicInteger refs = new AtomicInteger(1);

    Content(List<Blob> segments) {
        this.segments = List.copyOf(segments);
        this.size = this.segments.stream().mapToLong(Blob::size).sum();
    }

    static Content of(Blob blob) {
        return new Content(List.of(blob));
    }

    long size() {
        return size;
    }

    List<Blob> segments() {
        return segments;
    }

    /** Takes a reader's reference; false if the content is already being deleted. */
    boolean retain() {
        while (true) {
            int r = refs.get();
            if (r <= 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (refs.decrementAndGet() == 0) {
            segments.forEach(Blob::delete);
        }
    }

    /** Offset of segment {@code index} (0-based) within the object. */
    long offsetOf(int index) {
        long off = 0;
        for (int i = 0; i < index; i++) {
            off += segments.get(i).size();
        }
        return off;
    }

    /** Reads {@code length} bytes from {@code offset}, across segments. The caller holds a reference. */
    InputStream open(long offset, long length) {
        return new InputStream() {
            private int segment;
            private long segmentStart;
            private long position = offset;
            private long remaining = length;
            private InputStream current;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                while (true) {
                    if (current == null) {
                        advanceTo(position);
                    }
                    int n = current.read(b, off, (int) Math.min(len, remaining));
                    if (n > 0) {
                        position += n;
                        remaining -= n;
                        return n;
                    }
                    current.close();
                    current = null;
                    if (position >= size) {
                        remaining = 0;
                        return -1;
                    }
                }
            }

            private void advanceTo(long pos) throws IOException {
                while (segment < segments.size() && pos >= segmentStart + segments.get(segment).size()) {
                    segmentStart += segments.get(segment).size();
                    segment++;
                }
                if (segment >= segments.size()) {
                    throw new IOException("read past the end of the object");
                }
                Blob blob = segments.get(segment);
                long within = pos - segmentStart;
                current = blob.open(within, blob.size() - within);
            }

            @Override
            public void close() throws IOException {
                if (current != null) {
                    current.close();
                    current = null;
                }
            }
        };
    }
}
