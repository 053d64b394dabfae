package io.futurist.agent.probe;

import io.futurist.agent.probe.Faults.Hook;
import io.futurist.internal.CreationSite;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import io.futurist.internal.PendingTasks;
import io.futurist.internal.TaskOutcome;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletableFuture.AsynchronousCompletionTask;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Entry points for {@link ForkJoinPool}.
 *
 * <p>What counts as a task: what enters a pool from outside — {@code execute}, {@code submit},
 * {@code invoke*}, what {@code CompletableFuture} hands a pool, a {@code fork()} by a thread
 * that is neither a pool worker nor running a task. Forks made while a task runs are part of
 * that task's run (so a parallel stream costs one look-up per subtask, not bookkeeping).
 *
 * <p>Where runs are measured: {@code ForkJoinTask.doExec()}, because a submitted task may run
 * in a worker, or in the caller's thread inside {@code get}/{@code join}, or nested inside
 * another task's join. {@code doExec} also runs every fork, so the run is counted only if the
 * task is among its pool's pending tasks — taking it out is what makes a run count, once — or
 * carries its pool's mark: the tasks {@code execute(Runnable)} makes of plain runnables and
 * those {@code CompletableFuture.runAsync}/{@code supplyAsync} hand a pool, when not timed, are
 * followed by a mark in their own tag instead of a pending entry
 * ({@link MarkedTasks}: no identity hash per task), and the same rule holds with the mark as
 * the token. Each pool keeps its own pending table, in its record, like every other executor. A worker
 * runs the tasks of its own pool, so it looks there; only a run that cannot tell its pool (on
 * a thread that is not a worker, or a {@code CompletableFuture} task a worker of another pool
 * helps along) asks each known pool in turn ({@link KnownForkJoinPools}), and so does a
 * cancellation.
 *
 * <p>What each event means for the books is {@link TaskLedger}'s to decide, as for every
 * executor; this class says where the events happen and which pool they belong to.
 *
 * <p>Non-worker threads keep a depth counter of the {@code doExec} frames they are in, so that
 * a fork made from inside a task they run (a parallel stream started from {@code main}) is
 * recognised as internal. Workers never touch it.
 */
public final class ForkJoinProbe {

    private static final ExecutorRegistry REGISTRY = ExecutorRegistry.global();
    private static final ThreadLocal<int[]> CALLER_DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final ThreadLocal<boolean[]> IN_TERMINATION_CHECK = ThreadLocal.withInitial(() -> new boolean[1]);
    /** Set when this thread's last {@code invokeAny} callable threw; see {@link #invokeAnyCall}. */
    private static final ThreadLocal<Boolean> INVOKE_ANY_CALL_FAILED = new ThreadLocal<>();
    /** The class of {@code ForkJoinPool.invokeAny}'s tasks: nested in ForkJoinPool on JDK 17, in ForkJoinTask from 21. */
    private static final Class<?> INVOKE_ANY_TASK = firstPresent("java.util.concurrent.ForkJoinTask$InvokeAnyTask",
            "java.util.concurrent.ForkJoinPool$InvokeAnyTask");
    /** The task this worker has just cancelled instead of running it; see {@link #cancelInsteadOfRun}. */
    private static final ThreadLocal<ForkJoinTask<?>> CANCELLED_INSTEAD_OF_RUN = new ThreadLocal<>();
    private static final String COMMON_POOL_NAME = "ForkJoinPool.commonPool";
    private static final String COMMON_POOL_SITE = "ForkJoinPool.commonPool() (the JDK's common pool)";

    private ForkJoinProbe() {
    }

    /** The record of {@code pool}, registered on first sight; {@code null} for the virtual-thread scheduler. */
    private static ExecutorRecord recordOf(Object pool) {
        ExecutorRecord record = RecentPools.find(pool);
        if (record == null) {
            if (VirtualThreadScheduler.recognise(pool)) {
                return null;
            }
            record = pool == ForkJoinPool.commonPool() ? registerCommon(pool) : register(pool, TaskLedger.unknownSite());
        }
        return record;
    }

    private static ExecutorRecord registerCommon(Object common) {
        ExecutorRecord record = register(common, COMMON_POOL_SITE);
        record.name(COMMON_POOL_NAME);
        return record;
    }

