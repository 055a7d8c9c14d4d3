package sandbox.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server under the sandbox: the JDK's own {@code com.sun.net.httpserver} (no extra jars;
 * it answers {@code Expect: 100-continue} and keeps connections alive), with a bounded pool of
 * worker threads.
 */
public final class HttpFrontEnd {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFrontEnd.class);
    private static final int WORKERS = 64;

    static {
        // TCP_NODELAY on accepted sockets: without it Nagle + delayed ACK add ~40 ms to every response
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private volatile Function<SandboxRequest, SandboxResponse> handler =
            r -> SandboxResponse.status(503);

    /** Binds now (so the port is known); serves after {@link #start}. */
    public HttpFrontEnd(String host, int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(host, port), 512);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "sandbox-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), tf);
        pool.allowCoreThreadTimeOut(true);
        this.workers = pool;
        server.setExecutor(workers);
        server.createContext("/", this::serve);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    public void start(Function<SandboxRequest, SandboxResponse> h) {
        this.handler = h;
        server.start();
    }

    public void stop() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            SandboxRequest request = new SandboxRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), exchange.getRequestBody());
            SandboxResponse response;
            try {
                response = handler.apply(request);
            } catch (RuntimeException e) {
                LOG.warn("Unhandled error for {}", request, e);
                response = SandboxResponse.text(500, "text/plain", "sandbox internal error");
            }
            write(exchange, request, response);
        } catch (IOException e) {
            LOG.debug("Client connection ended early: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.warn("Failed to answer request", e);
        }
    }

    private static void write(HttpExchange exchange, SandboxRequest request, SandboxResponse response)
            throws IOException {
        for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Content-Length")) {
                exchange.getResponseHeaders().put(h.getKey(), h.getValue());
            }
        }
        int status = response.status();
        boolean head = "HEAD".equals(request.method());
        if (head || response.isHeadOnly()) {
            if (status != 204 && status != 304) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(response.length()));
            }
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        if (status == 204 || status == 304 || response.length() == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, response.length());
        OutputStream out = exchange.getResponseBody();
        response.writeBody(out);
        // not closed when writing failed: closing the exchange with the body short then drops the connection,
        // while closing this stream first would leave the client waiting for the rest
        out.close();
    }
}
