package io.futurist.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.ExecutorStatistics;
import io.futurist.Statistic;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import io.futurist.internal.LoadReader;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watch's readings reach every output: attached to each snapshot as utilization and queue fill. */
class ActivityWatchTest {

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4));
    private final ExecutorRegistry registry = new ExecutorRegistry();
    private final ActivityWatch watch = new ActivityWatch(registry, () -> 0L);

    @AfterEach
    void uninstall() {
        ExecutorRecord.loadReader(LoadReader.NONE);
        pool.shutdownNow();
    }

    @Test
    void aSnapshotCarriesTheLastIntervalsLoad() {
        ExecutorRecord record = registry.register(pool, "here");
        ExecutorRecord.loadReader(watch);
        // The recorder alone decides what the readings see: one of two threads busy, one of four queue places used.
        record.recorder().recordSubmitted();
        record.recorder().recordSubmitted();
        record.recorder().recordStarted(1);
        for (int i = 0; i < Pulse.WINDOW - 1; i++) {
            watch.observe();
        }
        ExecutorStatistics early = record.statistics();
        assertTrue(early.utilization().isEmpty(), "no complete interval yet");
        assertTrue(Statistic.UTILIZATION.read(early).isEmpty());
        watch.observe();
        ExecutorStatistics stats = record.statistics();
        assertEquals(0.5, stats.utilization().getAsDouble());
        assertEquals(0.25, stats.queueFill().getAsDouble());
        assertEquals(50, Statistic.UTILIZATION.read(stats).getAsLong());
        assertEquals(25, Statistic.QUEUE_FILL.read(stats).getAsLong());
    }

    @Test
    void anExecutorTheWatchHasNotReadIsLeftAsItIs() {
        ExecutorStatistics stats = ExecutorStatistics.EMPTY;
        assertSame(stats, watch.attach(42, stats));
    }
}
