package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsChunkedInputStreamTest {

    private static AwsChunkedInputStream decoder(String framed) {
        return new AwsChunkedInputStream(new ByteArrayInputStream(framed.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void stripsChunkFramingAndSignaturesAndReadsTrailers() throws Exception {
        AwsChunkedInputStream in = decoder("5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=def\r\n world\r\n"
                + "0;chunk-signature=0\r\nx-amz-checksum-crc32:DUoRhQ==\r\nx-amz-trailer-signature:123\r\n\r\n");
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello world");
        assertThat(in.trailers()).containsEntry("x-amz-checksum-crc32", "DUoRhQ==")
                .containsEntry("x-amz-trailer-signature", "123");
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void acceptsUnsignedChunksAndAMissingFinalBlankLine() throws Exception {
        AwsChunkedInputStream in = decoder("a\r\n0123456789\r\n0\r\nx-amz-checksum-crc32c:AAAAAA==\r\n");
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("0123456789");
        assertThat(in.trailers()).containsEntry("x-amz-checksum-crc32c", "AAAAAA==");
    }

    @Test
    void emptyBodyIsJustTheFinalChunk() throws Exception {
        AwsChunkedInputStream in = decoder("0\r\n\r\n");
        assertThat(in.readAllBytes()).isEmpty();
        assertThat(in.trailers()).isEmpty();
    }

    @Test
    void truncatedBodyIsAnEofNotShortData() {
        assertThatThrownBy(() -> decoder("10\r\nonly-five").readAllBytes()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> decoder("5\r\nhello\r\n").readAllBytes()).isInstanceOf(EOFException.class);
    }

    @Test
    void garbageFramingIsMalformed() {
        assertThatThrownBy(() -> decoder("zz\r\nhello\r\n0\r\n\r\n").readAllBytes())
                .isInstanceOf(AwsChunkedInputStream.MalformedChunkException.class);
        assertThatThrownBy(() -> decoder("5\r\nhelloXX0\r\n\r\n").readAllBytes())
                .isInstanceOf(AwsChunkedInputStream.MalformedChunkException.class);
    }
}
