package sandbox.s3;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Hand-made HTTP requests, for wire details the SDK would never send (bad framing, wrong checksums). */
public final class RawHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private RawHttp() {
    }

    public static HttpResponse<String> send(URI endpoint, String method, String pathAndQuery, Map<String, String> headers,
                                     byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + pathAndQuery));
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Writes {@code head} (request line and headers, CRLF-separated, without the blank line) and
     * {@code body} on a fresh socket, for headers java.net.http refuses to send (Host,
     * Transfer-Encoding). Returns the status line and everything after it.
     */
    public static String socket(URI endpoint, String head, byte[] body) throws Exception {
        try (Socket s = new Socket(endpoint.getHost(), endpoint.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
