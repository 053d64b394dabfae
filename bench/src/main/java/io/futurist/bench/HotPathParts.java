package io.futurist.bench;

import io.futurist.StatisticsRecorder;
import io.futurist.internal.ExecutorRegistry;
import io.futurist.internal.PendingTasks;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.SynchronousQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The pieces the agent's per-task path is made of, each alone in one thread, without the
 * agent: what a clock read, a first identity hash, an adder increment or a pending-table round
 * trip cost on this machine. Not part of the suite's table; {@code bench/profile.sh} runs it
 * to put a floor under the per-task overhead. Average time per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathParts {

    private static final ThreadLocal<Object> LOCAL = ThreadLocal.withInitial(Object::new);

    private final Object hashed = new Object();
    private final LongAdder adder = new LongAdder();
    private final PendingTasks pending = new PendingTasks();
    /** A table holding 1,000 tasks, as an executor's does while 1,000 tasks are queued. */
    private final PendingTasks crowded = new PendingTasks();
    private final Object[] queued = new Object[Work.BATCH];
    private final StatisticsRecorder recorder = new StatisticsRecorder();
    private ThreadPoolExecutor executor;

    @Setup(Level.Trial)
    public void start() {
        System.identityHashCode(hashed);
        executor = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new SynchronousQueue<>());
        ExecutorRegistry.global().register(executor, "bench");
        for (int i = 0; i < queued.length; i++) {
            queued[i] = new Object();
            crowded.put(queued[i], i);
        }
        recorder.recordStarted(100);
        recorder.recordFinished(200, false);
    }

    /** {@code System.nanoTime()}: the agent reads it three times per task. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    /** A fresh object: the baseline for the next one. */
    @Benchmark
    public Object freshObject() {
        return new Object();
    }

    /** The first identity hash of a fresh object, as every newly submitted task needs. */
    @Benchmark
    public int freshObjectIdentityHash() {
        return System.identityHashCode(new Object());
    }

    /** An identity hash already in the header (the worker's look-up of the same task). */
    @Benchmark
    public int cachedIdentityHash() {
        return System.identityHashCode(hashed);
    }

    /** One uncontended {@code LongAdder.increment()}. */
    @Benchmark
    public void longAdderIncrement() {
        adder.increment();
    }

    /** {@code ThreadLocal.get()}, as the worker finds its executor. */
    @Benchmark
    public Object threadLocalGet() {
        return LOCAL.get();
    }

    /** {@code PendingTasks.put} then {@code take} of a fresh task (includes its first identity hash). */
    @Benchmark
    public long pendingPutTake() {
        Object task = new Object();
        pending.put(task, 1L);
        return pending.take(task);
    }

    /** The same with 1,000 other tasks in the table: the first levels are full, so both calls probe several. */
    @Benchmark
    public long pendingPutTakeWith1000Queued() {
        Object task = new Object();
        crowded.put(task, 1L);
        return crowded.take(task);
    }

    /** {@code StatisticsRecorder.started} and {@code finished}: the counters and histograms of one run. */
    @Benchmark
    public void recorderStartedFinished() {
        recorder.recordStarted(150);
        recorder.recordFinished(250, false);
    }

    /** {@code StatisticsRecorder.snapshot()} of a recorder whose histograms exist: the reader's side. */
    @Benchmark
    public Object recorderSnapshot() {
        return recorder.snapshot();
    }

    /** {@code ExecutorRegistry.find}: the registry look-up each submission makes. */
    @Benchmark
    public Object registryFind() {
        return ExecutorRegistry.global().find(executor);
    }
}
