package sandbox.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server under the sandbox: the JDK's own {@code com.sun.net.httpserver} (no extra jars;
 * it answers {@code Expect: 100-continue} and keeps connections alive).
 *
 * <p>The JDK server reads a request's headers on the executor's thread, before the handler runs, and has no
 * header timeout of its own ({@code sun.net.httpserver.maxReqTime} also counts the body, so it would cut long
 * uploads). Hence: a thread per request up to {@link Limits#requestThreads} (a connection that is idle between
 * requests holds none), requests beyond that to a few overflow threads that only answer 503 in the service's
 * format, beyond those the connection closed (the accept loop never waits), and a watchdog that closes a
 * connection whose headers have not arrived within {@link Limits#headerTimeout} (slow-loris) by interrupting the
 * reading thread, which closes the socket channel it is blocked on. Bodies are not timed: a 20 s SQS long poll
 * or a large upload runs for as long as it takes.
 */
public final class HttpFrontEnd {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFrontEnd.class);

    static {
        // TCP_NODELAY on accepted sockets: without it Nagle + delayed ACK add ~40 ms to every response
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * @param requestThreads  requests served at once (threads are made on demand and end after 30 s idle)
     * @param overflowThreads threads that answer 503 once all request threads are busy
     * @param overflowQueue   requests waiting for an overflow thread; beyond, the connection is closed
     * @param headerTimeout   how long a request's line and headers may take to arrive
     */
    public record Limits(int requestThreads, int overflowThreads, int overflowQueue, Duration headerTimeout) {
        public static final Limits DEFAULT = new Limits(256, 2, 256, Duration.ofSeconds(10));
    }

    private final HttpServer server;
    private final Limits limits;
    private final ThreadPoolExecutor requests;
    private final ThreadPoolExecutor overflow;
    private final HeaderWatch headers;
    private volatile Function<SandboxRequest, SandboxResponse> handler = r -> SandboxResponse.status(503);
    private volatile Function<SandboxRequest, SandboxResponse> overloaded = r -> SandboxResponse.status(503);

    /** Binds now (so the port is known); serves after {@link #start}. */
    public HttpFrontEnd(String host, int port) throws IOException {
        this(host, port, Limits.DEFAULT);
    }

    public HttpFrontEnd(String host, int port, Limits limits) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(host, port), 512);
        this.limits = limits;
        this.headers = new HeaderWatch(limits.headerTimeout());
        this.overflow = new ThreadPoolExecutor(limits.overflowThreads(), limits.overflowThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.overflowQueue()), threads("sandbox-http-overflow", OverflowThread::new),
                new ThreadPoolExecutor.AbortPolicy());
        overflow.allowCoreThreadTimeOut(true);
        // no queue: a request gets a thread at once, or an overflow thread answers 503
        this.requests = new ThreadPoolExecutor(0, limits.requestThreads(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads("sandbox-http", Thread::new), (r, pool) -> overflow.execute(r));
        // a full overflow queue throws here, and the JDK server closes that connection and goes on accepting
        server.setExecutor(exchange -> requests.execute(headers.watched(exchange)));
        server.createContext("/", this::serve);
    }

    private static ThreadFactory threads(String prefix, java.util.function.BiFunction<Runnable, String, Thread> make) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = make.apply(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A thread that answers 503: the request threads were all busy when its request arrived. */
    private static final class OverflowThread extends Thread {
        OverflowThread(Runnable r, String name) {
            super(r, name);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    /** Serves with {@code h}; a request beyond the request threads gets a bare 503. */
    public void start(Function<SandboxRequest, SandboxResponse> h) {
        start(h, r -> SandboxResponse.status(503));
    }

    /**
     * @param h          answers a request
     * @param overloaded answers a request that arrived while every request thread was busy
     */
    public void start(Function<SandboxRequest, SandboxResponse> h, Function<SandboxRequest, SandboxResponse> overloaded) {
        this.handler = h;
        this.overloaded = overloaded;
        server.start();
    }

    public Limits limits() {
        return limits;
    }

    /** Connections closed so far because their request headers did not arrive in time. */
    public long closedForSlowHeaders() {
        return headers.closedCount();
    }

    public void stop() {
        server.stop(0);
        headers.close();
        requests.shutdownNow();
        overflow.shutdownNow();
        try {
            requests.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange exchange) {
        if (!headers.arrived()) {
            // the watchdog interrupted this thread, its headers took too long: any channel use now closes it
            exchange.close();
            return;
        }
        try (exchange) {
            SandboxRequest request = new SandboxRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), exchange.getRequestBody());
            SandboxResponse response;
            try {
                response = Thread.currentThread() instanceof OverflowThread ? overloaded.apply(request)
                        : handler.apply(request);
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
