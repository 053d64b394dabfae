package io.futurist.agent.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's HTTP surface and its bounds, against a real endpoint in this JVM (no agent
 * here, so it lists no executors): clients that send nothing or too much are cut off, and
 * clients beyond the connection limit are served once room is made.
 */
class MetricsEndpointTest {

    /** Short, so that the test of cutting off a silent client takes a moment. */
    private static final long DEADLINE_MILLIS = 300;

    private MetricsEndpoint endpoint;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        endpoint = MetricsEndpoint.start(MetricsAddress.parse("127.0.0.1:0"), DEADLINE_MILLIS);
        URI url = URI.create(endpoint.url());
        address = new InetSocketAddress(url.getHost(), url.getPort());
    }

    @AfterEach
    void stop() {
        endpoint.stop();
    }

    @Test
    void answersEachRequestAndClosesTheConnection() throws IOException {
        String response = exchange("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.contains("\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"), response);
        assertTrue(response.contains("\r\nConnection: close\r\n"), response);
        assertTrue(response.contains("# TYPE executor_submitted_tasks_total counter\n"), response);
    }

    @Test
    void statusesForWhatIsNotServed() throws IOException {
        assertTrue(exchange("GET / HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404 "));
        String post = exchange("POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assertTrue(post.startsWith("HTTP/1.1 405 ") && post.contains("\r\nAllow: GET, HEAD\r\n"), post);
        assertTrue(exchange("nonsense\r\n\r\n").startsWith("HTTP/1.1 400 "));
        String head = exchange("HEAD /metrics HTTP/1.0\n\n");
        assertTrue(head.startsWith("HTTP/1.1 200 ") && head.endsWith("\r\n\r\n"), head);
    }

    @Test
    void aRequestHeadTooLargeIsRefused() throws IOException {
        String huge = "GET /metrics HTTP/1.1\r\nX-Padding: " + "x".repeat(MetricsEndpoint.MAX_HEAD_BYTES) + "\r\n\r\n";
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(huge.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException cutOff) {
                // The endpoint may close before it has read it all; the response came first.
            }
            String response = readAll(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 431 "), response);
        }
    }

    @Test
    void aClientThatSendsNothingIsCutOffAtTheDeadline() throws IOException {
        try (Socket silent = connect()) {
            silent.setSoTimeout(60_000);
            assertEquals(-1, silent.getInputStream().read(), "closed by the endpoint, without a response");
        }
    }

    @Test
    void clientsBeyondTheLimitAreServedOnceRoomIsMade() throws IOException {
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < MetricsEndpoint.MAX_CONNECTIONS; i++) {
                silent.add(connect());
            }
            // Waits in the backlog until the silent ones are cut off, then is answered.
            assertTrue(exchange("GET /metrics HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 200 "));
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 10_000);
        socket.setSoTimeout(60_000);
        return socket;
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
