package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Timing#ADAPTIVE}: a quiet executor is timed in full, a busy one within the budget, and
 * the sample is unbiased. Each test drives a recorder with a seeded random source and simulated
 * milliseconds ({@link StatisticsRecorder#submittedTimed(int)}), so it is deterministic: the
 * simulated task rate is what the test says, whatever the machine does meanwhile.
 */
class RunSamplerTest {

    /** A busy executor's percentiles from the sample agree with those of every run. */
    @Test
    void sampledPercentilesMatchTimingEveryRun() {
        Random durations = new Random(11);
        StatisticsRecorder all = new StatisticsRecorder(Timing.ALL);
        StatisticsRecorder adaptive = adaptive(12);
        int tasks = 400_000;
        int perTick = 50; // 50,000 tasks a second: ten times what the budget times
        for (int i = 0; i < tasks; i++) {
            long run = duration(durations);
            long wait = (long) (20_000 * -Math.log(1 - durations.nextDouble()));
            record(all, all.submittedTimed(), wait, run);
            record(adaptive, adaptive.submittedTimed(i / perTick), wait, run);
        }
        ExecutorStatistics every = all.snapshot();
        ExecutorStatistics sample = adaptive.snapshot();
        assertEquals(tasks, every.timedRuns());
        assertEquals(tasks, sample.executed());
        // About a tenth timed: the budget's rate at this task rate.
        assertTrue(sample.timedRuns() > tasks / 20 && sample.timedRuns() < tasks / 5, sample::toString);
        for (double p : new double[] {50, 75, 99}) {
            assertWithin(every.runtimePercentile(p), sample.runtimePercentile(p), 0.05, "run p" + p);
            assertWithin(every.queueTimePercentile(p), sample.queueTimePercentile(p), 0.05, "queue p" + p);
        }
        assertWithin(every.averageRuntime(), sample.averageRuntime(), 0.05, "average run");
        // Totals are the timed average times the runs.
        assertWithin(every.runtime(), sample.runtime(), 0.05, "total run time");
        assertWithin(every.queueTime(), sample.queueTime(), 0.05, "total queue time");
        assertEquals(sample.averageRuntime().toNanos() * tasks, sample.runtime().toNanos(), tasks);
    }

    /** Long and short runs are timed in the same proportion, also when they alternate regularly. */
    @Test
    void longAndShortRunsAreSampledAlike() {
        for (int period : new int[] {2, 3, 10}) {
            StatisticsRecorder adaptive = adaptive(period);
            long[] seen = new long[2];
            long[] timed = new long[2];
            for (int i = 0; i < 1_000_000; i++) {
                int kind = i % period == 0 ? 1 : 0; // every period-th task is the long one
                boolean chosen = adaptive.submittedTimed(i / 100); // 100,000 tasks a second
                seen[kind]++;
                timed[kind] += chosen ? 1 : 0;
            }
            double longShare = (double) timed[1] / seen[1];
            double shortShare = (double) timed[0] / seen[0];
            double p = (double) (timed[0] + timed[1]) / (seen[0] + seen[1]);
            double standardError = Math.sqrt(p * (1 - p) * (1.0 / seen[0] + 1.0 / seen[1]));
            assertTrue(Math.abs(longShare - shortShare) < 5 * standardError,
                    "period " + period + ": long " + longShare + ", short " + shortShare);
        }
    }

    /** An executor whose rate stays within the budget has every run timed: totals exact. */
    @Test
    void quietExecutorIsTimedInFull() {
        StatisticsRecorder adaptive = adaptive(3);
        long total = 0;
        for (int i = 0; i < 20_000; i++) {
            assertTrue(adaptive.submittedTimed(i), "task " + i); // 1,000 tasks a second
            adaptive.recordStarted(5);
            adaptive.recordFinished(1000 + i, false);
            total += 1000 + i;
        }
        ExecutorStatistics statistics = adaptive.snapshot();
        assertEquals(statistics.executed(), statistics.timedRuns());
        assertEquals(total, statistics.runtime().toNanos());
        assertEquals(20_000 * 5, statistics.queueTime().toNanos());
    }

    /** However high the rate, the timed runs stay near the budget's rate. */
    @Test
    void busyExecutorStaysWithinBudget() {
        StatisticsRecorder adaptive = adaptive(4);
        int perTick = 10_000; // ten million tasks a second
        int ticks = 500;
        long timed = 0;
        for (int i = 0; i < perTick * ticks; i++) {
            timed += adaptive.submittedTimed(i / perTick) ? 1 : 0;
        }
        double seconds = ticks / 1000.0;
        long affordable = (long) (RunSampler.TIMED_RUNS_PER_SECOND * seconds);
        // The first window times everything until it closes early; the rest keep to the budget.
        assertTrue(timed > affordable / 2 && timed < affordable * 3 / 2 + 400, "timed " + timed + ", affordable " + affordable);
    }

    /** After a burst, a quiet executor is timed in full again within a window. */
    @Test
    void quietAgainAfterBurstIsTimedInFull() {
        StatisticsRecorder adaptive = adaptive(5);
        int tick = 0;
        for (int i = 0; i < 1_000_000; i++) {
            adaptive.submittedTimed(tick + i / 10_000);
        }
        tick += 100;
        for (int i = 0; i < 2 * RunSampler.WINDOW_TICKS; i++) {
            adaptive.submittedTimed(tick++); // one task a millisecond: the rate falls
        }
        for (int i = 0; i < 1000; i++) {
            assertTrue(adaptive.submittedTimed(tick++), "quiet task " + i);
        }
    }

    /** While runs are sampled, the estimated totals move with the sample's average, but never back: they are counters. */
    @Test
    void estimatedTotalsNeverGoBackwards() {
        Random durations = new Random(21);
        StatisticsRecorder adaptive = adaptive(22);
        ExecutorStatistics last = adaptive.snapshot();
        for (int i = 0; i < 300_000; i++) {
            long run = duration(durations);
            record(adaptive, adaptive.submittedTimed(i / 100), run / 2, run);
            if (i % 1000 == 999) {
                ExecutorStatistics now = adaptive.snapshot();
                assertTrue(now.runtime().compareTo(last.runtime()) >= 0, "run time went back at task " + i);
                assertTrue(now.queueTime().compareTo(last.queueTime()) >= 0, "queue time went back at task " + i);
                assertTrue(now.minus(last).runtime().compareTo(Duration.ZERO) >= 0);
                last = now;
            }
        }
        assertTrue(last.timedRuns() < last.executed(), last::toString);
    }

    /** {@code all} times every run, {@code off} none; counts are the same. */
    @Test
    void allAndOffAreFixed() {
        StatisticsRecorder all = new StatisticsRecorder(Timing.ALL);
        StatisticsRecorder off = new StatisticsRecorder(Timing.OFF);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(all.submittedTimed());
            assertFalse(off.submittedTimed());
            record(all, true, 3, 7);
            record(off, false, 3, 7);
        }
        assertEquals(10_000, all.snapshot().timedRuns());
        assertEquals(70_000, all.snapshot().runtime().toNanos());
        ExecutorStatistics none = off.snapshot();
        assertEquals(10_000, none.executed());
        assertEquals(0, none.timedRuns());
        assertEquals(Duration.ZERO, none.runtime());
        assertEquals(Duration.ZERO, none.averageRuntime());
        assertEquals(Duration.ZERO, none.maxRuntime());
    }

    /** Many threads choosing at once: counts exact, and the timed runs a subset of them. */
    @Test
    void concurrentChoicesKeepCountsExact() throws Exception {
        StatisticsRecorder recorder = new StatisticsRecorder(Timing.ADAPTIVE);
        int threads = 6;
        int perThread = 200_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        record(recorder, recorder.submittedTimed(), 1, 2);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        ExecutorStatistics statistics = recorder.snapshot();
        assertEquals((long) threads * perThread, statistics.submitted());
        assertEquals((long) threads * perThread, statistics.executed());
        assertEquals(0, statistics.active());
        assertEquals(0, statistics.queued());
        assertTrue(statistics.timedRuns() > 0 && statistics.timedRuns() <= statistics.executed(), statistics::toString);
        assertEquals(statistics.timedRuns(), statistics.timedQueueWaits());
        assertEquals(2 * statistics.executed(), statistics.runtime().toNanos());
    }

    private static StatisticsRecorder adaptive(long seed) {
        Random random = new Random(seed);
        RunSampler seeded = new RunSampler(0) {
            @Override
            double uniform() {
                return random.nextDouble();
            }
        };
        return new StatisticsRecorder(Timing.ADAPTIVE, seeded);
    }

    /** What an executor does with the choice: times the run, or counts it untimed. */
    private static void record(StatisticsRecorder recorder, boolean timed, long wait, long run) {
        if (timed) {
            recorder.recordStarted(wait);
            recorder.recordFinished(run, false);
        } else {
            recorder.startedUntimed();
            recorder.finishedUntimed(false);
        }
    }

    /** Nine in ten runs about 10 µs, one in ten about 1 ms (log-normal each): p99 lies in the long ones. */
    private static long duration(Random random) {
        double median = random.nextInt(10) == 0 ? 1_000_000 : 10_000;
        return (long) (median * Math.exp(0.5 * random.nextGaussian()));
    }

    private static void assertWithin(Duration expected, Duration actual, double tolerance, String what) {
        double e = expected.toNanos();
        double a = actual.toNanos();
        assertTrue(Math.abs(a - e) <= tolerance * e, what + ": expected about " + expected + ", got " + actual);
    }
}
