package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /**
     * The constants' order is the JSON's field order: the fields scripts already read keep
     * their places, and new statistics come after them.
     */
    @Test
    void keysKeepTheOrderOfTheFieldsAlreadyPublished() {
        List<String> published = List.of("submitted", "executed", "failures", "cancelled", "rejected", "active", "queued",
                "runtimeNanos", "averageRuntimeNanos", "queueTimeNanos", "averageQueueTimeNanos", "runtimeP50Nanos",
                "runtimeP99Nanos", "maxRuntimeNanos");
        List<String> keys = new ArrayList<>();
        for (Statistic statistic : Statistic.values()) {
            keys.add(statistic.key());
        }
        assertEquals(published, keys.subList(0, published.size()));
    }

    @Test
    void readsEveryValueFromASnapshot() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.recordSubmitted();
        recorder.recordSubmitted();
        recorder.recordStarted(3_000);
        recorder.recordFinished(7_000, true);
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
