package io.futurist.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One-shot tasks through a 2-worker {@code ScheduledThreadPoolExecutor}: {@code schedule} with
 * zero delay, no-op tasks, in batches of {@link Work#BATCH}; the score is tasks per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScheduledOneShots {

    private ScheduledThreadPoolExecutor pool;

    @Setup(Level.Trial)
    public void start() {
        pool = new ScheduledThreadPoolExecutor(2);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(Work.BATCH)
    public void schedule(CpuCost cpu) throws InterruptedException {
        long start = cpu.start();
        CountDownLatch batch = new CountDownLatch(Work.BATCH);
        for (int i = 0; i < Work.BATCH; i++) {
            pool.schedule(new Work(batch, 0), 0, TimeUnit.NANOSECONDS);
        }
        batch.await();
        cpu.end(start, Work.BATCH);
    }
}
