package io.futurist.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.ExecutorStatistics;
import io.futurist.PoolShape;
import io.futurist.StatisticsRecorder;
import org.junit.jupiter.api.Test;

/** What one executor's readings say: idle since when, how busy, how full, whether it refused work. */
class PulseTest {

    private final StatisticsRecorder recorder = new StatisticsRecorder();

    @Test
    void idleTimeCountsFromTheLastReadingThatSawAnythingHappen() {
        Pulse pulse = new Pulse(1_000);
        pulse.observe(recorder.snapshot(), 1_000);
        assertEquals(0, pulse.idleMillis(1_000));
        pulse.observe(recorder.snapshot(), 2_000);
        assertEquals(1_500, pulse.idleMillis(2_500), "nothing happened since it was first seen");
        recorder.recordSubmitted();
        pulse.observe(recorder.snapshot(), 3_000);
        assertEquals(-1, pulse.idleMillis(3_500), "a task waits: busy");
        recorder.recordStarted(10);
        recorder.recordFinished(10, false);
        pulse.observe(recorder.snapshot(), 4_000);
        assertEquals(-1, pulse.idleMillis(4_500), "a task ran since the last reading: busy");
        pulse.observe(recorder.snapshot(), 5_000);
        assertEquals(2_000, pulse.idleMillis(6_000), "idle since the reading that saw the run");
    }

    @Test
    void utilizationAndQueueFillAreMeansOverAnInterval() {
        Pulse pulse = new Pulse(0);
        recorder.recordSubmitted();
        recorder.recordSubmitted();
        recorder.recordSubmitted();
        recorder.recordStarted(1); // one of four threads busy, two of ten queue places used
        ExecutorStatistics quarter = recorder.snapshot().withShape(PoolShape.threadPool(4, 4, 4, 4, 10));
        for (int i = 0; i < Pulse.WINDOW - 1; i++) {
            pulse.observe(quarter, i * 1000L);
        }
        assertTrue(Double.isNaN(pulse.utilization()), "not known before the first interval ends");
        recorder.recordStarted(1);
        recorder.recordSubmitted();
        recorder.recordSubmitted();
        recorder.recordRejected();
        ExecutorStatistics more = recorder.snapshot().withShape(PoolShape.threadPool(4, 4, 4, 4, 10));
        pulse.observe(more, 5_000); // two busy, three queued, one refused
        assertEquals((0.25 * (Pulse.WINDOW - 1) + 0.5) / Pulse.WINDOW, pulse.utilization(), 1e-9);
        assertEquals((0.2 * (Pulse.WINDOW - 1) + 0.3) / Pulse.WINDOW, pulse.queueFill(), 1e-9);
        assertTrue(pulse.rejecting());
        assertEquals(4, pulse.poolSize());
        for (int i = 0; i < Pulse.WINDOW; i++) {
            pulse.observe(more, 6_000 + i * 1000L);
        }
        assertEquals(0.5, pulse.utilization(), 1e-9);
        assertFalse(pulse.rejecting(), "no refusal during the last interval");
    }

    @Test
    void withoutAKnownSizeUtilizationIsNotANumber() {
        Pulse pulse = new Pulse(0);
        recorder.recordSubmitted();
        recorder.recordStarted(1);
        for (int i = 0; i < Pulse.WINDOW; i++) {
            pulse.observe(recorder.snapshot(), i);
        }
        assertTrue(Double.isNaN(pulse.utilization()));
        assertTrue(Double.isNaN(pulse.queueFill()));
        assertEquals(-1, pulse.poolSize());
    }

    @Test
    void aForkJoinPoolIsMeasuredAgainstItsParallelism() {
        Pulse pulse = new Pulse(0);
        recorder.recordSubmitted();
        recorder.recordStarted(1);
        for (int i = 0; i < Pulse.WINDOW; i++) {
            pulse.observe(recorder.snapshot().withShape(PoolShape.forkJoinPool(2, 4)), i);
        }
        assertEquals(0.25, pulse.utilization(), 1e-9);
        assertTrue(Double.isNaN(pulse.queueFill()), "its queues are unbounded");
    }

    @Test
    void aShutDownExecutorWithTasksWaitingAndNoThreadIsStuckFromTheFirstReadingThatFindsNothingMoving() {
        Pulse pulse = new Pulse(0);
        recorder.recordSubmitted();
        recorder.recordSubmitted();
        PoolShape noThreads = PoolShape.threadPool(0, 1, 1, 1, -1);
        pulse.observe(recorder.snapshot().withShape(noThreads), 1_000, true);
        assertEquals(-1, pulse.stuckMillis(1_000), "the first reading has nothing to compare with");
        pulse.observe(recorder.snapshot().withShape(noThreads), 2_000, false);
        assertEquals(-1, pulse.stuckMillis(2_000), "not shut down: a pool may still make its threads");
        pulse.observe(recorder.snapshot().withShape(noThreads), 3_000, true);
        assertEquals(500, pulse.stuckMillis(3_500));
        assertEquals(2, pulse.stuckQueued());
        pulse.observe(recorder.snapshot().withShape(noThreads), 4_000, true);
        assertEquals(1_000, pulse.stuckMillis(4_000));
        recorder.recordCancelled(); // shutdownNow took one back: something moved
        pulse.observe(recorder.snapshot().withShape(noThreads), 5_000, true);
        assertEquals(-1, pulse.stuckMillis(5_000));
        assertEquals(0, pulse.stuckQueued());
        pulse.observe(recorder.snapshot().withShape(PoolShape.threadPool(1, 1, 1, 1, -1)), 6_000, true);
        assertEquals(-1, pulse.stuckMillis(6_000), "a thread is there to run what waits");
    }
}
