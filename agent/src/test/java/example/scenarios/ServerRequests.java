package example.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What the server scenarios share: requests sent one connection each ({@code Connection: close},
 * so that every request is one connection and the work a server hands its pool per request is
 * the same each time), the outcome as the client saw it, and the pool's statistics between the
 * steps, once the pool has finished what it was given.
 */
final class ServerRequests {

    private ServerRequests() {
    }

    /** Sends {@code count} GET requests for {@code path}N, one after another; returns "status:body" of each. */
    static List<String> send(int port, String path, int count) throws IOException {
        List<String> outcomes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            outcomes.add(get(port, path + i));
        }
        return outcomes;
    }

    /** "status:body" of one GET on its own connection; the body only for 2xx (error pages name server internals). */
    static String get(int port, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        connection.setRequestProperty("Connection", "close");
        connection.setUseCaches(false);
        try {
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            return status + ":" + (status < 400 ? text : "");
        } finally {
            connection.disconnect();
        }
    }

    /** {@code #result label}: the outcomes, in order. */
    static void outcomes(String label, List<String> outcomes) {
        Report.result(label, "count=" + outcomes.size(), "outcomes=" + String.join(",", outcomes));
    }

    /**
     * {@code #stats label} of the request pool, once it has been given {@code expected} tasks in
     * all and has finished them (no more than {@code busyForGood} of its jobs running).
     */
    static void stats(String label, Executor pool, long busyForGood, long expected) throws InterruptedException {
        if (Report.futuristPresent()) {
            ServerView.awaitQuiet(pool, busyForGood, expected);
            Report.print("stats", label, ServerView.fields(pool));
        } else {
            Report.print("stats", label, "futurist=absent");
        }
    }

    /** A task that fails, as a job of the pool itself rather than a request. */
    static final class Failing implements Runnable {
        private final java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void run() {
            ran.countDown();
            throw new IllegalStateException("a job of the scenario that fails on purpose");
        }

        void await() throws InterruptedException {
            ran.await();
        }
    }
}
