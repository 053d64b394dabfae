package io.futurist.agent.probe;

import io.futurist.agent.probe.Faults.Hook;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import java.util.concurrent.RejectedExecutionException;

/**
 * Entry points for the request pools of web servers, which are not the JDK's classes: Tomcat's
 * {@code org.apache.tomcat.util.threads.ThreadPoolExecutor} and Jetty's
 * {@code org.eclipse.jetty.util.thread.QueuedThreadPool}. The agent finds them by name when an
 * application's class loader defines them; this class names neither, so that the agent depends
 * on no server. What each event means for the books is {@link TaskLedger}'s to decide, as for
 * the JDK's pools; this class only says where the events are.
 *
 * <p>Tomcat's pool is a copy of the JDK's pool code and shares most of its hooks with it
 * ({@link ThreadPoolProbe}); it differs in refusals: its {@code execute} catches the refusal of
 * its own rejection handler and forces the task into the queue after all, so a task is refused
 * only when {@code execute} throws {@link RejectedExecutionException}, or when a handler returned
 * without throwing (it dropped or ran the task itself).
 *
 * <p>Jetty's pool runs each job in {@code QueuedThreadPool$Runner.doRunJob(Runnable)}, a private
 * method that catches whatever the job throws and hands it to {@code onJobFailure}: the run is
 * the call of {@code doRunJob}, its failure the call of {@code onJobFailure} inside it. A thread
 * of the pool belongs to it for life, so it learns its pool's record once and keeps it in a
 * thread-local ({@link JobThread}), which holds nothing of the application's: no class, loader
 * or pool, so a web application's loader is never kept alive by a pool thread of the agent's.
 *
 * <p>Thread safety: every method is called on the thread it concerns, and the per-thread state
 * is touched by that thread only; the shared books are {@link TaskLedger}'s.
 */
public final class ServerPoolProbe {

    private static final ExecutorRegistry REGISTRY = ExecutorRegistry.global();

    /** Per Jetty pool thread: its pool's record and the job it runs now. */
    private static final ThreadLocal<JobThread> JOB_THREAD = new ThreadLocal<>();

    private ServerPoolProbe() {
    }

    /**
     * Exit of the pool's submission: {@code thrown} a {@link RejectedExecutionException} means the
     * pool refused {@code task} (after any retry of its own); then as
     * {@link TaskLedger#submissionEnded}.
     */
    public static void submissionEnded(Object pool, Object task, Throwable thrown, Object counted) {
        if (thrown instanceof RejectedExecutionException && task != null) {
            TaskLedger.rejected(pool, task);
        }
        TaskLedger.submissionEnded(counted, task);
    }

    /** Entry of a Jetty {@code Runner}'s loop: the current thread becomes a thread of {@code pool}. */
    public static void runnerStarted(Object pool) {
        if (!TaskLedger.recording()) {
            return;
        }
        try {
            jobThread(pool);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
    }

    /**
     * Entry of {@code doRunJob(job)}: the job starts.
     *
     * @return what {@link #jobEnded} needs: the start time, {@link TaskLedger#UNTIMED} or
     *         {@link TaskLedger#NOT_TRACKED}
     */
    public static long jobStarting(Object pool, Runnable job) {
        if (!TaskLedger.recording()) {
            return TaskLedger.NOT_TRACKED;
        }
        JobThread thread;
        try {
            // A thread that was already in its loop at an attach learns its pool here.
            thread = jobThread(pool);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
            return TaskLedger.NOT_TRACKED;
        }
        long start = TaskLedger.beginRun(thread.record, job);
        thread.failed = false;
        thread.watched = start == TaskLedger.NOT_TRACKED ? null : TaskLedger.watch(job);
        return start;
    }

    /**
     * Called inside {@code doRunJob} with what the job threw, just before the pool's
     * {@code onJobFailure} gets it; returns it unchanged.
     */
    public static Throwable jobFailed(Throwable failure) {
        try {
            JobThread thread = JOB_THREAD.get();
            if (thread != null) {
                thread.failed = true;
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
        return failure;
    }

    /** Exit of {@code doRunJob(job)}; {@code threw} when something escaped it (the failure handler threw). */
    public static void jobEnded(Runnable job, long start, boolean threw) {
        if (start == TaskLedger.NOT_TRACKED) {
            return;
        }
        JobThread thread = JOB_THREAD.get();
        if (thread == null) {
            return;
        }
        TaskLedger.endRun(thread.record, job, start, thread.watched, thread.failed || threw, true);
        // Drop the reference at once: a finished job must not be kept alive by its thread.
        thread.watched = null;
        thread.failed = false;
    }

    /** Entry of Jetty's {@code doStart}: a pool stopped earlier and started again counts afresh. */
    public static void starting(Object pool) {
        if (!TaskLedger.recording()) {
            return;
        }
        try {
            ExecutorRecord record = REGISTRY.find(pool);
            if (record != null) {
                record.restart();
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
    }

    private static JobThread jobThread(Object pool) {
        JobThread thread = JOB_THREAD.get();
        if (thread == null) {
            ExecutorRecord record = TaskLedger.recordOf(pool);
            record.nameAfterWorker(Thread.currentThread().getName());
            thread = new JobThread(record);
            JOB_THREAD.set(thread);
        }
        return thread;
    }

    /** What a Jetty pool thread keeps: its pool's record, and the outcome of the job it runs now. */
    private static final class JobThread {
        final ExecutorRecord record;
        Object watched;
        boolean failed;

        JobThread(ExecutorRecord record) {
            this.record = record;
        }
    }
}
