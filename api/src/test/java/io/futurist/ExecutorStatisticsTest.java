package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The immutable statistics snapshot: its empty value, derived averages, argument checks and value semantics. */
class ExecutorStatisticsTest {

    @Test
    void emptyIsAllZero() {
        ExecutorStatistics empty = ExecutorStatistics.EMPTY;
        assertEquals(0, empty.submitted());
        assertEquals(0, empty.rejected());
        assertEquals(0, empty.executed());
        assertEquals(0, empty.failures());
        assertEquals(0, empty.cancelled());
        assertEquals(0, empty.active());
        assertEquals(0, empty.queued());
        assertEquals(Duration.ZERO, empty.runtime());
        assertEquals(Duration.ZERO, empty.averageRuntime());
        assertEquals(Duration.ZERO, empty.queueTime());
        assertEquals(Duration.ZERO, empty.averageQueueTime());
        assertEquals(Duration.ZERO, empty.maxRuntime());
        for (double p : new double[] {0, 50, 99.9, 100}) {
            assertEquals(Duration.ZERO, empty.runtimePercentile(p), "runtime p" + p);
            assertEquals(Duration.ZERO, empty.queueTimePercentile(p), "queue time p" + p);
        }
    }

    @Test
    void freshRecorderSnapshotEqualsEmpty() {
        ExecutorStatistics fresh = new StatisticsRecorder().snapshot();
        assertEquals(ExecutorStatistics.EMPTY, fresh);
        assertEquals(ExecutorStatistics.EMPTY.hashCode(), fresh.hashCode());
    }

