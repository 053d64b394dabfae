package io.futurist.bench;

import io.futurist.ExecutorStatistics;
import io.futurist.Futurist;
import io.futurist.TrackedExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What reading statistics costs with {@value #EXECUTORS} tracked executors, each of which has
 * run tasks (so both of its histograms exist). Average time per call. Needs the agent: without
 * it the JDK's pools are not tracked.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StatisticsSnapshot {

    static final int EXECUTORS = 1_000;

    private final List<ThreadPoolExecutor> pools = new ArrayList<>();
    private ThreadPoolExecutor one;
    private TrackedExecutor tracked;

    @Setup(Level.Trial)
    public void start() throws InterruptedException, ExecutionException {
        if (!Futurist.isAgentActive()) {
            throw new IllegalStateException("StatisticsSnapshot measures the agent: run it with -javaagent");
        }
        for (int i = 0; i < EXECUTORS; i++) {
            // Workers time out, so 1,000 pools do not mean 1,000 idle threads.
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 10, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
            pool.allowCoreThreadTimeOut(true);
            for (int task = 0; task < 10; task++) {
                pool.submit(() -> Work.busy(1_000)).get();
            }
            pools.add(pool);
        }
        one = pools.get(EXECUTORS / 2);
        List<TrackedExecutor> all = Futurist.executors();
        if (all.size() < EXECUTORS) {
            throw new IllegalStateException("only " + all.size() + " executors tracked");
        }
        tracked = all.get(all.size() - EXECUTORS / 2);
    }

    @TearDown(Level.Trial)
    public void stop() {
        pools.forEach(ThreadPoolExecutor::shutdown);
    }

    /** {@code Futurist.statistics(executor)}: registry look-up and snapshot of one executor. */
    @Benchmark
    public Optional<ExecutorStatistics> futuristStatistics() {
        return Futurist.statistics(one);
    }

    /** {@code TrackedExecutor.statistics()}: the snapshot alone. */
    @Benchmark
    public ExecutorStatistics trackedStatistics() {
        return tracked.statistics();
    }

    /** {@code Futurist.executors()} and a snapshot of each: what a full report costs. */
    @Benchmark
    public void allStatistics(Blackhole sink) {
        for (TrackedExecutor executor : Futurist.executors()) {
            sink.consume(executor.statistics());
        }
    }
}