    /** Registers {@code pool}, first seen after it was built, as built at {@code site}. */
    private static ExecutorRecord register(Object pool, String site) {
        return known(pool, REGISTRY.register(pool, site));
    }

    private static ExecutorRecord known(Object pool, ExecutorRecord record) {
        KnownForkJoinPools.add(pool, record);
        return record;
    }

    /**
     * Makes the common pool known now, with empty statistics and its shape, before its first
     * task. Only for a {@code ForkJoinPool} class already initialised: initialising it here would
     * fix the common pool's parallelism before the application's {@code main} could set it
     * ({@code java.util.concurrent.ForkJoinPool.common.*} properties); a class initialised later
     * registers its common pool as it builds it ({@link #created}).
     */
    public static void commonPoolKnown() {
        if (!TaskLedger.recording() || !Hook.CREATION.enabled()) {
            return;
        }
        try {
            ForkJoinPool common = ForkJoinPool.commonPool();
            if (common != null && REGISTRY.find(common) == null) {
                registerCommon(common);
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.CREATION, fault);
        }
    }

    /**
     * A pool was constructed. The common pool is built while {@code ForkJoinPool} is initialised,
     * which the agent never causes: it is known from then on, under its own name.
     */
    public static void created(Object pool) {
        if (!TaskLedger.recording() || !Hook.CREATION.enabled()) {
            return;
        }
        try {
            // During ForkJoinPool's static initialisation commonPool() is still null: that is the common pool.
            ForkJoinPool common = ForkJoinPool.commonPool();
            if (common == null) {
                registerCommon(pool);
            } else if (common != pool && !VirtualThreadScheduler.recognise(pool)) {
                known(pool, REGISTRY.register(pool, CreationSite.stack(pool.getClass())));
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.CREATION, fault);
        }
    }

    /**
     * {@code pool} accepts {@code task} (entry of its submission funnel).
     *
     * @return the pool's record when the task was counted as submitted, for
     *         {@link #submissionEnded}; {@code null} otherwise
     */
    public static Object accepted(Object pool, Object task) {
        if (VirtualThreadScheduler.is(pool) || !TaskLedger.recording() || task == null || !Hook.SUBMISSION.enabled()) {
            return null;
        }
        try {
            ExecutorRecord record = recordOf(pool);
            if (record != null && (MarkedTasks.markable(task.getClass())
                    ? MarkedTasks.accept(pool, record, (ForkJoinTask<?>) task)
                    : TaskLedger.accept(record, task, null))) {
                return record;
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.SUBMISSION, fault);
        }
        return null;
    }

    /**
     * JDK 25: {@code scheduleDelayedTask}, behind every {@code schedule*} call: the submission
     * of a delayed task, counted now so that one cancelled or dropped before it is due is in
     * the books too. The pool's own timers ({@code submitWithTimeout}'s timeout, run by its
     * scheduler thread, never by the pool) are not tasks of the application and are left out;
     * when that cannot be told, the task is counted when it becomes due instead.
     *
     * @return as {@link #accepted}
     */
    public static Object scheduled(Object pool, Object task) {
        if (VirtualThreadScheduler.is(pool) || !TaskLedger.recording() || task == null || !Hook.SUBMISSION.enabled()) {
            return null;
        }
        try {
            VarHandle immediate = ScheduledTasks.IMMEDIATE;
            if (immediate == null || (boolean) immediate.get(task)) {
                return null;
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.SUBMISSION, fault);
            return null;
        }
        return accepted(pool, task);
    }

    /**
     * JDK 25: a delayed task became due and enters the pool ({@code executeEnabledScheduledTask}).
     * Its {@code schedule*} call counted it already ({@code scheduleDelayedTask}), so only a
     * periodic task's re-arm — taken out of the table by its previous run — is a new submission.
     *
     * @return as {@link #accepted}
     */
    public static Object becameDue(Object pool, Object task) {
        if (VirtualThreadScheduler.is(pool) || !TaskLedger.recording() || task == null || !Hook.SUBMISSION.enabled()) {
            return null;
        }
        try {
            ExecutorRecord record = REGISTRY.find(pool);
            if (record != null && TaskLedger.isPending(record, task)) {
                return null;
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.SUBMISSION, fault);
            return null;
        }
        return accepted(pool, task);
    }

