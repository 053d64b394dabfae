package io.futurist.agent.prometheus;

import io.futurist.agent.export.LiveExecutors;
import io.futurist.agent.probe.Faults;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The agent's {@code /metrics} endpoint: a read-only HTTP/1.1 server for Prometheus to scrape.
 *
 * <p>Design: one daemon thread, {@value #THREAD_NAME}, runs a non-blocking selector loop that
 * accepts, reads, renders and writes; no other thread ever touches a connection, so nothing
 * here is shared but the {@code running} flag. It submits nothing to any executor, so scraping
 * cannot recurse into what it observes, and it takes no lock an application could hold. Every
 * resource is bounded: at most {@value #MAX_CONNECTIONS} connections at once (further clients
 * wait in the socket's backlog), a request head of at most {@value #MAX_HEAD_BYTES} bytes, and
 * {@value #DEADLINE_MILLIS} ms per connection from accept to the last byte written — a client
 * that sends or reads too slowly is cut off. Each response closes its connection.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}: its timeouts are JVM-wide system
 * properties (the application's own servers would change with them), without them a client that
 * stops half way through its request holds a thread indefinitely, and its dispatcher thread
 * would carry a name that is not the agent's.
 *
 * <p>Only {@code GET} and {@code HEAD} of {@code /metrics} (any query string) answer 200; other
 * paths are 404, other methods 405.
 */
public final class MetricsEndpoint {

    static final String THREAD_NAME = "futurist-prometheus";
    static final int MAX_CONNECTIONS = 8;
    static final int MAX_HEAD_BYTES = 8192;
    static final long DEADLINE_MILLIS = 10_000;
    private static final int BACKLOG = 16;
    /** How often the loop wakes to cut off connections past their deadline. */
    private static final long SWEEP_MILLIS = 500;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread thread;
    private final String url;
    private final long deadlineNanos;
    private volatile boolean running = true;

    private MetricsEndpoint(ServerSocketChannel server, Selector selector, String url, long deadlineMillis) {
        this.server = server;
        this.selector = selector;
        this.url = url;
        this.deadlineNanos = deadlineMillis * 1_000_000;
        this.thread = new Thread(this::loop, THREAD_NAME);
        thread.setDaemon(true);
    }

    /**
     * Binds {@code address} and starts serving.
     *
     * @throws IOException when the address cannot be bound (the port is taken, the host unknown)
     */
    public static MetricsEndpoint start(MetricsAddress address) throws IOException {
        return start(address, DEADLINE_MILLIS);
    }

    /** As {@link #start(MetricsAddress)}, with another time limit per connection (for tests). */
    static MetricsEndpoint start(MetricsAddress address, long deadlineMillis) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        Selector selector = null;
        try {
            InetSocketAddress wanted = new InetSocketAddress(address.host(), address.port());
            if (wanted.isUnresolved()) {
                throw new IOException("unknown host " + address.host());
            }
            server.bind(wanted, BACKLOG);
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String host = address.host().indexOf(':') >= 0 ? "[" + address.host() + "]" : address.host();
            MetricsEndpoint endpoint = new MetricsEndpoint(server, selector, "http://" + host + ":" + port + "/metrics",
                    deadlineMillis);
            endpoint.thread.start();
            return endpoint;
        } catch (IOException | RuntimeException failure) {
            server.close();
            if (selector != null) {
                selector.close();
            }
            throw failure;
        }
    }

    /** Where Prometheus scrapes, e.g. {@code http://127.0.0.1:9404/metrics}. */
    public String url() {
        return url;
    }

    /** Stops serving and releases the port; connections in progress are closed. */
    public void stop() {
        running = false;
        selector.wakeup();
        try {
            thread.join(DEADLINE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        try {
            while (running) {
                selector.select(SWEEP_MILLIS);
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (key.isValid() && key.isAcceptable()) {
                        accept();
                    } else if (key.isValid()) {
                        serve(key);
                    }
                }
                cutOffLateConnections();
            }
        } catch (IOException | RuntimeException failure) {
            System.err.println("futurist: the prometheus endpoint stopped (" + failure + "); statistics are still recorded");
        } finally {
            closeAll();
        }
    }

    private void accept() throws IOException {
        SocketChannel client = server.accept();
        if (client == null) {
            return;
        }
        client.configureBlocking(false);
        client.register(selector, SelectionKey.OP_READ, new Connection(System.nanoTime() + deadlineNanos));
        if (connectionCount() >= MAX_CONNECTIONS) {
            server.keyFor(selector).interestOps(0); // the rest wait in the backlog
        }
    }

    private void serve(SelectionKey key) {
        Connection connection = (Connection) key.attachment();
        SocketChannel client = (SocketChannel) key.channel();
        try {
            if (key.isReadable()) {
                if (client.read(connection.head) < 0) {
                    close(key);
                    return;
                }
                String head = connection.completeHead();
                if (head != null) {
                    connection.response = respond(head);
                    key.interestOps(SelectionKey.OP_WRITE);
                } else if (!connection.head.hasRemaining()) {
                    connection.response = response("431 Request Header Fields Too Large", null, "", false);
                    key.interestOps(SelectionKey.OP_WRITE);
                }
            }
            if (key.isValid() && key.isWritable()) {
                client.write(connection.response);
                if (!connection.response.hasRemaining()) {
                    close(key);
                }
            }
        } catch (IOException gone) {
            close(key); // the client went away
        } catch (RuntimeException failure) {
            // Rendering failed for this scrape; the next may work. Said once per kind of failure.
            Faults.warnOnce("prometheus-scrape:" + failure.getClass().getName(), "a prometheus scrape failed ("
                    + failure + "); the endpoint goes on and statistics are still recorded");
            close(key);
        }
    }

    /** The response to a complete request head. */
    static ByteBuffer respond(String head) {
        int lineEnd = head.indexOf('\n');
        String[] requestLine = (lineEnd < 0 ? head : head.substring(0, lineEnd)).trim().split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/")) {
            return response("400 Bad Request", null, "", false);
        }
        String method = requestLine[0];
        String path = requestLine[1];
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (!path.equals("/metrics")) {
            return response("404 Not Found", null, "only /metrics is served here\n", method.equals("HEAD"));
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return response("405 Method Not Allowed", null, "only GET and HEAD\n", false);
        }
        Exposition.Format format = Exposition.Format.accepting(header(head, "accept"));
        return response("200 OK", format.contentType(), Exposition.render(LiveExecutors.now(), format), method.equals("HEAD"));
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static ByteBuffer response(String status, String contentType, String body, boolean headOnly) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
        head.append("Content-Type: ").append(contentType == null ? "text/plain; charset=utf-8" : contentType).append("\r\n");
        if (status.startsWith("405")) {
            head.append("Allow: GET, HEAD\r\n");
        }
        head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer response = ByteBuffer.allocate(headBytes.length + (headOnly ? 0 : bytes.length));
        response.put(headBytes);
        if (!headOnly) {
            response.put(bytes);
        }
        return response.flip();
    }

    private void cutOffLateConnections() {
        long now = System.nanoTime();
        for (SelectionKey key : new ArrayList<>(selector.keys())) {
            if (key.attachment() instanceof Connection && now - ((Connection) key.attachment()).deadline > 0) {
                close(key);
            }
        }
    }

    private int connectionCount() {
        int count = 0;
        for (SelectionKey key : selector.keys()) {
            if (key.isValid() && key.attachment() instanceof Connection) {
                count++;
            }
        }
        return count;
    }

    private void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // Closing a connection that failed: nothing more to do.
        }
        SelectionKey accepting = server.keyFor(selector);
        if (accepting != null && accepting.isValid() && accepting.interestOps() == 0) {
            accepting.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    private void closeAll() {
        List<SelectionKey> keys = new ArrayList<>(selector.keys());
        for (SelectionKey key : keys) {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // Shutting down: best effort.
            }
        }
        try {
            selector.close();
            server.close();
        } catch (IOException ignored) {
            // Shutting down: best effort.
        }
    }

    /** One client's request as it arrives, and then the response as it leaves. */
    private static final class Connection {
        final long deadline;
        final ByteBuffer head = ByteBuffer.allocate(MAX_HEAD_BYTES);
        ByteBuffer response;

        Connection(long deadline) {
            this.deadline = deadline;
        }

        /** The request head once its blank line has arrived, else {@code null}. */
        String completeHead() {
            String text = new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                end = text.indexOf("\n\n");
            }
            return end < 0 ? null : text.substring(0, end);
        }
    }
}
