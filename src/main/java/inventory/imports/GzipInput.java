package inventory.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Compressed uploads: a key ending in the key suffix plus {@code .gz} ({@code .csv.gz}), or an object stored with
 * {@code Content-Encoding: gzip}, is inflated as it streams, never in memory. The input limits then apply to the
 * inflated text; on top, the inflated bytes may not exceed {@code inventory.csv.max-gzip-ratio} times the
 * compressed size plus {@link #FREE_BYTES}, which stops a bomb of many small valid rows (a few MB that inflate to
 * terabytes would otherwise keep an import writing for days). Corrupt or truncated gzip fails the file.
 */
public final class GzipInput {

    /** Inflated bytes always allowed, whatever the ratio: small files compress far better than large ones. */
    public static final long FREE_BYTES = 1 << 20;
    private static final String GZ = ".gz";

    private GzipInput() {
    }

    /** A key the pipeline imports: it ends in the key suffix, or in the key suffix and {@code .gz}. */
    public static boolean importable(String key, String keySuffix) {
        return key != null && (key.endsWith(keySuffix) || key.endsWith(keySuffix + GZ));
    }

    /** Whether the upload is gzip: its key ends in {@code <suffix>.gz}, or S3 stores it with Content-Encoding gzip. */
    public static boolean isGzip(String key, String keySuffix, String contentEncoding) {
        return key.endsWith(keySuffix + GZ) || contentEncoding != null
                && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip");
    }

    /**
     * The inflated upload; nothing is read until the first read, so every failure (corrupt gzip, the download
     * breaking off) comes from a read, where the import's reader handles it.
     *
     * @param compressedSize the object's size, or -1 when unknown (then the bytes read so far count)
     */
    public static InputStream inflate(InputStream compressed, long compressedSize, int maxRatio) {
        return new Inflated(new Counted(compressed), compressedSize, maxRatio);
    }

    private static RefusedInputException corrupt(IOException e) {
        String why = e instanceof java.io.EOFException ? "it ends before its gzip data does: the upload was cut short"
                : Printable.of(inventory.RootCause.message(e));
        return new RefusedInputException("the file is not valid gzip (" + why + ")", e);
    }

    /** Counts the compressed bytes read. */
    private static final class Counted extends FilterInputStream {
        long bytes;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytes += n;
            }
            return n;
        }
    }

    /** The inflated stream: counts what comes out, refuses past the ratio, names corrupt gzip as such. */
    private static final class Inflated extends InputStream {
        private final Counted compressed;
        private final long compressedSize;
        private final int maxRatio;
        private GZIPInputStream gzip;
        private long inflated;

        Inflated(Counted compressed, long compressedSize, int maxRatio) {
            this.compressed = compressed;
            this.compressedSize = compressedSize;
            this.maxRatio = maxRatio;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                if (gzip == null) {
                    gzip = new GZIPInputStream(compressed, 64 * 1024); // reads the gzip header
                }
                n = gzip.read(b, off, len);
            } catch (SourceReadException e) {
                throw e; // the download broke off: tried again later, not the file's fault
            } catch (IOException e) {
                throw corrupt(e);
            }
            if (n > 0) {
                inflated += n;
                long size = Math.max(compressedSize, compressed.bytes);
                if (inflated > size * maxRatio + FREE_BYTES) {
                    throw new RefusedInputException("the gzip upload inflates to more than " + maxRatio + " times its "
                            + size + " bytes (inventory.csv.max-gzip-ratio)");
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            compressed.close();
        }
    }
}
