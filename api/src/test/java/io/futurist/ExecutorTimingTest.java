package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Futurist's own executors take a {@link Timing}: counts are the same in every mode; {@code ALL}
 * times every run, {@code OFF} none, {@code ADAPTIVE} (their default) every run of a quiet one.
 */
class ExecutorTimingTest {

    /**
     * Few enough that they are timed in full however fast they come: fewer than a window's
     * worth of the budget (5 a millisecond over 16 ms), so no estimate of the rate can exceed it.
     */
    private static final int TASKS = 60;

    @Test
    void synchronousExecutorTimesAsChosen() throws Exception {
        assertTimedAsChosen(new SynchronousExecutor(null, Timing.ALL), TASKS);
        assertTimedAsChosen(new SynchronousExecutor("untimed", Timing.OFF), 0);
        // The default: a quiet executor is timed in full.
        assertTimedAsChosen(new SynchronousExecutor(), TASKS);
    }

    @Test
    @RequiresJava(min = 21, reason = "GreenExecutor runs its tasks on virtual threads, which arrived in Java 21")
    void greenExecutorTimesAsChosen() throws Exception {
        assertTimedAsChosen(new GreenExecutor(null, 4, Timing.ALL), TASKS);
        assertTimedAsChosen(new GreenExecutor("untimed", GreenExecutor.UNBOUNDED, Timing.OFF), 0);
        assertTimedAsChosen(new GreenExecutor(4), TASKS);
    }

    @Test
    void aTimingIsRequired() {
        assertThrows(NullPointerException.class, () -> new SynchronousExecutor("named", null));
        assertThrows(IllegalArgumentException.class, () -> new SynchronousExecutor("", Timing.ALL));
    }

    private static void assertTimedAsChosen(ExecutorService executor, long timed) throws Exception {
        try {
            for (int i = 0; i < TASKS; i++) {
                Future<?> done = executor.submit(() -> { });
                done.get(10, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdown();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        }
        ExecutorStatistics statistics = Futurist.statistics(executor).orElseThrow();
        assertEquals(TASKS, statistics.submitted());
        assertEquals(TASKS, statistics.executed());
        assertEquals(0, statistics.active() + statistics.queued() + statistics.cancelled());
        assertEquals(timed, statistics.timedRuns(), statistics::toString);
        assertEquals(timed, statistics.timedQueueWaits(), statistics::toString);
        if (timed == 0) {
            assertEquals(Duration.ZERO, statistics.runtime());
            assertEquals(Duration.ZERO, statistics.maxRuntime());
        }
    }
}
