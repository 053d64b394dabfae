package io.futurist.agent.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.ExecutorStatistics;
import io.futurist.Statistic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The one mapping from {@link Statistic} to the series of {@code /metrics}: Micrometer's
 * Prometheus names where Micrometer has the meter, every statistic accounted for.
 */
class SeriesMappingTest {

    @Test
    void micrometersExecutorMetersHaveTheirPrometheusNames() {
        Map<String, String> expected = new TreeMap<>(Map.of(
                "EXECUTED", "executor_completed_tasks counter",
                "ACTIVE", "executor_active_threads gauge",
                "QUEUED", "executor_queued_tasks gauge",
                "POOL_SIZE", "executor_pool_size_threads gauge",
                "CORE_POOL_SIZE", "executor_pool_core_threads gauge",
                "MAXIMUM_POOL_SIZE", "executor_pool_max_threads gauge",
                "QUEUE_CAPACITY", "executor_queue_remaining_tasks gauge",
                "RUNTIME", "executor_seconds histogram",
                "QUEUE_TIME", "executor_idle_seconds histogram",
                "MAX_RUNTIME", "executor_seconds_max gauge"));
        expected.putAll(Map.of(
                "SUBMITTED", "executor_submitted_tasks counter",
                "FAILURES", "executor_failed_tasks counter",
                "CANCELLED", "executor_cancelled_tasks counter",
                "REJECTED", "executor_rejected_tasks counter",
                "PARALLELISM", "executor_parallelism_threads gauge",
                "SLOW_RUNS", "executor_slow_runs counter",
                "SLOW_QUEUE_WAITS", "executor_slow_queue_waits counter",
                "UTILIZATION", "executor_utilization_ratio gauge",
                "QUEUE_FILL", "executor_queue_fill_ratio gauge"));
        Map<String, String> actual = new TreeMap<>();
        for (String statistic : expected.keySet()) {
            Family family = SeriesMapping.familyOf(Statistic.valueOf(statistic));
            actual.put(statistic, family.name() + " " + family.type().word());
        }
        assertEquals(expected, actual);
    }

    @Test
    void everyStatisticIsASeriesOrDerivedFromOne() {
        Set<String> names = new HashSet<>();
        for (Statistic statistic : Statistic.values()) {
            Family family = SeriesMapping.familyOf(statistic);
            String derivation = SeriesMapping.derivedInPrometheus().get(statistic);
            assertTrue(family != null ^ derivation != null, statistic::name);
            if (family != null) {
                assertTrue(family.name().matches("executor_[a-z_]+"), family.name());
                assertTrue(names.add(family.name()), () -> "two families named " + family.name());
                assertFalse(family.help().isBlank(), family.name());
            }
        }
        assertEquals(names.size(), SeriesMapping.families().size());
    }

    @Test
    void aDerivedStatisticNamesTheFamilyItComesFrom() {
        for (Map.Entry<Statistic, String> derived : SeriesMapping.derivedInPrometheus().entrySet()) {
            assertTrue(derived.getValue().contains("executor_seconds") || derived.getValue().contains("executor_idle_seconds"),
                    derived::toString);
        }
    }

    @Test
    void bucketBoundsAreIncreasingSeconds() {
        List<String> buckets = SeriesMapping.BUCKETS;
        for (int i = 1; i < buckets.size(); i++) {
            assertTrue(Double.parseDouble(buckets.get(i - 1)) < Double.parseDouble(buckets.get(i)), buckets::toString);
        }
        assertEquals("0.00001", buckets.get(0));
        assertEquals("60", buckets.get(buckets.size() - 1));
    }

    /** The schema keeps whole percent; Prometheus gets the exact share as a ratio, and nothing where it is unknown. */
    @Test
    void utilizationAndQueueFillAreRatios() {
        ExecutorStatistics loaded = ExecutorStatistics.EMPTY.withLoad(0.625, 1);
        assertEquals(List.of("0.625"), samples(Statistic.UTILIZATION, loaded));
        assertEquals(List.of("1"), samples(Statistic.QUEUE_FILL, loaded));
        assertEquals(List.of(), samples(Statistic.UTILIZATION, ExecutorStatistics.EMPTY));
        assertEquals(List.of(), samples(Statistic.QUEUE_FILL, ExecutorStatistics.EMPTY.withLoad(0.5, Double.NaN)));
    }

    private static List<String> samples(Statistic statistic, ExecutorStatistics statistics) {
        List<String> values = new ArrayList<>();
        SeriesMapping.familyOf(statistic).read(statistics, (suffix, le, value) -> values.add(suffix + value));
        return values;
    }

    @Test
    void secondsAreExactDecimals() {
        assertEquals("0", SeriesMapping.seconds(0));
        assertEquals("0.000000001", SeriesMapping.seconds(1));
        assertEquals("1.5", SeriesMapping.seconds(1_500_000_000));
        assertEquals("12.345678901", SeriesMapping.seconds(12_345_678_901L));
    }
}
