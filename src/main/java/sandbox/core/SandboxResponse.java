package sandbox.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response from a sandbox service: status, headers and a body that is either bytes or written
 * from a stream of known length (large S3 objects are streamed, never loaded whole).
 */
public final class SandboxResponse {

    /** Writes a body of a known length to the client. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private BodyWriter writer;
    private long length;
    private boolean headOnly;

    private SandboxResponse(int status) {
        this.status = status;
    }

    public static SandboxResponse status(int status) {
        return new SandboxResponse(status);
    }

    public static SandboxResponse ok() {
        return new SandboxResponse(200);
    }

    public static SandboxResponse json(int status, String contentType, byte[] json) {
        return new SandboxResponse(status).header("Content-Type", contentType).body(json);
    }

    public static SandboxResponse xml(int status, String xml) {
        return new SandboxResponse(status).header("Content-Type", "application/xml")
                .body(xml.getBytes(StandardCharsets.UTF_8));
    }

    public static SandboxResponse text(int status, String contentType, String text) {
        return new SandboxResponse(status).header("Content-Type", contentType)
                .body(text.getBytes(StandardCharsets.UTF_8));
    }

    public SandboxResponse header(String name, String value) {
        if (value != null) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return this;
    }

    public SandboxResponse body(byte[] bytes) {
        this.body = bytes == null ? new byte[0] : bytes;
        this.writer = null;
        this.length = this.body.length;
        return this;
    }

    /** A body written by {@code writer}, exactly {@code length} bytes long. */
    public SandboxResponse body(long length, BodyWriter writer) {
        this.writer = writer;
        this.length = length;
        this.body = null;
        return this;
    }

    public SandboxResponse stream(long length, java.util.function.Supplier<InputStream> source) {
        return body(length, out -> {
            try (InputStream in = source.get()) {
                in.transferTo(out);
            }
        });
    }

    /**
     * Headers only, with the Content-Length the body would have (HEAD requests): {@code length}
     * is announced but nothing is sent.
     */
    public SandboxResponse headOnly(long announcedLength) {
        this.headOnly = true;
        this.length = announcedLength;
        this.body = new byte[0];
        this.writer = null;
        return this;
    }

    /**
     * This response, but its body breaks off after {@code bytes} bytes while the full length is still
     * announced: the client sees the connection fail mid-body (fault injection).
     */
    public SandboxResponse cutAfter(long bytes) {
        if (headOnly || length <= bytes) {
            return this;
        }
        BodyWriter whole = writer != null ? writer : out -> out.write(body);
        return body(length, out -> whole.writeTo(new CutOutputStream(out, bytes)));
    }

    /** Passes on the first {@code limit} bytes, then fails. */
    private static final class CutOutputStream extends java.io.FilterOutputStream {
        private long left;

        CutOutputStream(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int pass = (int) Math.min(len, left);
            out.write(b, off, pass);
            left -= pass;
            if (pass < len) {
                out.flush();
                throw new IOException("connection cut by an injected fault");
            }
        }
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public String firstHeader(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    public long length() {
        return length;
    }

    public boolean isHeadOnly() {
        return headOnly;
    }

    /** The body bytes, or null when the body is streamed. */
    public byte[] bodyBytes() {
        return body;
    }

    public void writeBody(OutputStream out) throws IOException {
        if (headOnly) {
            return;
        }
        if (writer != null) {
            writer.writeTo(out);
        } else {
            out.write(body);
        }
    }
}
