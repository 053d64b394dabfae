package io.futurist.bench;

import io.futurist.GreenExecutor;
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
 * No-op tasks, one virtual thread each: Futurist's {@link GreenExecutor} (unbounded) against
 * the JDK's {@code Executors.newVirtualThreadPerTaskExecutor()}, in batches of
 * {@link Work#BATCH}; the score is tasks per second. Java 21 and later only: this module
 * compiles for 17, so the JDK's executor is reached by reflection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VirtualThreadThroughput {

    /** {@code green} for GreenExecutor, {@code jdk} for newVirtualThreadPerTaskExecutor. */
    @Param({"green", "jdk"})
    public String executorKind;

    private ExecutorService executor;

    @Setup(Level.Trial)
    public void start() throws ReflectiveOperationException {
        if (Runtime.version().feature() < 21) {
            throw new UnsupportedOperationException("virtual threads need Java 21+; this is " + Runtime.version());
        }
        switch (executorKind) {
            case "green":
                executor = new GreenExecutor();
                break;
            case "jdk":
                executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
                break;
            default:
                throw new IllegalArgumentException("unknown executor: " + executorKind);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(Work.BATCH)
    public void execute(CpuCost cpu) throws InterruptedException {
        long start = cpu.start();
        CountDownLatch batch = new CountDownLatch(Work.BATCH);
        for (int i = 0; i < Work.BATCH; i++) {
            executor.execute(new Work(batch, 0));
        }
        batch.await();
        cpu.end(start, Work.BATCH);
    }
}
