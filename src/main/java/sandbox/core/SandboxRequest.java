package sandbox.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the sandbox's services see it, independent of the HTTP server underneath.
 * Header names are case-insensitive. The body can be read once, either as a stream or as bytes.
 */
public final class SandboxRequest {

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final InputStream body;
    private byte[] bodyBytes;
    private Map<String, String> query;
    private Map<String, String> form;

    public SandboxRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                          InputStream body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        this.rawQuery = rawQuery;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null) {
                h.merge(k, List.copyOf(v), (a, b) -> {
                    List<String> all = new java.util.ArrayList<>(a);
                    all.addAll(b);
                    return all;
                });
            }
        });
        this.headers = Collections.unmodifiableMap(h);
        this.body = body == null ? InputStream.nullInputStream() : body;
    }

    /** A request with an in-memory body, for tests and internal dispatch. */
    public static SandboxRequest of(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);
        return new SandboxRequest(method, path, query, headers, new java.io.ByteArrayInputStream(body));
    }

    public String method() {
        return method;
    }

    /** The path as sent, still percent-encoded. */
    public String rawPath() {
        return rawPath;
    }

    /** The raw query string (without '?'), or null. */
    public String rawQuery() {
        return rawQuery;
    }

    /** Query parameters, decoded; a parameter without '=' maps to "". First value wins. */
    public synchronized Map<String, String> query() {
        if (query == null) {
            query = Collections.unmodifiableMap(parseUrlEncoded(rawQuery, false));
        }
        return query;
    }

    public boolean hasQueryParam(String name) {
        return query().containsKey(name);
    }

    public String queryParam(String name) {
        return query().get(name);
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public long contentLength() {
        String v = header("Content-Length");
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String contentType() {
        String v = header("Content-Type");
        return v == null ? "" : v;
    }

    /** The body as a stream; read it once, or use {@link #bodyBytes(int)} (after which this streams those bytes). */
    public synchronized InputStream body() {
        return bodyBytes == null ? body : new java.io.ByteArrayInputStream(bodyBytes);
    }

    /**
     * The whole body, read once and kept. Throws {@link BodyTooLargeException} past {@code limit} bytes.
     */
    public synchronized byte[] bodyBytes(int limit) {
        if (bodyBytes == null) {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                int n;
                long total = 0;
                while ((n = body.read(buf)) > 0) {
                    total += n;
                    if (total > limit) {
                        drain(body);
                        throw new BodyTooLargeException(limit);
                    }
                    out.write(buf, 0, n);
                }
                bodyBytes = out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bodyBytes;
    }

    /** Form fields of an {@code application/x-www-form-urlencoded} body (the SNS Query protocol). */
    public synchronized Map<String, String> form(int limit) {
        if (form == null) {
            form = Collections.unmodifiableMap(
                    parseUrlEncoded(new String(bodyBytes(limit), StandardCharsets.UTF_8), true));
        }
        return form;
    }

    public boolean isFormEncoded() {
        return contentType().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        while (in.read(buf) > 0) {
            // discard so the connection can be reused
        }
    }

    /** Decodes {@code a=b&c=d}; '+' means space only in form bodies, as browsers and the SDK encode them. */
    public static Map<String, String> parseUrlEncoded(String text, boolean plusIsSpace) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.putIfAbsent(decode(k, plusIsSpace), decode(v, plusIsSpace));
        }
        return out;
    }

    public static String decode(String s, boolean plusIsSpace) {
        if (!plusIsSpace) {
            s = s.replace("+", "%2B");
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    @Override
    public String toString() {
        return method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
    }

    /** The body is larger than the operation allows. */
    public static final class BodyTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int limit;

        public BodyTooLargeException(int limit) {
            super("request body larger than " + limit + " bytes");
            this.limit = limit;
        }

        public int limit() {
            return limit;
        }
    }
}
