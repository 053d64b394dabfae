package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import example.scenarios.ExportScenario;
import example.scenarios.NamesScenario;
import io.futurist.agent.testing.AgentCli;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.Promtool;
import io.futurist.agent.testing.RunningChild;
import io.futurist.agent.testing.ScenarioOutput;
import io.futurist.agent.testing.Scrape;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code prometheus=[HOST:]PORT}: a real scrape of a child JVM under {@code -javaagent} that ran
 * {@link ExportScenario}'s known workload, the exact values of its series, the HTTP surface
 * (only {@code GET}/{@code HEAD /metrics}), the text checked by {@code promtool}, and what a
 * taken port, a bad value and an attach do.
 */
class PrometheusIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String POOL = "name=\"orders-*\",type=\"java.util.concurrent.ThreadPoolExecutor\"";

    private static RunningChild child;
    private static ScenarioOutput.Line numbers;
    private static String url;

    @BeforeAll
    static void startChild() {
        child = ChildJvm.running(ExportScenario.class, "serve").withAgent("prometheus=127.0.0.1:0").start();
        numbers = child.started().stats("orders");
        url = Scrape.endpointOf(child::stderr, LIMIT);
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            ChildJvm.Result result = child.finish();
            result.requireSuccess();
            assertEquals(List.of("futurist: prometheus endpoint at " + url), result.futuristLines(), result::describe);
        }
    }

    @Test
    void theEndpointIsOnLoopbackAtThePortItSaid() {
        assertTrue(url.matches("http://127\\.0\\.0\\.1:[1-9][0-9]*/metrics"), url);
    }

    @Test
    void theCountersAndGaugesAreTheWorkloadsExactly() {
        Scrape scrape = Scrape.get(url);
        assertEquals(200, scrape.status(), scrape::body);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.contentType());
        assertEquals("11", scrape.value("executor_submitted_tasks_total", POOL));
        assertEquals("10", scrape.value("executor_completed_tasks_total", POOL));
        assertEquals("2", scrape.value("executor_failed_tasks_total", POOL));
        assertEquals("1", scrape.value("executor_cancelled_tasks_total", POOL));
        assertEquals("2", scrape.value("executor_rejected_tasks_total", POOL));
        assertEquals("0", scrape.value("executor_active_threads", POOL));
        assertEquals("0", scrape.value("executor_queued_tasks", POOL));
        // The pool's shape: two threads, a queue of four, empty now.
        assertEquals("2", scrape.value("executor_pool_size_threads", POOL));
        assertEquals("2", scrape.value("executor_pool_core_threads", POOL));
        assertEquals("2", scrape.value("executor_pool_max_threads", POOL));
        assertEquals("2", scrape.value("executor_pool_largest_threads", POOL));
        assertEquals("4", scrape.value("executor_queue_remaining_tasks", POOL));
        assertFalse(scrape.has("executor_parallelism_threads", POOL), "no parallelism: not a ForkJoinPool");
        // The same numbers the application's own look-up gave.
        assertEquals(numbers.get("submitted"), scrape.value("executor_submitted_tasks_total", POOL));
        assertEquals(numbers.get("executed"), scrape.value("executor_completed_tasks_total", POOL));
    }

    @Test
    void theHistogramsAreTheTimedRunsAndWaits() {
        Scrape scrape = Scrape.get(url);
        assertEquals(numbers.get("timedRuns"), scrape.value("executor_seconds_count", POOL));
        assertEquals(numbers.get("timedRuns"), scrape.value("executor_seconds_bucket", POOL + ",le=\"+Inf\""));
        // Every run is timed here (10 runs, an idle pool), so the sum is the exact total run time.
        assertEquals(numbers.get("executed"), numbers.get("timedRuns"));
        assertEquals(seconds(numbers.number("runtimeNanos")), new BigDecimal(scrape.value("executor_seconds_sum", POOL)));
        assertEquals(seconds(numbers.number("maxRuntimeNanos")), new BigDecimal(scrape.value("executor_seconds_max", POOL)));
        assertEquals(numbers.get("timedQueueWaits"), scrape.value("executor_idle_seconds_count", POOL));
        assertEquals(seconds(numbers.number("queueTimeNanos")), new BigDecimal(scrape.value("executor_idle_seconds_sum", POOL)));
        for (String histogram : List.of("executor_seconds_bucket", "executor_idle_seconds_bucket")) {
            long previous = 0;
            for (String le : List.of("0.00001", "0.00005", "0.0001", "0.0005", "0.001", "0.005", "0.01", "0.025",
                    "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60", "+Inf")) {
                long count = Long.parseLong(scrape.value(histogram, POOL + ",le=\"" + le + "\""));
                assertTrue(count >= previous, () -> histogram + " is not cumulative at le=" + le + "\n" + scrape.body());
                previous = count;
            }
        }
        // The workload's runs are microseconds to milliseconds long: all of them within 10 s.
        assertEquals(numbers.get("timedRuns"), scrape.value("executor_seconds_bucket", POOL + ",le=\"10\""));
    }

    @Test
    void scrapesRunOnTheAgentsOwnThreadAndOnNoExecutor() {
        String before = child.request("stats").result("executors").get("names");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Scrape.get(url).status());
        }
        ScenarioOutput after = child.request("stats");
        assertEquals("futurist-jmx-publisher,futurist-prometheus", after.result("threads").get("agent"), child::describe);
        String executors = after.result("executors").get("names");
        assertEquals(before, executors, "scraping made no executor");
        assertFalse(executors.contains("@io.futurist."), executors);
        assertTrue(executors.contains("orders-*@example.scenarios.ExportScenario.workload("), executors);
    }

    @Test
    void promtoolAcceptsTheExposition() {
        Optional<Path> promtool = Promtool.find("promtool");
        assumeTrue(promtool.isPresent(), Promtool.absent("promtool"));
        String body = Scrape.get(url).body();
        assertEquals("0:", Promtool.checkMetrics(promtool.get(), body), body);
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() {
        Scrape scrape = Scrape.of("GET", url, "Accept",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertEquals(200, scrape.status());
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", scrape.contentType());
        assertTrue(scrape.body().endsWith("# EOF\n"), scrape::body);
        assertTrue(scrape.body().contains("# TYPE executor_completed_tasks counter\n"), scrape::body);
        assertEquals("10", scrape.value("executor_completed_tasks_total", POOL));
    }

    @Test
    void onlyGetAndHeadOfMetricsAreServed() {
        String base = url.substring(0, url.length() - "/metrics".length());
        assertEquals(404, Scrape.get(base + "/").status());
        assertEquals(404, Scrape.get(base + "/metrics/more").status());
        assertEquals(404, Scrape.get(base + "/admin").status());
        assertEquals(405, Scrape.of("POST", url).status());
        assertEquals(405, Scrape.of("DELETE", url).status());
        assertEquals(200, Scrape.get(url + "?name[]=x").status());
        Scrape head = Scrape.of("HEAD", url);
        assertEquals(200, head.status());
        assertEquals("", head.body());
    }

    @Test
    void aTakenPortCostsTheEndpointOnlyInOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ChildJvm.Result run = ChildJvm.running(NamesScenario.class)
                    .withAgent("prometheus=127.0.0.1:" + taken.getLocalPort()).run().requireSuccess();
            List<String> said = run.futuristLines();
            assertEquals(1, said.size(), run::describe);
            assertTrue(said.get(0).startsWith("futurist: no prometheus endpoint: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort()), said.get(0));
            assertEquals("true", run.output().env().get("agentActive"), "the rest of the agent runs on");
            assertEquals("true", run.output().stats("parsers").get("tracked"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prometheus=abc", "prometheus=70000", "prometheus=localhost:", "prometheus=:9404x"})
    void aBadValueIsAnOptionErrorLikeAnyOther(String option) {
        ChildJvm.Result run = ChildJvm.running(NamesScenario.class).withAgent(option).run().requireSuccess();
        List<String> said = run.futuristLines();
        assertEquals(1, said.size(), run::describe);
        assertTrue(said.get(0).startsWith("futurist: invalid value for prometheus: "), said.get(0));
        assertEquals("false", run.output().env().get("agentActive"));
    }

    @Test
    void afterAnAttachTheEndpointServesTooAndADetachClosesIt() {
        try (RunningChild plain = ChildJvm.running(ExportScenario.class, "serve").start()) {
            plain.started();
            ChildJvm.Result attach = AgentCli.run("attach", plain.pid(), "prometheus=127.0.0.1:0");
            AgentCli.assertOneLineSuccess(attach, "futurist:");
            String attached = Scrape.endpointOf(plain::stderr, LIMIT);
            ScenarioOutput.Line after = plain.request("one").stats("orders");
            Scrape scrape = Scrape.get(attached);
            assertEquals(200, scrape.status(), scrape::body);
            // Counting starts at the attach: the one task submitted since.
            assertEquals("1", after.get("submitted"), plain::describe);
            assertEquals("1", scrape.value("executor_completed_tasks_total", POOL));
            AgentCli.assertOneLineSuccess(AgentCli.run("detach", plain.pid()), "futurist:");
            // The detach returns once the agent has stopped: the port is free again.
            java.io.UncheckedIOException refused = assertThrows(java.io.UncheckedIOException.class, () -> Scrape.get(attached));
            assertTrue(refused.getCause() instanceof java.net.ConnectException, refused::toString);
            plain.finish().requireSuccess();
        }
    }

    private static BigDecimal seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
    }
}
