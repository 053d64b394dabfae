package io.futurist.agent.probe;

import io.futurist.agent.probe.Faults.Hook;
import io.futurist.internal.ExecutorRecord;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Entry points for {@link ThreadPoolExecutor} and its subclasses.
 *
 * <p>Runs are measured inside {@code runWorker}, around the very {@code task.run()} call, so
 * that subclasses overriding {@code beforeExecute}/{@code afterExecute} without calling
 * {@code super} are still counted. A worker learns its executor once, when it enters
 * {@code runWorker}, and keeps it in a thread-local for the rest of its life: a worker thread
 * belongs to one pool forever, and this spares a registry look-up per task.
 */
public final class ThreadPoolProbe {

    private static final ThreadLocal<ExecutorRecord> WORKER_OF = new ThreadLocal<>();

    private ThreadPoolProbe() {
    }

    /** The current thread becomes a worker of {@code executor} (entry of {@code runWorker}). */
    public static void workerStarted(Object executor) {
        if (!TaskLedger.recording() || !Hook.RUN.enabled()) {
            return;
        }
        try {
            ExecutorRecord record = TaskLedger.recordOf(executor);
            record.nameAfterWorker(Thread.currentThread().getName());
            WORKER_OF.set(record);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
    }

    /**
     * Replaces {@code task.run()} inside {@code runWorker}: runs the task exactly as before and
     * records the run. The task's own exceptions pass through untouched.
     */
    public static void run(Runnable task) {
        ExecutorRecord record = WORKER_OF.get();
        long start = TaskLedger.beginRun(record, task);
        Object watched = start == TaskLedger.NOT_TRACKED ? null : TaskLedger.watch(task);
        try {
            task.run();
        } catch (Throwable thrown) {
            TaskLedger.endRun(record, task, start, watched, true);
            throw thrown;
        }
        TaskLedger.endRun(record, task, start, watched, false);
    }

    /** After {@code tryTerminate}: if the pool has terminated, close its books. */
    public static void terminationAttempted(ThreadPoolExecutor executor) {
        try {
            if (executor.isTerminated()) {
                TaskLedger.terminated(executor);
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
    }
}