    /**
     * The submission funnel returned; {@code thrown} non-null when it refused the task.
     *
     * @param counted what {@link #accepted} returned for this submission
     */
    public static void submissionEnded(Object task, Object counted, Throwable thrown) {
        if (thrown == null || counted == null) {
            return;
        }
        try {
            ExecutorRecord record = (ExecutorRecord) counted;
            if (!(task instanceof ForkJoinTask) || !MarkedTasks.refused(record, (ForkJoinTask<?>) task)) {
                TaskLedger.refused(record, task);
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.SUBMISSION, fault);
        }
    }

    /** {@code ForkJoinTask.fork()}: a submission to the common pool only when made from outside any task. */
    public static void forked(Object task) {
        try {
            if (Thread.currentThread() instanceof ForkJoinWorkerThread || CALLER_DEPTH.get()[0] > 0) {
                return;
            }
            accepted(ForkJoinPool.commonPool(), task);
        } catch (Throwable fault) {
            Faults.failed(Hook.SUBMISSION, fault);
        }
    }

    /**
     * Entry of {@code doExec()}.
     *
     * @return the run to hand to {@link #runEnded}, or {@code null} when this run is not counted
     */
    public static Object runStarting(ForkJoinTask<?> task) {
        Thread thread = Thread.currentThread();
        // A mount of a virtual thread (or the scheduler's own timer work): never a task here.
        // Answered in this small front, which the JIT inlines into doExec, so that a carrier
        // pays a class comparison per mount and not a call (PROFILE §20.1).
        if (VirtualThreadScheduler.isCarrier(thread)) {
            return null;
        }
        return runStarting(task, thread);
    }

