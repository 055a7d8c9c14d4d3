package inventory.tracing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OTLP/HTTP collector in the test's JVM, on a loopback port: it keeps the body of every {@code POST /v1/traces}
 * (an {@code ExportTraceServiceRequest}, decoded by {@link ExportedSpans}) and answers 200; or, as a collector that
 * hangs, accepts connections and never answers. No protobuf classes here: the benchmarks run it without them.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** How it behaves. */
    public enum Mode {
        /** Keeps each export request and answers 200 with an empty response. */
        ANSWER,
        /** Accepts each connection, reads nothing, answers nothing, until closed. */
        NEVER_ANSWER
    }

    private final URI endpoint;
    private final List<byte[]> traceRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ServerSocket socket;

    private OtlpReceiver(Mode mode, int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        if (mode == Mode.ANSWER) {
            server = HttpServer.create(address, 0);
            server.createContext("/", exchange -> {
                try (exchange; InputStream body = exchange.getRequestBody()) {
                    connections.incrementAndGet();
                    byte[] bytes = body.readAllBytes();
                    if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/v1/traces")) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    traceRequests.add(bytes);
                    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: all accepted
                }
            });
            server.start();
            this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        } else {
            socket = new ServerSocket(port, 50, address.getAddress());
            Thread acceptor = new Thread(this::holdConnections, "otlp-never-answers");
            acceptor.setDaemon(true);
            acceptor.start();
            this.endpoint = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    /** On a free port. */
    public static OtlpReceiver start(Mode mode) {
        return start(mode, 0);
    }

    /** @throws UncheckedIOException when the port is taken */
    public static OtlpReceiver start(Mode mode, int port) {
        try {
            return new OtlpReceiver(mode, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** A loopback URL nothing listens on: connections to it are refused. */
    public static URI refusingEndpoint() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What OTEL_EXPORTER_OTLP_ENDPOINT is set to: the base URL, the exporter adds /v1/traces. */
    public URI endpoint() {
        return endpoint;
    }

    /** The bodies of the trace export requests received so far, oldest first. */
    public List<byte[]> traceRequests() {
        return new ArrayList<>(traceRequests);
    }

    /** Requests (answering) or connections (never answering) so far. */
    public int connections() {
        return connections.get();
    }

    private void holdConnections() {
        while (!socket.isClosed()) {
            try {
                held.add(socket.accept());
                connections.incrementAndGet();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (socket != null) {
            try {
                socket.close();
                for (Socket s : held) {
                    s.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
