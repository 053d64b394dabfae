package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The schema every output is derived from: unique keys, and values read from a snapshot. */
class StatisticTest {

    @Test
    void keysAreUnique() {
        Set<String> keys = new HashSet<>();
        for (Statistic statistic : Statistic.values()) {
            assertTrue(keys.add(statistic.key()), "duplicate key " + statistic.key());
            assertTrue(!statistic.description().isEmpty(), statistic + " has a description");
        }
    }

    @Test
    void readsEveryValueFromASnapshot() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.submitted();
        recorder.submitted();
        recorder.started(3_000);
        recorder.finished(7_000, true);
        ExecutorStatistics stats = recorder.snapshot().withShape(PoolShape.threadPool(1, 1, 2, 1, 10));
        assertEquals(2, Statistic.SUBMITTED.read(stats).getAsLong());
        assertEquals(1, Statistic.EXECUTED.read(stats).getAsLong());
        assertEquals(1, Statistic.FAILURES.read(stats).getAsLong());
        assertEquals(1, Statistic.QUEUED.read(stats).getAsLong());
        assertEquals(7_000, Statistic.RUNTIME.read(stats).getAsLong());
        assertEquals(7_000, Statistic.MAX_RUNTIME.read(stats).getAsLong());
        assertEquals(3_000, Statistic.QUEUE_TIME.read(stats).getAsLong());
        assertEquals(1, Statistic.TIMED_RUNS.read(stats).getAsLong());
        assertEquals(2, Statistic.MAXIMUM_POOL_SIZE.read(stats).getAsLong());
        assertEquals(10, Statistic.QUEUE_CAPACITY.read(stats).getAsLong());
        assertTrue(Statistic.PARALLELISM.read(stats).isEmpty());
        for (Statistic statistic : Statistic.values()) {
            assertEquals(!statistic.isOptional(), statistic.read(ExecutorStatistics.EMPTY).isPresent(), statistic.key());
        }
    }
}
