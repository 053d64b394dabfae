package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import example.scenarios.ExportScenario;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.JsonText;
import io.futurist.agent.testing.Promtool;
import io.futurist.agent.testing.RunningChild;
import io.futurist.agent.testing.Scrape;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's {@code prometheus}, started here on loopback with a
 * generated configuration) scrapes a child JVM under the agent, and its query API returns the
 * series — then every panel of the shipped Grafana dashboard ({@code docs/grafana/
 * futurist-dashboard.json}) is queried against it and must return data. Grafana's variables are
 * replaced as Grafana would: {@code $name} by "all executors", {@code $__rate_interval} by a
 * minute. Skips, saying why, where Prometheus is not installed.
 */
class PrometheusServerIT {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final Path DASHBOARD = Path.of("../docs/grafana/futurist-dashboard.json");
    private static final String POOL = "executor_submitted_tasks_total{name=\"orders-*\"}";

    @TempDir
    Path directory;

    @Test
    void prometheusScrapesTheAgentAndEveryDashboardPanelHasData() throws Exception {
        Optional<Path> prometheus = Promtool.find("prometheus");
        assumeTrue(prometheus.isPresent(), Promtool.absent("prometheus"));
        try (RunningChild child = ChildJvm.running(ExportScenario.class, "serve").withAgent("prometheus=127.0.0.1:0").start()) {
            child.started();
            String target = Scrape.endpointOf(child::stderr, LIMIT).replaceAll("^http://|/metrics$", "");
            int webPort = freePort();
            Path config = Files.writeString(directory.resolve("prometheus.yml"), "global:\n"
                    + "  scrape_interval: 1s\n"
                    + "  scrape_timeout: 1s\n"
                    + "scrape_configs:\n"
                    + "  - job_name: futurist\n"
                    + "    static_configs:\n"
                    + "      - targets: ['" + target + "']\n");
            Process server = new ProcessBuilder(prometheus.get().toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + directory.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + webPort,
                    "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
            try {
                String api = "http://127.0.0.1:" + webPort;
                awaitReady(api, server);
                // At least three scrapes in the last minute: enough for rate() over the panels' windows.
                List<Object> samples = awaitResult(api, "count_over_time(" + POOL + "[1m]) >= 3", server);
                assertEquals(1, samples.size(), samples::toString);
                assertEquals("11", value(query(api, POOL).get(0)));
                assertEquals("10", value(query(api, "executor_completed_tasks_total{name=\"orders-*\"}").get(0)));
                assertEquals("2", value(query(api, "executor_rejected_tasks_total{name=\"orders-*\"}").get(0)));
                assertEquals("10", value(query(api, "executor_seconds_count{name=\"orders-*\"}").get(0)));

                Map<String, String> panels = panels();
                assertTrue(panels.size() >= 10, panels::toString);
                List<String> empty = new ArrayList<>();
                for (Map.Entry<String, String> panel : panels.entrySet()) {
                    String expr = panel.getValue().replace("$name", ".*").replace("$__rate_interval", "1m");
                    assertFalse(expr.contains("$"), () -> "a Grafana variable this test does not know: " + expr);
                    if (query(api, expr).isEmpty()) {
                        empty.add(panel.getKey() + ": " + expr);
                    }
                }
                assertEquals(List.of(), empty, "panels without data");
            } finally {
                server.destroy();
                server.waitFor();
            }
            child.finish().requireSuccess();
        }
    }

    /** The dashboard's panels: title to query. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> panels() throws IOException {
        Map<String, Object> dashboard = (Map<String, Object>) JsonText.parse(Files.readString(DASHBOARD));
        Map<String, String> panels = new LinkedHashMap<>();
        for (Object panel : (List<Object>) dashboard.get("panels")) {
            Map<String, Object> fields = (Map<String, Object>) panel;
            for (Object target : (List<Object>) fields.get("targets")) {
                panels.put((String) fields.get("title"), (String) ((Map<String, Object>) target).get("expr"));
            }
        }
        return panels;
    }

    /**
     * Waits for {@code /-/ready}: until its storage has opened, Prometheus answers every query
     * with 503 Service Unavailable (seen on a slow CI machine), so querying earlier is a race.
     */
    private static void awaitReady(String api, Process server) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            assertTrue(server.isAlive(), () -> "prometheus ended with " + server.exitValue());
            try {
                if (Scrape.get(api + "/-/ready").status() == 200) {
                    return;
                }
            } catch (java.io.UncheckedIOException notListeningYet) {
                // The server has not opened its port yet.
            }
            assertTrue(System.nanoTime() < deadline, "prometheus not ready within " + LIMIT);
            Thread.sleep(100); // Polling a separate process's readiness: no latch can cross into it
        }
    }

    /** Polls {@code expr} until it has a result, bounded by {@link #LIMIT}. */
    private static List<Object> awaitResult(String api, String expr, Process server) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            assertTrue(server.isAlive(), () -> "prometheus ended with " + server.exitValue());
            try {
                List<Object> result = query(api, expr);
                if (!result.isEmpty()) {
                    return result;
                }
            } catch (java.io.UncheckedIOException notListeningYet) {
                // The server is still starting.
            }
            assertTrue(System.nanoTime() < deadline, "no result for " + expr + " within " + LIMIT);
            Thread.sleep(200); // Prometheus scrapes once a second: waiting for its data, bounded above
        }
    }

    /** The result vector of an instant query. */
    @SuppressWarnings("unchecked")
    private static List<Object> query(String api, String expr) {
        Scrape response = Scrape.get(api + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        assertEquals(200, response.status(), () -> expr + ": " + response.body());
        Map<String, Object> body = (Map<String, Object>) JsonText.parse(response.body());
        assertEquals("success", body.get("status"), response::body);
        return (List<Object>) ((Map<String, Object>) body.get("data")).get("result");
    }

    @SuppressWarnings("unchecked")
    private static String value(Object sample) {
        return (String) ((List<Object>) ((Map<String, Object>) sample).get("value")).get(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
