package sandbox.s3;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} body: {@code hex-size[;chunk-signature=...]\r\n data \r\n} chunks, a
 * final zero-size chunk, then trailer lines ({@code x-amz-checksum-crc32:...}) and an empty line.
 * Signatures are not checked (the sandbox accepts any credentials).
 */
final class AwsChunkedInputStream extends InputStream {

    /** The body is not valid aws-chunked framing. */
    static final class MalformedChunkException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedChunkException(String message) {
            super(message);
        }
    }

    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private long remainingInChunk;
    private boolean started;
    private boolean finished;

    AwsChunkedInputStream(InputStream in) {
        this.in = in;
    }

    /** Trailer headers (lower-case names), complete once the stream returned -1. */
    Map<String, String> trailers() {
        return Collections.unmodifiableMap(trailers);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (finished) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (remainingInChunk == 0) {
            nextChunk();
            if (finished) {
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remainingInChunk));
        if (n < 0) {
            throw new EOFException("aws-chunked body ended inside a chunk");
        }
        remainingInChunk -= n;
        return n;
    }

    private void nextChunk() throws IOException {
        if (started) {
            String end = readLine();
            if (end == null || !end.isEmpty()) {
                throw new MalformedChunkException("chunk data not followed by CRLF");
            }
        }
        started = true;
        String header = readLine();
        if (header == null) {
            throw new EOFException("aws-chunked body ended before its final chunk");
        }
        int semi = header.indexOf(';');
        String hex = (semi < 0 ? header : header.substring(0, semi)).trim();
        long size;
        try {
            size = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new MalformedChunkException("invalid chunk size '" + hex + "'");
        }
        if (size < 0) {
            throw new MalformedChunkException("invalid chunk size '" + hex + "'");
        }
        if (size == 0) {
            readTrailers();
            finished = true;
        }
        remainingInChunk = size;
    }

    private void readTrailers() throws IOException {
        String line;
        while ((line = readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedChunkException("invalid trailer line");
            }
            trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    /** A line without its CRLF (or LF), or null at end of stream before any byte. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new MalformedChunkException("chunk header line too long");
            }
            line.write(c);
        }
        if (c < 0 && line.size() == 0) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
    }
}
