package io.futurist.bench;

import com.codahale.metrics.InstrumentedExecutorService;
import com.codahale.metrics.MetricRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Task throughput through a 2-worker {@code ThreadPoolExecutor} ({@code newFixedThreadPool(2)}),
 * bare or behind Micrometer's or Dropwizard's executor wrapper; run it in a JVM with
 * {@code -javaagent} for the agent's case, and with {@link Scraper#PROPERTY} set for an exporter
 * scraped once a second while it runs.
 *
 * <p>One operation is a batch of {@link Work#BATCH} tasks submitted with {@code execute} and
 * awaited on one latch; the score is tasks per second. The submitter parks while it waits, so on
 * a 2-core machine the two workers and the submitter share the CPUs and the score reflects the
 * whole cost of a task: submission, hand-over and run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ThreadPoolThroughput {

    /** Wall time each task is busy, in nanoseconds: no-op, 1 µs, 10 µs. */
    @Param({"0", "1000", "10000"})
    public long workNanos;

    /** {@code none}, {@code micrometer} (ExecutorServiceMetrics.monitor, timers), {@code dropwizard} (InstrumentedExecutorService). */
    @Param({"none", "micrometer", "dropwizard"})
    public String wrapper;

    private ExecutorService pool;
    private ExecutorService executor;
    /** Scrapes an exporter once a second when the fork is told to ({@link Scraper#PROPERTY}), else null. */
    private Scraper scraper;

    @Setup(Level.Trial)
    public void start() {
        pool = Executors.newFixedThreadPool(2);
        executor = wrap(pool, wrapper);
        scraper = Scraper.startIfAsked();
        // Measure the pool as a long-running application has it: in the old generation. A fork
        // lives for a handful of young collections, so without this the pool, its queue and the
        // agent's bookkeeping stayed young in one variant and were promoted early in another
        // (whose set-up allocated enough to overflow the survivor space), and G1's write barrier
        // on their per-task reference stores made a fifth of the difference (PROFILE.md §13.3).
        System.gc();
    }

    /** {@code pool} as the named wrapper sees it. */
    static ExecutorService wrap(ExecutorService pool, String wrapper) {
        switch (wrapper) {
            case "none":
                return pool;
            case "micrometer":
                return ExecutorServiceMetrics.monitor(new SimpleMeterRegistry(), pool, "bench");
            case "dropwizard":
                return new InstrumentedExecutorService(pool, new MetricRegistry(), "bench");
            default:
                throw new IllegalArgumentException("unknown wrapper: " + wrapper);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        if (scraper != null) {
            scraper.stop();
        }
    }

    @Benchmark
    @OperationsPerInvocation(Work.BATCH)
    public void execute(CpuCost cpu) throws InterruptedException {
        long start = cpu.start();
        CountDownLatch batch = new CountDownLatch(Work.BATCH);
        for (int i = 0; i < Work.BATCH; i++) {
            executor.execute(new Work(batch, workNanos));
        }
        batch.await();
        cpu.end(start, Work.BATCH);
    }
}
