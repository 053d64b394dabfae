package io.futurist.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * No-op tasks into the common pool through {@code CompletableFuture.runAsync(task,
 * ForkJoinPool.commonPool())}, in batches of {@link Work#BATCH}; the score is tasks per second.
 *
 * <p>The fork sets the common pool's parallelism to 2: on JDK 17 with 2 CPUs it would be 1, and
 * {@code CompletableFuture} then replaces even an explicitly passed common pool with a new
 * thread per task — no pool would be measured at all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = CommonPoolRunAsync.PARALLELISM_2)
public class CommonPoolRunAsync {

    /** The JVM option every fork of this case needs. */
    public static final String PARALLELISM_2 = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2";

    private ForkJoinPool pool;

    @Setup(Level.Trial)
    public void start() {
        pool = ForkJoinPool.commonPool();
        if (pool.getParallelism() < 2) {
            throw new IllegalStateException("common pool parallelism is " + pool.getParallelism()
                    + "; run this case with " + PARALLELISM_2);
        }
    }

    @Benchmark
    @OperationsPerInvocation(Work.BATCH)
    public void runAsync(CpuCost cpu) throws InterruptedException {
        long start = cpu.start();
        CountDownLatch batch = new CountDownLatch(Work.BATCH);
        for (int i = 0; i < Work.BATCH; i++) {
            CompletableFuture.runAsync(new Work(batch, 0), pool);
        }
        batch.await();
        cpu.end(start, Work.BATCH);
    }
}
