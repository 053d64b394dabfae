package io.futurist.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code Arrays.stream(longs).parallel().sum()} over 10 million longs, started from the
 * benchmark thread: its root runs there and its pieces are forked into the common pool
 * (default parallelism). Average time per sum.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParallelStreamSum {

    private long[] values;

    @Setup(Level.Trial)
    public void fill() {
        values = new SplittableRandom(42).longs(10_000_000, 0, 1_000_000).toArray();
    }

    @Benchmark
    public long sum(CpuCost cpu) {
        long start = cpu.start();
        long sum = Arrays.stream(values).parallel().sum();
        cpu.end(start, 1);
        return sum;
    }
}
