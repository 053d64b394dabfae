package io.futurist.agent.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.futurist.ExecutorStatistics;
import io.futurist.SynchronousExecutor;
import io.futurist.TrackedExecutor;
import io.futurist.agent.export.LiveExecutors;
import io.futurist.agent.testing.Promtool;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The exposition's text: both formats, labels, escaping, and Prometheus's own check of it. */
class ExpositionTest {

    private static ExecutorStatistics statistics;

    @BeforeAll
    static void run() throws Exception {
        SynchronousExecutor executor = new SynchronousExecutor();
        for (int i = 0; i < 3; i++) {
            executor.submit(() -> { }).get();
        }
        executor.submit(() -> {
            throw new IllegalStateException("failed on purpose");
        });
        executor.shutdown();
        statistics = executor.statistics();
    }

    @Test
    void countersAndGaugesAsTheTextFormatWritesThem() {
        String text = Exposition.render(List.of(executor(7, "db-*", "com.example.Pool")), Exposition.Format.TEXT);
        String labels = "{name=\"db-*\",type=\"com.example.Pool\"}";
        assertTrue(text.contains("# HELP executor_submitted_tasks_total tasks the executor accepted\n"
                + "# TYPE executor_submitted_tasks_total counter\n"
                + "executor_submitted_tasks_total" + labels + " 4\n"), text);
        assertTrue(text.contains("\nexecutor_completed_tasks_total" + labels + " 4\n"), text);
        assertTrue(text.contains("\nexecutor_failed_tasks_total" + labels + " 1\n"), text);
        assertTrue(text.contains("# TYPE executor_active_threads gauge\nexecutor_active_threads" + labels + " 0\n"), text);
        assertTrue(text.contains("\nexecutor_seconds_count" + labels + " 4\n"), text);
        assertTrue(text.contains("\nexecutor_seconds_bucket{name=\"db-*\",type=\"com.example.Pool\",le=\"+Inf\"} 4\n"), text);
        assertFalse(text.contains("# EOF"), text);
        assertFalse(text.contains("executor_pool_size_threads{"), "no shape, no pool series: " + text);
    }

    @Test
    void openMetricsNamesCounterFamiliesWithoutTotalAndEnds() {
        String text = Exposition.render(List.of(executor(7, "db-*", "com.example.Pool")), Exposition.Format.OPENMETRICS);
        assertTrue(text.contains("# TYPE executor_submitted_tasks counter\n"), text);
        assertTrue(text.contains("\nexecutor_submitted_tasks_total{"), text);
        assertTrue(text.endsWith("\n# EOF\n"), text);
    }

    @Test
    void labelValuesAreEscaped() {
        String text = Exposition.render(List.of(executor(1, "a\"b\\c\nd", "T")), Exposition.Format.TEXT);
        assertTrue(text.contains("executor_submitted_tasks_total{name=\"a\\\"b\\\\c\\nd\",type=\"T\"} 4\n"), text);
    }

    @Test
    void executorsSharingANameAreToldApartByTheirIds() {
        String text = Exposition.render(List.of(executor(3, "worker-*", "T"), executor(9, "worker-*", "T")),
                Exposition.Format.TEXT);
        assertTrue(text.contains("executor_submitted_tasks_total{name=\"worker-*\",type=\"T\"} 4\n"), text);
        assertTrue(text.contains("executor_submitted_tasks_total{name=\"worker-* (id 9)\",type=\"T\"} 4\n"), text);
    }

    @Test
    void theAcceptHeaderChoosesTheFormat() {
        assertEquals(Exposition.Format.TEXT, Exposition.Format.accepting(null));
        assertEquals(Exposition.Format.TEXT, Exposition.Format.accepting("text/plain;version=0.0.4"));
        assertEquals(Exposition.Format.OPENMETRICS, Exposition.Format.accepting(
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
    }

    @Test
    void promtoolAcceptsIt() {
        Optional<Path> promtool = Promtool.find("promtool");
        assumeTrue(promtool.isPresent(), Promtool.absent("promtool"));
        String text = Exposition.render(List.of(executor(1, "one-*", "T"), executor(2, "two \"quoted\"", "U")),
                Exposition.Format.TEXT);
        assertEquals("0:", Promtool.checkMetrics(promtool.get(), text), text);
    }

    private static LiveExecutors.Snapshot executor(long id, String name, String type) {
        return LiveExecutors.Snapshot.of(new TrackedExecutor() {
            @Override
            public long id() {
                return id;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String type() {
                return type;
            }

            @Override
            public String creationSite() {
                return "test";
            }

            @Override
            public boolean alive() {
                return true;
            }

            @Override
            public ExecutorStatistics statistics() {
                return statistics;
            }
        });
    }
}
