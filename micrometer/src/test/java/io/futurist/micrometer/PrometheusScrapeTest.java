package io.futurist.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.ExecutorStatistics;
import io.futurist.SynchronousExecutor;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    @Test
    void prometheusSeesTheSeriesOfTheAgentsOwnEndpoint() {
        SynchronousExecutor executor = new SynchronousExecutor("prom-sync");
        for (int i = 0; i < 4; i++) {
            executor.execute(() -> { });
        }
        executor.submit(() -> {
            throw new IllegalStateException("fails on purpose");
        });
        ExecutorStatistics expected = executor.statistics();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (FuturistMetrics metrics = new FuturistMetrics(Duration.ofHours(1))) {
            metrics.bindTo(registry);
            List<String> lines = series(registry.scrape(), "prom-sync");
            String tags = "{name=\"prom-sync\",type=\"io.futurist.SynchronousExecutor\"}";
            assertTrue(lines.contains("executor_completed_tasks_total" + tags + " 5.0"), lines::toString);
            assertTrue(lines.contains("executor_submitted_tasks_total" + tags + " 5.0"), lines::toString);
            assertTrue(lines.contains("executor_failed_tasks_total" + tags + " 1.0"), lines::toString);
            assertTrue(lines.contains("executor_cancelled_tasks_total" + tags + " 0.0"), lines::toString);
            assertTrue(lines.contains("executor_rejected_tasks_total" + tags + " 0.0"), lines::toString);
            assertTrue(lines.contains("executor_active_threads" + tags + " 0.0"), lines::toString);
            assertTrue(lines.contains("executor_queued_tasks" + tags + " 0.0"), lines::toString);
            assertTrue(lines.contains("executor_seconds_count" + tags + " 5"), lines::toString);
            assertEquals(expected.runtime().toNanos(), nanos(lines, "executor_seconds_sum" + tags));
            assertTrue(lines.contains("executor_idle_seconds_count" + tags + " 5"), lines::toString);
            assertTrue(lines.contains("executor_idle_seconds_sum" + tags + " 0.0"), lines::toString);
            assertEquals(expected.runtimePercentile(99).toNanos(), nanos(lines, "executor_percentile_seconds{name=\"prom-sync\","
                    + "phi=\"0.99\",type=\"io.futurist.SynchronousExecutor\"}"));

            executor.shutdown();
            metrics.refresh();
            assertFalse(registry.scrape().contains("prom-sync"));
        }
    }

    /** Found by the exporter benchmark: one executor going must not take the others' series with it. */
    @Test
    void anExecutorThatGoesLeavesTheOthersSeries() {
        SynchronousExecutor staying = new SynchronousExecutor("prom-stays");
        SynchronousExecutor going = new SynchronousExecutor("prom-goes");
        staying.execute(() -> { });
        going.execute(() -> { });
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (FuturistMetrics metrics = new FuturistMetrics(Duration.ofHours(1))) {
            metrics.bindTo(registry);
            metrics.refresh();
            assertTrue(registry.scrape().contains("executor_completed_tasks_total{name=\"prom-goes\""));
            going.shutdown();
            for (int scrape = 0; scrape < 4; scrape++) {
                metrics.refresh();
                String text = registry.scrape();
                assertFalse(text.contains("prom-goes"), text);
                List<String> lines = series(text, "prom-stays");
                assertTrue(lines.contains("executor_completed_tasks_total{name=\"prom-stays\","
                        + "type=\"io.futurist.SynchronousExecutor\"} 1.0"), text);
            }
        } finally {
            staying.shutdown();
        }
    }

    /** The shares of the last interval get the names the agent's own endpoint gives them. */
    @Test
    void utilizationAndQueueFillAreRatiosNamedAsTheAgentNamesThem() {
        ShapedExecutor pool = new ShapedExecutor(1, "prom-load", io.futurist.PoolShape.threadPool(4, 4, 4, 4, 10));
        pool.utilization = 0.75;
        pool.queueFill = 0.5;
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (FuturistMetrics metrics = new FuturistMetrics(Duration.ofHours(1), () -> List.of(pool))) {
            metrics.bindTo(registry);
            List<String> lines = series(registry.scrape(), "prom-load");
            String tags = "{name=\"prom-load\",type=\"com.example.ShapedPool\"}";
            assertTrue(lines.contains("executor_utilization_ratio" + tags + " 0.75"), lines::toString);
            assertTrue(lines.contains("executor_queue_fill_ratio" + tags + " 0.5"), lines::toString);
        }
    }

    /** The value of {@code series}, in seconds, as whole nanoseconds: exact, whatever digits the text format prints. */
    private static long nanos(List<String> lines, String series) {
        for (String line : lines) {
            if (line.startsWith(series + " ")) {
                return Math.round(Double.parseDouble(line.substring(series.length() + 1)) * 1e9);
            }
        }
        throw new AssertionError(series + " not in " + lines);
    }

    private static List<String> series(String scrape, String executor) {
        List<String> lines = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("#") && line.contains("name=\"" + executor + "\"")) {
                lines.add(line);
            }
        }
        return lines;
    }
}
