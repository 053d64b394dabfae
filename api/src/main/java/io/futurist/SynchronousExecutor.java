package io.futurist;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An executor that runs every task in the calling thread before {@code execute} or
 * {@code submit} returns, with statistics.
 *
 * <p>A future returned by {@code submit} is therefore already done: it holds the value, the
 * exception, or is cancelled. {@link #execute(Runnable)} lets an exception thrown by the task
 * propagate to the caller (as running it directly would) after counting it as a failure.
 * Queue time is always zero: nothing waits.
 *
 * <p>Lifecycle: {@link #shutdown()} refuses further tasks (throwing
 * {@link RejectedExecutionException}, counted as rejected) while the tasks already running in
 * their callers finish; the executor terminates when the last of them returns.
 * {@link #shutdownNow()} cannot take back work that is running in other threads, so it
 * neither interrupts them nor returns anything. {@link #restart()} revives a shut-down
 * executor with fresh statistics.
 */
public final class SynchronousExecutor extends FuturistExecutorService {

    /** The kernel's record of this executor ({@link Kernel}); never handed out. */
    private final TrackedExecutor record;
    /**
     * The record's recorder, kept here so that a task does not ask the kernel for it: that call
     * and the type check behind it are a measurable share of a no-op task. Only
     * {@link #restart()} makes the record replace it (the agent resets only the executors it
     * instruments), so it is fetched again there.
     */
    private volatile StatisticsRecorder recorder;
    private final AtomicInteger running = new AtomicInteger();
    private final ReentrantLock terminationLock = new ReentrantLock();
    private final Condition terminated = terminationLock.newCondition();

    /** A synchronous executor named after its type and id, timing runs {@link Timing#ADAPTIVE adaptively}. */
    public SynchronousExecutor() {
        this(null, Timing.ADAPTIVE);
    }

    /**
     * A synchronous executor with a name of its own, as shown by {@link TrackedExecutor#name()},
     * timing runs {@link Timing#ADAPTIVE adaptively}.
     *
     * @param name a non-empty name
     */
    public SynchronousExecutor(String name) {
        this(Objects.requireNonNull(name, "name"), Timing.ADAPTIVE);
    }

    /**
     * A synchronous executor with a timing of its own.
     *
     * @param name   a non-empty name, as shown by {@link TrackedExecutor#name()}, or {@code null}
     *               for one made of its type and id
     * @param timing which runs to time
     */
    public SynchronousExecutor(String name, Timing timing) {
        Objects.requireNonNull(timing, "timing");
        if (name != null && name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        this.record = Kernel.register(this, timing, name, null);
        this.recorder = Kernel.recorder(record);
    }

    /** The statistics as of now. */
    public ExecutorStatistics statistics() {
        return record.statistics();
    }

    /** True until {@link #shutdown()} or {@link #shutdownNow()}, and again after {@link #restart()}. */
    public boolean isAlive() {
        return record.alive();
    }

    /**
     * Runs {@code command} now, in this thread.
     *
     * @throws RejectedExecutionException when the executor is shut down
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        StatisticsRecorder recorder = this.recorder;
        running.incrementAndGet();
        try {
            // Checked after announcing the run, so that termination never overlooks it.
            if (!record.alive()) {
                recorder.rejected();
                throw new RejectedExecutionException("SynchronousExecutor " + record.name() + " is shut down");
            }
            if (Kernel.isCancelled(command)) {
                recorder.submitted();
                recorder.cancelled();
                return;
            }
            boolean timed = recorder.acceptedAndStarted();
            long start = timed ? System.nanoTime() : 0;
            boolean failed = true;
            try {
                command.run();
                failed = Kernel.capturedFailure(command);
            } finally {
                if (timed) {
                    recorder.finished(System.nanoTime() - start, failed);
                } else {
                    recorder.finishedUntimed(failed);
                }
            }
        } finally {
            if (running.decrementAndGet() == 0 && !record.alive()) {
                signalTermination();
            }
        }
    }

    /** Refuses new tasks from now on; tasks running in their callers finish normally. */
    @Override
    public void shutdown() {
        Kernel.markShutDown(record);
        if (running.get() == 0) {
            signalTermination();
        }
    }

    /** Same as {@link #shutdown()}: running tasks belong to their callers and are not interrupted. */
    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        return Collections.emptyList();
    }

    @Override
    public boolean isShutdown() {
        return !record.alive();
    }

    @Override
    public boolean isTerminated() {
        return !record.alive() && running.get() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        terminationLock.lock();
        try {
            while (!isTerminated()) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = terminated.awaitNanos(remaining);
            }
            return true;
        } finally {
            terminationLock.unlock();
        }
    }

    /**
     * Revives a shut-down executor: it accepts tasks again, and its statistics start afresh.
     * Does nothing while the executor is alive.
     */
    public void restart() {
        Kernel.restart(record);
        recorder = Kernel.recorder(record);
    }

    private void signalTermination() {
        if (isTerminated()) {
            Kernel.markTerminated(record);
        }
        terminationLock.lock();
        try {
            terminated.signalAll();
        } finally {
            terminationLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SynchronousExecutor[" + record.name() + (record.alive() ? ", alive]" : ", shut down]");
    }
}