    /** {@link #runStarting(ForkJoinTask)} on any thread but a carrier of virtual threads. */
    private static Object runStarting(ForkJoinTask<?> task, Thread thread) {
        boolean worker = thread instanceof ForkJoinWorkerThread;
        if (!worker) {
            CALLER_DEPTH.get()[0]++;
        }
        if (!TaskLedger.recording()) {
            return null;
        }
        ExecutorRecord own;
        ExecutorRecord record;
        long acceptedAt;
        try {
            own = worker ? RecentPools.find(((ForkJoinWorkerThread) thread).getPool()) : null;
            int mark;
            if (MarkedTasks.markable(task.getClass()) && (mark = MarkedTasks.markOf(task)) != 0) {
                return markedRun(task, mark, own, thread);
            }
            record = own;
            acceptedAt = own == null ? PendingTasks.MISSING : TaskLedger.claim(own, task);
            if (acceptedAt == PendingTasks.MISSING && (!worker || task instanceof AsynchronousCompletionTask)) {
                // Not a worker, or a worker helping another pool's CompletableFuture along:
                // whichever pool has it pending.
                for (KnownForkJoinPools.Known known : KnownForkJoinPools.all()) {
                    if (known.record != own && (acceptedAt = TaskLedger.claim(known.record, task)) != PendingTasks.MISSING) {
                        record = known.record;
                        break;
                    }
                }
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
            return null;
        }
        if (acceptedAt == PendingTasks.MISSING) {
            return null;
        }
        Object watched = null;
        boolean cancelled = false;
        try {
            watched = TaskOutcome.watch(task);
            // Cancelled before it started, or the FutureTask execute() wrapped was.
            cancelled = task.isCancelled() || TaskOutcome.isCancelled(watched);
            // Named after its workers, once.
            if (record == own && !record.isNamed()) {
                record.nameAfterWorker(thread.getName());
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
        // One small object per counted run (not per fork): it carries what the exit needs
        // through doExec's own frame, which nested runs cannot disturb.
        // Not chosen for timing, or run timing failing: the run is counted, without its times.
        long start = TaskLedger.start(record, task, acceptedAt, cancelled);
        return start == TaskLedger.NOT_TRACKED ? null : watchBody(task, new Run(record, watched, start));
    }

    /**
     * A run of a {@linkplain MarkedTasks marked task}: no pending entry, no {@link Run} and no
     * body mark (nobody else holds the task to cancel it between here and its body). What
     * {@link #runEnded} gets is the record it counts in; for a {@code CompletableFuture} task,
     * the future whose outcome it hides, and the record too unless it is the running worker's
     * own pool's ({@link MarkedTasks.Watched}).
     */
    private static Object markedRun(ForkJoinTask<?> task, int mark, ExecutorRecord own, Thread thread) {
        ExecutorRecord record = MarkedTasks.start(task, mark, own);
        if (record == null) {
            return null;
        }
        if (record == own && !record.isNamed()) {
            record.nameAfterWorker(thread.getName());
        }
        if (!MarkedTasks.hidesOutcome(task)) {
            return record;
        }
        Object watched = TaskOutcome.watch(task);
        // The usual case, a worker running its own pool's task, hands on the future alone: the
        // end finds the record again from the worker's pool (RecentPools: an array read), which
        // costs less than an object per run (PROFILE §29). The registry keeps one record per
        // pool for the pool's life, so it is the record counted in here.
        return record == own && watched instanceof CompletableFuture ? watched : new MarkedTasks.Watched(record, watched);
    }

    private static Run watchBody(ForkJoinTask<?> task, Run run) {
        try {
            run.bodyWatched = ForkJoinBodies.watch(task, run);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
        return run;
    }

    /** Exit of {@code doExec()}, with what {@link #runStarting} returned. */
    public static void runEnded(ForkJoinTask<?> task, Object started) {
        // A carrier's mount: runStarting counted nothing (a small front, as there).
        if (started == null && VirtualThreadScheduler.isCarrier(Thread.currentThread())) {
            return;
        }
        runEndedCounted(task, started);
    }

    /** {@link #runEnded(ForkJoinTask, Object)} for anything but a carrier's mount. */
    private static void runEndedCounted(ForkJoinTask<?> task, Object started) {
        try {
            if (!(Thread.currentThread() instanceof ForkJoinWorkerThread)) {
                CALLER_DEPTH.get()[0]--;
            }
            if (started == null) {
                return;
            }
            if (started instanceof CompletableFuture || started instanceof ExecutorRecord
                    || started instanceof MarkedTasks.Watched) {
                if (task.isCancelled() && CANCELLED_INSTEAD_OF_RUN.get() == task) {
                    CANCELLED_INSTEAD_OF_RUN.remove();
                }
                if (started instanceof CompletableFuture) {
                    // markedRun's usual case: a worker ran its own pool's task (see there).
                    ExecutorRecord own = RecentPools.find(((ForkJoinWorkerThread) Thread.currentThread()).getPool());
                    if (own != null) {
                        MarkedTasks.end(task, own, started);
                    }
                } else if (started instanceof ExecutorRecord) {
                    MarkedTasks.end(task, (ExecutorRecord) started, null);
                } else {
                    MarkedTasks.Watched run = (MarkedTasks.Watched) started;
                    MarkedTasks.end(task, run.record, run.watched);
                }
                return;
            }
            Run run = (Run) started;
            boolean bodyStarted = !run.bodyWatched || ForkJoinBodies.end(run);
            if (task.isCancelled()) {
                boolean cancelledInsteadOfRun = CANCELLED_INSTEAD_OF_RUN.get() == task;
                if (cancelledInsteadOfRun) {
                    CANCELLED_INSTEAD_OF_RUN.remove();
                }
                // Cancelled before its body started (just after the run began), or by a
                // stopping pool's worker instead of running it (JDK 21+): it never ran.
                if (!bodyStarted || cancelledInsteadOfRun) {
                    TaskLedger.neverRan(run.record);
                    return;
                }
            }
            boolean failed = (task.isCompletedAbnormally() && !task.isCancelled())
                    || TaskOutcome.watchedFailure(run.watched)
                    || (task.getClass() == INVOKE_ANY_TASK && invokeAnyCallFailed());
            TaskLedger.finish(run.record, task, run.start, failed);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
    }

    /**
     * Replaces the {@code cancel(true)} call inside {@code ForkJoinTask.InterruptibleTask.exec()}
     * (JDK 21+): a worker of a stopping pool cancels such a task instead of running it. Noted for
     * {@link #runEnded}, which otherwise sees a cancelled task whose run ended, exactly like one
     * cancelled while its body ran (which did run). Only this rare path pays for a thread-local.
     */
    public static boolean cancelInsteadOfRun(ForkJoinTask<?> task, boolean mayInterruptIfRunning) {
        try {
            CANCELLED_INSTEAD_OF_RUN.set(task);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
        return task.cancel(mayInterruptIfRunning);
    }

    /**
     * Replaces the {@code callable.call()} of an {@code invokeAny} task (JDK 17:
     * {@code ForkJoinPool.InvokeAnyRoot.tryComplete}, JDK 21+:
     * {@code ForkJoinTask.InvokeAnyTask.compute}): the JDK catches the callable's exception and
     * completes the task normally, so the failure is noted here, on its way out, for
     * {@link #runEnded}. Only a failing call pays for the thread-local.
     */
    public static Object invokeAnyCall(Callable<?> callable) throws Exception {
        try {
            return callable.call();
        } catch (Throwable failure) {
            try {
                INVOKE_ANY_CALL_FAILED.set(Boolean.TRUE);
            } catch (Throwable fault) {
                Faults.failed(Hook.RUN, fault);
            }
            throw failure;
        }
    }

    private static boolean invokeAnyCallFailed() {
        if (INVOKE_ANY_CALL_FAILED.get() == null) {
            return false;
        }
        INVOKE_ANY_CALL_FAILED.remove();
        return true;
    }

    /** Exit of {@code trySetCancelled()}: a pending task cancelled will never run. */
    public static void cancelled(ForkJoinTask<?> task) {
        if (!TaskLedger.recording() || !Hook.LIFECYCLE.enabled()) {
            return;
        }
        try {
            if (!task.isCancelled()) {
                return;
            }
            int mark;
            if (MarkedTasks.markable(task.getClass()) && (mark = MarkedTasks.markOf(task)) != 0) {
                MarkedTasks.cancelled(task, mark);
                return;
            }
            // Whichever pool has it pending (any thread may cancel); it is in one at most.
            for (KnownForkJoinPools.Known known : KnownForkJoinPools.all()) {
                if (TaskLedger.cancel(known.record, task)) {
                    return;
                }
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
    }

    /** {@code shutdown}, {@code shutdownNow}, {@code close}: the common pool ignores them and stays alive. */
    public static void shutDown(ForkJoinPool pool) {
        try {
            if (pool != ForkJoinPool.commonPool()) {
                TaskLedger.shutDown(pool);
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
    }

    /** After {@code tryTerminate}: a terminated pool's remaining pending tasks never run. */
    public static void terminationAttempted(ForkJoinPool pool) {
        if (!TaskLedger.recording() || !Hook.LIFECYCLE.enabled()) {
            return;
        }
        boolean[] checking = IN_TERMINATION_CHECK.get();
        if (checking[0]) {
            return;
        }
        checking[0] = true;
        try {
            // On JDK 21+ isTerminated() itself calls tryTerminate: the guard stops the recursion.
            if (!pool.isTerminated()) {
                return;
            }
            ExecutorRecord record = REGISTRY.find(pool);
            if (record != null) {
                TaskLedger.forkJoinTerminated(record);
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        } finally {
            checking[0] = false;
        }
    }

    private static Class<?> firstPresent(String... names) {
        for (String name : names) {
            try {
                return Class.forName(name, false, null);
            } catch (ClassNotFoundException | LinkageError absent) {
                // Not this JDK's name for it: try the next.
            }
        }
        return null;
    }

    /** JDK 25's {@code DelayScheduler.ScheduledForkJoinTask}, read only when a task is scheduled. */
    private static final class ScheduledTasks {
        /** Its {@code isImmediate} flag, or {@code null} on a JDK without it. */
        static final VarHandle IMMEDIATE = immediateFlag();

        private static VarHandle immediateFlag() {
            try {
                Class<?> type = Class.forName("java.util.concurrent.DelayScheduler$ScheduledForkJoinTask", false, null);
                return MethodHandles.privateLookupIn(type, MethodHandles.lookup())
                        .findVarHandle(type, "isImmediate", boolean.class);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError absent) {
                return null;
            }
        }
    }

    /** A counted run in progress. */
    private static final class Run extends ForkJoinBodies.Mark {
        final ExecutorRecord record;
        /** Whether {@link ForkJoinBodies} watches this run's body (its task is a JDK adapter). */
        boolean bodyWatched;
        final Object watched;
        /** When it started, or {@link TaskLedger#UNTIMED}. */
        final long start;

        Run(ExecutorRecord record, Object watched, long start) {
            this.record = record;
            this.watched = watched;
            this.start = start;
        }
    }
}