    @Test
    void averagesAreZeroWhenNothingExecuted() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.recordSubmitted();
        recorder.recordSubmitted();
        recorder.recordStarted(-1); // started, queue time unknown, still running
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(0, stats.executed());
        assertEquals(Duration.ZERO, stats.averageRuntime());
        assertEquals(Duration.ZERO, stats.averageQueueTime());
        assertEquals(Duration.ZERO, stats.runtimePercentile(50));
    }

    @Test
    void averagesDivideTotalsByTheirCounts() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.recordSubmitted();
        recorder.recordSubmitted();
        recorder.recordStarted(10);
        recorder.recordStarted(31);
        recorder.recordFinished(100, false);
        recorder.recordFinished(301, false);
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(Duration.ofNanos(401), stats.runtime());
        assertEquals(Duration.ofNanos(200), stats.averageRuntime());
        assertEquals(Duration.ofNanos(41), stats.queueTime());
        assertEquals(Duration.ofNanos(20), stats.averageQueueTime());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.0001, -1, 100.0001, 101, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY})
    void percentileOutsideZeroToHundredIsRejected(double p) {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.recordSubmitted();
        recorder.recordStarted(5);
        recorder.recordFinished(7, false);
        for (ExecutorStatistics stats : new ExecutorStatistics[] {ExecutorStatistics.EMPTY, recorder.snapshot()}) {
            assertThrows(IllegalArgumentException.class, () -> stats.runtimePercentile(p));
            assertThrows(IllegalArgumentException.class, () -> stats.queueTimePercentile(p));
        }
    }

    @Test
    void percentileBoundsAreAccepted() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.recordStarted(3);
        recorder.recordFinished(9, false);
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(Duration.ofNanos(9), stats.runtimePercentile(0));
        assertEquals(Duration.ofNanos(9), stats.runtimePercentile(100));
        assertEquals(Duration.ofNanos(3), stats.queueTimePercentile(0));
        assertEquals(Duration.ofNanos(3), stats.queueTimePercentile(100));
    }

    @Test
    void snapshotsOfTheSameRecordingsAreEqual() {
        ExecutorStatistics a = recording(1, 2, 3).snapshot();
        ExecutorStatistics b = recording(1, 2, 3).snapshot();
        assertEquals(a, a);
        assertEquals(a, b);
        assertEquals(b, a);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.toString(), b.toString());
    }

    @Test
    void snapshotsDifferingInOneCounterAreNotEqual() {
        StatisticsRecorder recorder = recording(1, 2, 3);
        ExecutorStatistics before = recorder.snapshot();
        recorder.recordRejected();
        ExecutorStatistics after = recorder.snapshot();
        assertNotEquals(before, after);
        assertNotEquals(before, null);
        assertNotEquals(before, "ExecutorStatistics");
    }

    @Test
    void snapshotsDifferingOnlyInDistributionAreNotEqual() {
        // Same count, total and maximum; only the percentiles tell them apart.
        ExecutorStatistics spread = recording(10, 30, 30).snapshot();
        ExecutorStatistics even = recording(20, 20, 30).snapshot();
        assertEquals(spread.runtime(), even.runtime());
        assertEquals(spread.maxRuntime(), even.maxRuntime());
        assertNotEquals(spread.runtimePercentile(0), even.runtimePercentile(0));
        assertNotEquals(spread, even);
    }

    @Test
    void toStringNamesEveryCounter() {
        StatisticsRecorder recorder = recording(100, 200);
        recorder.recordSubmitted();
        recorder.recordRejected();
        recorder.recordCancelled();
        String text = recorder.snapshot().toString();
        for (String part : new String[] {"submitted=3", "rejected=1", "executed=2", "failures=1", "cancelled=1",
                "active=0", "queued=0", "runtime=PT0.0000003S", "maxRuntime=PT0.0000002S"}) {
            assertTrue(text.contains(part), () -> part + " missing from " + text);
        }
    }

    /** A recorder that ran one task per runtime given, the first of them failing. */
    private static StatisticsRecorder recording(long... runtimes) {
        StatisticsRecorder recorder = new StatisticsRecorder();
        boolean failed = true;
        for (long runtime : runtimes) {
            recorder.recordSubmitted();
            recorder.recordStarted(runtime / 2);
            recorder.recordFinished(runtime, failed);
            failed = false;
        }
        return recorder;
    }

    @Test
    void plusIsWhatOneRecorderOfBothWouldHaveSeen() {
        StatisticsRecorder first = new StatisticsRecorder();
        StatisticsRecorder second = new StatisticsRecorder();
        StatisticsRecorder both = new StatisticsRecorder();
        for (StatisticsRecorder recorder : List.of(first, both)) {
            recorder.recordSubmitted();
            recorder.recordStarted(1_000);
            recorder.recordFinished(10_000, false);
            recorder.recordRejected();
        }
        for (StatisticsRecorder recorder : List.of(second, second, both, both)) {
            recorder.recordSubmitted();
            recorder.recordStarted(3_000);
            recorder.recordFinished(2_000_000, true);
        }
        second.recordSubmitted();
        second.recordCancelled();
        both.recordSubmitted();
        both.recordCancelled();
        ExecutorStatistics sum = first.snapshot().plus(second.snapshot());
        assertEquals(both.snapshot(), sum);
        assertEquals(Duration.ofNanos(2_000_000), sum.maxRuntime());
        assertEquals(both.snapshot().runtimePercentile(50), sum.runtimePercentile(50));
        assertEquals(sum, ExecutorStatistics.EMPTY.plus(sum));
        assertEquals(sum, sum.plus(ExecutorStatistics.EMPTY));
    }

    @Test
    void minusGivesTheIntervalBetweenTwoSnapshots() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        for (int i = 0; i < 3; i++) {
            recorder.recordSubmitted();
            recorder.recordStarted(1_000);
            recorder.recordFinished(10_000, false);
        }
        ExecutorStatistics earlier = recorder.snapshot();
        recorder.recordSubmitted();
        recorder.recordSubmitted();
        recorder.recordStarted(2_000);
        recorder.recordFinished(1_000_000, true);
        recorder.recordRejected();
        ExecutorStatistics later = recorder.snapshot();
        ExecutorStatistics interval = later.minus(earlier);
        assertEquals(2, interval.submitted());
        assertEquals(1, interval.rejected());
        assertEquals(1, interval.executed());
        assertEquals(1, interval.failures());
        assertEquals(1, interval.timedRuns());
        assertEquals(1, interval.queued(), "gauges are the later snapshot's");
        assertEquals(Duration.ofNanos(1_000_000), interval.runtime());
        assertEquals(Duration.ofNanos(2_000), interval.queueTime());
        long p99 = interval.runtimePercentile(99).toNanos();
        assertTrue(Math.abs(p99 - 1_000_000) <= 50_000, "interval p99 " + p99);
        assertEquals(ExecutorStatistics.EMPTY.submitted(), later.minus(later).submitted());
        assertEquals(0, later.minus(later).timedRuns());
        assertEquals(0, earlier.minus(later).submitted(), "a counter that went backwards gives zero");
    }

    @Test
    void timedRunsAndCumulativeCounts() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        long[] runs = {1_000, 2_000, 1_000_000};
        for (long run : runs) {
            recorder.recordSubmitted();
            recorder.recordStarted(500);
            recorder.recordFinished(run, false);
        }
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(3, stats.timedRuns());
        assertEquals(3, stats.timedQueueWaits());
        assertEquals(0, stats.runsAtOrBelow(Duration.ofNanos(100)));
        assertEquals(2, stats.runsAtOrBelow(Duration.ofMillis(0).plusNanos(100_000)));
        assertEquals(3, stats.runsAtOrBelow(Duration.ofSeconds(1)));
        assertEquals(3, stats.queueWaitsAtOrBelow(Duration.ofNanos(600)));
    }

    @Test
    void shapeIsAbsentUntilGivenAndCountsInEquality() {
        ExecutorStatistics stats = new StatisticsRecorder().snapshot();
        assertTrue(stats.poolSize().isEmpty());
        assertTrue(stats.queueCapacity().isEmpty());
        ExecutorStatistics shaped = stats.withShape(PoolShape.threadPool(2, 2, 4, 3, 100));
        assertEquals(2, shaped.poolSize().getAsInt());
        assertEquals(2, shaped.corePoolSize().getAsInt());
        assertEquals(4, shaped.maximumPoolSize().getAsInt());
        assertEquals(3, shaped.largestPoolSize().getAsInt());
        assertEquals(100, shaped.queueCapacity().getAsInt());
        assertTrue(shaped.parallelism().isEmpty());
        assertNotEquals(stats, shaped);
        assertTrue(stats.withShape(PoolShape.threadPool(1, 1, 1, 1, Integer.MAX_VALUE)).queueCapacity().isEmpty(),
                "Integer.MAX_VALUE is an unbounded queue");
        ExecutorStatistics forkJoin = stats.withShape(PoolShape.forkJoinPool(3, 4));
        assertEquals(4, forkJoin.parallelism().getAsInt());
        assertTrue(forkJoin.corePoolSize().isEmpty());
    }

    @Test
    void loadIsAbsentUntilGivenKeptByShapeAndMinusAndDroppedByPlus() {
        ExecutorStatistics stats = new StatisticsRecorder().snapshot();
        assertTrue(stats.utilization().isEmpty());
        assertTrue(stats.queueFill().isEmpty());
        ExecutorStatistics loaded = stats.withLoad(0.75, Double.NaN).withShape(PoolShape.threadPool(4, 4, 4, 4, 10));
        assertEquals(0.75, loaded.utilization().getAsDouble());
        assertTrue(loaded.queueFill().isEmpty(), "NaN: not known");
        assertEquals(4, loaded.maximumPoolSize().getAsInt(), "the shape and the load live side by side");
        assertNotEquals(stats, stats.withLoad(0.75, Double.NaN));
        assertEquals(stats.withLoad(0.75, 0.5), stats.withLoad(0.75, 0.5));
        assertEquals(stats, stats.withLoad(Double.NaN, Double.NaN));
        ExecutorStatistics interval = loaded.minus(stats);
        assertEquals(0.75, interval.utilization().getAsDouble(), "a gauge: this snapshot's");
        assertTrue(stats.minus(loaded).utilization().isEmpty());
        assertTrue(loaded.plus(loaded).utilization().isEmpty(), "shares of two pools do not add up");
        assertEquals(75, Statistic.UTILIZATION.read(loaded).getAsLong());
        assertTrue(Statistic.QUEUE_FILL.read(loaded).isEmpty());
        assertEquals(33, Statistic.QUEUE_FILL.read(stats.withLoad(0, 1 / 3.0)).getAsLong(), "whole percent, rounded");
        assertEquals(Statistic.Unit.PERCENT, Statistic.UTILIZATION.unit());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.POSITIVE_INFINITY})
    void loadOutsideZeroToOneIsRefused(double share) {
        ExecutorStatistics stats = new StatisticsRecorder().snapshot();
        assertThrows(IllegalArgumentException.class, () -> stats.withLoad(share, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> stats.withLoad(Double.NaN, share));
    }
}
