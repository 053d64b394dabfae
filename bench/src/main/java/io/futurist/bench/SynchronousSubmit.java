package io.futurist.bench;

import io.futurist.SynchronousExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
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
 * {@link SynchronousExecutor#submit(Callable)} of a trivial callable against what it stands
 * for: creating a {@link FutureTask} and running it in the caller. Average time per task.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SynchronousSubmit {

    private static final Callable<Integer> ANSWER = () -> 42;

    private SynchronousExecutor executor;

    @Setup(Level.Trial)
    public void start() {
        executor = new SynchronousExecutor("bench");
    }

    @Benchmark
    public Future<Integer> bareFutureTask() {
        FutureTask<Integer> task = new FutureTask<>(ANSWER);
        task.run();
        return task;
    }

    @Benchmark
    public Future<Integer> synchronousExecutor() {
        return executor.submit(ANSWER);
    }
}
