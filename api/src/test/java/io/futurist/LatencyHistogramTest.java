package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The log-linear histogram: bucket arithmetic, and percentiles within 5% of exact nearest-rank ones. */
class LatencyHistogramTest {

    private static final double[] PERCENTILES = {0, 1, 50, 90, 99, 99.9, 100};
    private static final double TOLERANCE = 0.05;

    @Test
    void valuesBelowSixteenHaveExactBuckets() {
        for (int v = 0; v < 16; v++) {
            assertEquals(v, LatencyHistogram.bucketOf(v));
            assertEquals(v, LatencyHistogram.lowerBound(v));
            assertEquals(v, LatencyHistogram.representative(v));
        }
    }

    @Test
    void negativeValuesLandInTheZeroBucket() {
        assertEquals(0, LatencyHistogram.bucketOf(-1));
        assertEquals(0, LatencyHistogram.bucketOf(Long.MIN_VALUE));
    }

    @Test
    void hugeValuesLandInTheTopBucket() {
        assertEquals(LatencyHistogram.BUCKETS - 1, LatencyHistogram.bucketOf(Long.MAX_VALUE));
        assertEquals(LatencyHistogram.BUCKETS - 1, LatencyHistogram.bucketOf(1L << 50));
    }

    @Test
    void lowerBoundOfEveryBucketMapsBackToIt() {
        for (int b = 0; b < LatencyHistogram.BUCKETS; b++) {
            assertEquals(b, LatencyHistogram.bucketOf(LatencyHistogram.lowerBound(b)), "bucket " + b);
        }
    }

    @Test
    void bucketsAreContiguousAndIncreasing() {
        for (int b = 1; b < LatencyHistogram.BUCKETS; b++) {
            long lower = LatencyHistogram.lowerBound(b);
            assertTrue(lower > LatencyHistogram.lowerBound(b - 1), "bucket " + b);
            // The last value before a bucket's lower bound belongs to the bucket before it.
            assertEquals(b - 1, LatencyHistogram.bucketOf(lower - 1), "bucket " + b);
        }
    }

    @Test
    void everyValueLiesInsideItsBucket() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long v = i < 100_000 ? i : random.nextLong() >>> (1 + random.nextInt(16));
            int b = LatencyHistogram.bucketOf(v);
            assertTrue(LatencyHistogram.lowerBound(b) <= v, "value " + v);
            if (b + 1 < LatencyHistogram.BUCKETS) {
                assertTrue(v < LatencyHistogram.lowerBound(b + 1), "value " + v);
            }
        }
    }

    @Test
    void representativeIsWithinOneThirtySecondOfEveryValueInItsBucket() {
        for (int b = 0; b + 1 < LatencyHistogram.BUCKETS; b++) {
            long lowest = LatencyHistogram.lowerBound(b);
            long highest = LatencyHistogram.lowerBound(b + 1) - 1;
            long representative = LatencyHistogram.representative(b);
            assertEquals(b, LatencyHistogram.bucketOf(representative), "bucket " + b);
            assertTrue(representative - lowest <= lowest / 32.0, "bucket " + b);
            assertTrue(highest - representative <= highest / 32.0, "bucket " + b);
        }
    }

    static Stream<Arguments> distributions() {
        return Stream.of(
                Arguments.of("uniform 1 ns .. 1 ms", 10_000, (Distribution) r -> 1 + (long) (r.nextDouble() * 1_000_000)),
                Arguments.of("exponential, mean 50 us", 1_000, (Distribution) r -> (long) (-Math.log(1 - r.nextDouble()) * 50_000)),
                Arguments.of("exponential, mean 2 ms", 12_345, (Distribution) r -> (long) (-Math.log(1 - r.nextDouble()) * 2_000_000)),
                Arguments.of("constant 123457 ns", 5_000, (Distribution) r -> 123_457),
                Arguments.of("log-uniform 1 ns .. 10 s", 20_000, (Distribution) r -> (long) Math.pow(10, r.nextDouble() * 10)),
                Arguments.of("below 16 ns", 3_000, (Distribution) r -> r.nextInt(16)),
                Arguments.of("bimodal 2 us / 3 s", 2_000, (Distribution) r -> r.nextInt(100) < 97 ? 2_000 + r.nextInt(100) : 3_000_000_000L + r.nextInt(1_000_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void percentilesAreWithinFivePercentOfNearestRank(String name, int n, Distribution distribution) {
        Random random = new Random(name.hashCode());
        long[] runtimes = new long[n];
        long[] queueTimes = new long[n];
        StatisticsRecorder recorder = new StatisticsRecorder();
        for (int i = 0; i < n; i++) {
            runtimes[i] = distribution.next(random);
            queueTimes[i] = distribution.next(random);
            recorder.recordSubmitted();
            recorder.recordStarted(queueTimes[i]);
            recorder.recordFinished(runtimes[i], false);
        }
        ExecutorStatistics stats = recorder.snapshot();
        Arrays.sort(runtimes);
        Arrays.sort(queueTimes);
        for (double p : PERCENTILES) {
            assertClose(nearestRank(runtimes, p), stats.runtimePercentile(p).toNanos(), "runtime p" + p);
            assertClose(nearestRank(queueTimes, p), stats.queueTimePercentile(p).toNanos(), "queue time p" + p);
        }
        assertEquals(runtimes[n - 1], stats.maxRuntime().toNanos());
    }

    @Test
    void percentileRanksAreExactForDecimalPercentiles() {
        // 999 short runs and one long one: p99.9 is the 999th value, a short run, not the maximum.
        StatisticsRecorder recorder = new StatisticsRecorder();
        for (int i = 0; i < 999; i++) {
            recorder.recordStarted(100);
            recorder.recordFinished(100, false);
        }
        recorder.recordStarted(1_000_000);
        recorder.recordFinished(1_000_000, false);
        ExecutorStatistics stats = recorder.snapshot();
        assertClose(100, stats.runtimePercentile(99.9).toNanos(), "runtime p99.9");
        assertClose(100, stats.queueTimePercentile(99.9).toNanos(), "queue time p99.9");
        assertClose(1_000_000, stats.runtimePercentile(99.91).toNanos(), "runtime p99.91");
        assertEquals(1_000_000, stats.runtimePercentile(100).toNanos());
    }

    @Test
    void snapshotIsACopy() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(1000);
        LatencyHistogram.Snapshot before = histogram.snapshot(1000);
        histogram.record(5);
        assertEquals(1, before.count());
        assertEquals(2, histogram.snapshot(1000).count());
        assertNotEquals(before, histogram.snapshot(0));
    }

    /** The smallest value with at least p% of the values at or below it, p taken as the decimal it reads as. */
    private static long nearestRank(long[] sorted, double p) {
        long rank = new BigDecimal(Double.toString(p)).multiply(BigDecimal.valueOf(sorted.length))
                .divide(BigDecimal.valueOf(100)).setScale(0, RoundingMode.CEILING).longValueExact();
        return sorted[(int) Math.max(0, rank - 1)];
    }

    private static void assertClose(long expected, long actual, String what) {
        double error = expected == 0 ? actual : Math.abs(actual - expected) / (double) expected;
        assertTrue(error <= TOLERANCE, () -> what + ": expected " + expected + " ns within 5%, was " + actual + " ns");
    }

    /** Draws one value in nanoseconds. */
    @FunctionalInterface
    interface Distribution {
        long next(Random random);
    }
}
