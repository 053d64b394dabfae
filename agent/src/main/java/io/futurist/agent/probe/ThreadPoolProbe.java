package io.futurist.agent.probe;

import io.futurist.agent.probe.Faults.Hook;
import io.futurist.internal.ExecutorRecord;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Entry points for {@link ThreadPoolExecutor} and its subclasses.
 *
 * <p>Runs are measured inside {@code runWorker}, around the very {@code task.run()} call, so
 * that subclasses overriding {@code beforeExecute}/{@code afterExecute} without calling
 * {@code super} are still counted. A worker learns its executor once, when it enters
 * {@code runWorker}, and keeps it in a thread-local for the rest of its life: a worker thread
 * belongs to one pool forever, and this spares a registry look-up per task.
 *
 * <p>Workers that were already inside {@code runWorker} when the agent was attached keep the
 * JDK's original loop for the rest of their lives: a retransformation never reaches a frame
 * that is running. They still call {@code getTask()} for every task, so for them — and only
 * them — a run starts when {@code getTask()} hands out a task and ends when the worker asks for
 * the next one, or leaves ({@code processWorkerExit}, abruptly when the task threw). Such a
 * run includes {@code beforeExecute}/{@code afterExecute}: a few microseconds at most. Where
 * the pool keeps the JDK's own {@code beforeExecute}/{@code afterExecute}, those mark the run
 * exactly instead, and also catch the first task of a worker that was waiting inside
 * {@code getTask()} when the agent arrived (that call's exit runs old code, unseen).
 */
public final class ThreadPoolProbe {

    /**
     * Per worker thread: a {@link Worker} holding its executor's record when the worker runs the
     * instrumented loop, a {@link LegacyWorker} when it runs the original one.
     */
    private static final ThreadLocal<Worker> WORKER = new ThreadLocal<>();

    /**
     * Whether a worker may run the JDK's original loop: only after a dynamic attach, never when
     * the agent started with the JVM. Until then the hooks that exist for such workers
     * ({@code getTask}, {@code beforeExecute}, {@code afterExecute}, worker exit) return at
     * once, instead of looking up the worker's state four times per task.
     */
    private static volatile boolean legacyWorkers;

    private ThreadPoolProbe() {
    }

    /** A dynamic attach: workers started before it run the original loop, and their hooks must find them. */
    public static void workersMayPredateHooks() {
        legacyWorkers = true;
    }

    /** The current thread becomes a worker of {@code executor} (entry of {@code runWorker}). */
    public static void workerStarted(Object executor) {
        // Even with run timing off after a fault: runs are then still counted, untimed.
        if (!TaskLedger.recording()) {
            return;
        }
        try {
            ExecutorRecord record = TaskLedger.recordOf(executor);
            record.nameAfterWorker(Thread.currentThread().getName());
            WORKER.set(new Worker(record));
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
    }

    /**
     * Replaces {@code task.run()} inside {@code runWorker}: runs the task exactly as before and
     * records the run. The task's own exceptions pass through untouched.
     */
    public static void run(Runnable task) {
        Worker worker = WORKER.get();
        ExecutorRecord record = worker == null || worker instanceof LegacyWorker ? null : worker.record;
        long start = TaskLedger.beginRun(record, task);
        if (start == TaskLedger.NOT_TRACKED) {
            task.run();
            return;
        }
        Object watched = TaskLedger.watch(task);
        // RunBodies's mark: slot 0 says whether this run's body started; the enclosing run's is
        // kept aside and given back after (a future can run inside another task's body).
        boolean[] body = TaskLedger.armBody(task);
        boolean enclosing = body != null && body[1];
        try {
            task.run();
        } catch (Throwable thrown) {
            TaskLedger.endRun(record, task, start, watched, true, body == null || body[0]);
            if (body != null) {
                body[0] = enclosing;
            }
            throw thrown;
        }
        TaskLedger.endRun(record, task, start, watched, false, body == null || body[0]);
        if (body != null) {
            body[0] = enclosing;
        }
    }

    /** Entry of {@code getTask()}: a worker running the original loop has finished its last task. */
    public static void taskWanted(Object executor) {
        if (!legacyWorkers) {
            return;
        }
        Worker worker = WORKER.get();
        if (instrumented(worker) || !TaskLedger.recording()) {
            return; // the instrumented loop measures runs itself
        }
        try {
            // The task that just ended, if this worker was seen starting it.
            legacyWorker(worker, executor).finish(false);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
    }

    /** Exit of {@code getTask()}: a worker running the original loop is about to run {@code task}. */
    public static void taskTaken(Runnable task) {
        if (!legacyWorkers) {
            return;
        }
        Worker worker = WORKER.get();
        if (!(worker instanceof LegacyWorker) || task == null) {
            return;
        }
        try {
            LegacyWorker legacy = (LegacyWorker) worker;
            if (legacy.generation == TaskLedger.generation()) {
                legacy.begin(task);
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
    }

    /**
     * {@code ThreadPoolExecutor.beforeExecute(Thread, Runnable)} — the JDK's own, empty one, so
     * only for pools whose subclass does not override it or calls {@code super}: for a worker
     * running the original loop, the exact task about to run. It also catches the run that
     * follows a {@code getTask()} call already under way at the attach, whose exit no hook sees.
     */
    public static void beforeRun(Object executor, Runnable task) {
        if (!legacyWorkers) {
            return;
        }
        Worker worker = WORKER.get();
        if (instrumented(worker) || task == null || !TaskLedger.recording()) {
            return;
        }
        try {
            LegacyWorker legacy = legacyWorker(worker, executor);
            if (legacy.task != task) {
                legacy.finish(false);
                legacy.begin(task);
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
    }

    /** {@code ThreadPoolExecutor.afterExecute(Runnable, Throwable)}, on the same terms as {@link #beforeRun}. */
    public static void afterRun(Runnable task, Throwable thrown) {
        if (!legacyWorkers) {
            return;
        }
        Worker worker = WORKER.get();
        if (!(worker instanceof LegacyWorker)) {
            return;
        }
        try {
            LegacyWorker legacy = (LegacyWorker) worker;
            if (legacy.task == task && legacy.generation == TaskLedger.generation()) {
                legacy.finish(thrown != null);
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
    }

    /** Whether {@code worker} runs the instrumented loop (which measures its runs itself). */
    private static boolean instrumented(Worker worker) {
        return worker != null && !(worker instanceof LegacyWorker);
    }

    /** {@code worker}, a {@link LegacyWorker} or none yet, made current for this attach. */
    private static LegacyWorker legacyWorker(Worker worker, Object executor) {
        LegacyWorker legacy = (LegacyWorker) worker;
        if (legacy == null || legacy.generation != TaskLedger.generation()) {
            legacy = new LegacyWorker(TaskLedger.recordOf(executor), TaskLedger.generation());
            legacy.record.nameAfterWorker(Thread.currentThread().getName());
            WORKER.set(legacy);
        }
        return legacy;
    }

    /** Entry of {@code processWorkerExit}: a worker leaves; {@code abruptly} when its task threw. */
    public static void workerExiting(boolean abruptly) {
        if (!legacyWorkers) {
            return;
        }
        Worker worker = WORKER.get();
        if (!(worker instanceof LegacyWorker)) {
            return;
        }
        try {
            LegacyWorker legacy = (LegacyWorker) worker;
            if (legacy.generation == TaskLedger.generation()) {
                legacy.finish(abruptly);
            }
            WORKER.remove();
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
    }

    /**
     * After {@code tryTerminate}: if the pool has terminated, close its books. Any
     * {@link ExecutorService} (Tomcat's copy of the pool code is not a {@link ThreadPoolExecutor}).
     */
    public static void terminationAttempted(Object executor) {
        try {
            if (executor instanceof ExecutorService && ((ExecutorService) executor).isTerminated()) {
                TaskLedger.terminated(executor);
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
    }

    /** What a worker thread keeps for life: its executor's record. */
    private static class Worker {
        final ExecutorRecord record;

        Worker(ExecutorRecord record) {
            this.record = record;
        }
    }

    /** A worker that runs the JDK's original loop, and its run in progress. */
    private static final class LegacyWorker extends Worker {
        final long generation;
        Runnable task;
        long start = TaskLedger.NOT_TRACKED;
        Object watched;

        LegacyWorker(ExecutorRecord record, long generation) {
            super(record);
            this.generation = generation;
        }

        void begin(Runnable next) {
            task = next;
            start = TaskLedger.beginRun(record, next);
            watched = start == TaskLedger.NOT_TRACKED ? null : TaskLedger.watch(next);
        }

        void finish(boolean thrown) {
            if (task != null) {
                TaskLedger.endRun(record, task, start, watched, thrown, true);
            }
            // Drop references at once: a finished task must not be kept alive by its worker.
            task = null;
            watched = null;
            start = TaskLedger.NOT_TRACKED;
        }
    }
}
