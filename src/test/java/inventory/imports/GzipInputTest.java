package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipInputTest {

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static InputStream inflate(byte[] compressed, int ratio) {
        return GzipInput.inflate(new ByteArrayInputStream(compressed), compressed.length, ratio);
    }

    @Test
    void csvGzKeysAndGzipContentEncodingAreGzip() {
        assertThat(GzipInput.importable("incoming/a.csv", ".csv")).isTrue();
        assertThat(GzipInput.importable("incoming/a.csv.gz", ".csv")).isTrue();
        assertThat(GzipInput.importable("incoming/a.gz", ".csv")).isFalse();
        assertThat(GzipInput.importable("incoming/a.txt", ".csv")).isFalse();
        assertThat(GzipInput.isGzip("incoming/a.csv.gz", ".csv", null)).isTrue();
        assertThat(GzipInput.isGzip("incoming/a.csv", ".csv", "gzip")).isTrue();
        assertThat(GzipInput.isGzip("incoming/a.csv", ".csv", "GZIP")).isTrue();
        assertThat(GzipInput.isGzip("incoming/a.csv", ".csv", null)).isFalse();
        assertThat(GzipInput.isGzip("incoming/a.csv", ".csv", "identity")).isFalse();
    }

    @Test
    void inflatesAsItStreams() throws Exception {
        byte[] csv = "store,item,quantity\ns1,a,1\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        assertThat(inflate(gzip(csv), 100).readAllBytes()).isEqualTo(csv);
    }

    @Test
    void aBombIsStoppedAtItsRatio() throws Exception {
        byte[] bomb = gzip(new byte[64 << 20]); // 64 MiB of zeros: about 64 KB compressed
        assertThatThrownBy(() -> inflate(bomb, 100).transferTo(OutputStreamSink.INSTANCE))
                .isInstanceOf(RefusedInputException.class)
                .hasMessage("the gzip upload inflates to more than 100 times its " + bomb.length
                        + " bytes (inventory.csv.max-gzip-ratio)");
        // the first MiB is free whatever the ratio: a small file that compresses well is fine
        byte[] small = new byte[(int) GzipInput.FREE_BYTES];
        assertThat(inflate(gzip(small), 2).readAllBytes()).hasSize(small.length);
    }

    @Test
    void corruptOrTruncatedGzipIsRefusedAsSuch() throws Exception {
        assertThatThrownBy(() -> inflate("store,item\n".getBytes(StandardCharsets.UTF_8), 100).read())
                .isInstanceOf(RefusedInputException.class).hasMessageStartingWith("the file is not valid gzip (");
        byte[] whole = gzip("store,item,quantity\ns1,a,1\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> inflate(cut, 100).readAllBytes())
                .isInstanceOf(RefusedInputException.class).hasMessageContaining("not valid gzip");
    }

    @Test
    void aBrokenDownloadIsNotMistakenForCorruptGzip() {
        InputStream failing = SourceReadException.guard(new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset");
            }
        });
        assertThatThrownBy(() -> GzipInput.inflate(failing, -1, 100).read()).isInstanceOf(SourceReadException.class);
    }

    /** Discards what it is given. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
