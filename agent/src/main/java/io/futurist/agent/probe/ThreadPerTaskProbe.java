package io.futurist.agent.probe;

import io.futurist.ExecutorStatistics;
import io.futurist.PoolShape;
import io.futurist.Timing;
import io.futurist.agent.probe.Faults.Hook;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import io.futurist.internal.PendingTasks;
import io.futurist.internal.PoolShapes;
import io.futurist.internal.RecorderCorrections;
import io.futurist.internal.TaskOutcome;
import io.futurist.internal.TimedThreads;
import java.util.Set;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Entry points for the JDK's thread-per-task executors (Java 21+,
 * {@code java.util.concurrent.ThreadPerTaskExecutor}: {@code Executors.newVirtualThreadPerTaskExecutor()}
 * and {@code newThreadPerTaskExecutor(factory)}). What the events mean is {@link TaskLedger}'s
 * business, as for every executor; this class says where they happen.
 *
 * <p><b>A submission is a thread.</b> Every {@code execute}, {@code submit} and
 * {@code invoke*} ends in one private {@code start(Thread)}, with the new, not yet started
 * thread that will run the task. So the pending table is keyed by that thread: accepted when
 * {@code start(Thread)} is entered, refused if it throws (the executor was shut down
 * meanwhile). Queue time runs from there to the start of the task on its thread — for a
 * virtual thread, the wait for a carrier.
 *
 * <p><b>What a task costs here</b> (bench/PROFILE.md §15): the JDK's own work per task is a few
 * hundred nanoseconds, so the table is kept in acceptance order
 * ({@link PendingTasks#STARTED_IN_ORDER}): threads wait for a processor first come, first
 * served (a virtual thread in its scheduler's first-in-first-out queue), so a run finds its
 * thread by reference near where the last run found its own, without an identity hash or a
 * search of hash windows spread over memory; a thread that starts out of order is found
 * further away, as in any such table. And the executor's record is remembered from one task
 * to the next ({@link RecentExecutor}) rather than looked up in the registry twice per task.
 *
 * <p><b>Runs on their own threads, without the table</b> (JDK 25). What the table's entry is
 * the token for — that one run counts, once — a thread gives for free: it starts once. So an
 * executor the agent saw built, in the current books ({@link ExecutorRecord#runsOnOwnThreads}),
 * counts each run on the very thread its task was accepted as, and no entry is made: a task
 * accepted before the attach runs on an executor built before it, which keeps the table; a run
 * of the same future on another thread (an application calling {@code run()} on it) is not
 * counted. A refusal in {@code start(Thread)} means the thread never starts, and takes the count
 * back. A task chosen for timing keeps its acceptance time in {@link TimedThreads}, by its
 * thread's id, where the run looks at one slot. Not under {@code timing=all} (every task would
 * be timed) nor with a slow-task threshold (every task needs its coarse acceptance tick), and
 * not on JDK 21, where a future cancelled before its thread ran lets the executor terminate
 * before that thread takes its entry, which only the table's termination sweep then counts.
 *
 * <p><b>A run</b> is the task's runner on its thread: {@code ThreadPerTaskExecutor.TaskRunner.run()}
 * (for {@code execute} and {@code invokeAny}) or {@code ThreadBoundFuture.run()} (for
 * {@code submit} and {@code invokeAll}; on JDK 21, which has no such method, the
 * {@code FutureTask.run()} it inherits). A future cancelled before its thread got to it counts
 * as cancelled when that thread takes it out — a few microseconds after the cancellation, as the
 * thread was started at submission. A future cancelled in the few instructions between the
 * start of its run and {@code FutureTask}'s own status check counts as executed: telling those
 * apart would need a thread-local per task, and a virtual thread would pay a map for it.
 *
 * <p><b>The end of the executor.</b> The runners tell the executor that their task is complete
 * inside their own {@code finally}, before the advice at the end of the run records it, so the
 * last one can let the executor terminate a moment before its own run is counted. A caller
 * that sees the executor terminated ({@code awaitTermination}, {@code close},
 * {@code isTerminated}) therefore waits, briefly and never beyond {@link #TERMINATION_WAIT_NANOS},
 * until the runs in flight are counted, then sweeps what was never started (on JDK 21, a
 * future cancelled before its thread ran lets the executor terminate before that thread takes
 * it out): once {@code close()} returns, {@code submitted == executed + cancelled}.
 *
 * <p>Concurrency: everything here is per task or per executor; the exactly-once arguments are
 * those of {@link TaskLedger} and its pending table.
 */
public final class ThreadPerTaskProbe {

    /**
     * Whether runs may count on their own threads without an entry: where
     * {@code ThreadBoundFuture} has a {@code run()} of its own (JDK 25), whose thread is known
     * at the run. On JDK 21 a cancelled future lets the executor terminate before its thread
     * runs, and the termination sweep must find its entry; there every task keeps one.
     */
    private static final boolean OWN_THREAD_RUNS = BoundFutures.declaresRun();

    /** The longest a caller that saw the executor terminate waits for runs still being counted. */
    static final long TERMINATION_WAIT_NANOS = 1_000_000_000L;

    private static final ExecutorRegistry REGISTRY = ExecutorRegistry.global();
    private static final String EXECUTOR = "java.util.concurrent.ThreadPerTaskExecutor";

    private ThreadPerTaskProbe() {
    }

    /**
     * Makes the statistics of thread-per-task executors carry their shape: the threads started
     * for tasks and not finished yet (the executor's own count), and no maximum. Read only when
     * a snapshot is taken.
     */
    public static void readShapes() {
        try {
            Class<?> type = Class.forName(EXECUTOR, false, null);
            VarHandle threads = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
                    .findVarHandle(type, "threads", Set.class);
            PoolShapes.add(EXECUTOR, executor -> PoolShape.threadPerTask(((Set<?>) threads.get(executor)).size(), -1));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError absent) {
            Faults.warnOnce("the thread count of thread-per-task executors is not reported: " + absent);
        }
    }

    /**
     * A thread-per-task executor was constructed. If its runs can count on their own threads
     * (see the class comment), it is said so now, before its first submission.
     */
    public static void created(Object executor) {
        ExecutorRecord record = TaskLedger.created(executor);
        if (record != null && OWN_THREAD_RUNS && !SlowThresholds.on && record.recorder().timing() != Timing.ALL) {
            record.runsOnOwnThreads(true);
        }
    }

    /**
     * Entry of {@code start(Thread)}: the executor accepts the task that {@code thread} will
     * run. The executor takes its name from the thread when the factory names its threads
     * ({@code worker-7} makes {@code worker-*}); virtual threads have no name by default, and
     * the executor keeps its own, {@code ThreadPerTaskExecutor#id}.
     *
     * @return as {@link TaskLedger#accepted(Object, Object)}, for {@link #notStarted}
     */
    public static Object accepted(Object executor, Thread thread) {
        if (!TaskLedger.recording() || !Hook.SUBMISSION.enabled()) {
            return null;
        }
        ExecutorRecord record;
        try {
            // TaskLedger.accepted's work, with the record found without a registry look-up.
            record = RecentExecutor.registered(executor);
            if (record.runsOnOwnThreads()) {
                acceptOnOwnThread(record, thread);
            } else if (!TaskLedger.accept(record, thread, PendingTasks.STARTED_IN_ORDER)) {
                return null;
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.SUBMISSION, fault);
            return null;
        }
        try {
            if (!record.isNamed()) {
                String name = thread.getName();
                if (!name.isEmpty()) {
                    record.nameAfterWorker(name);
                }
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.SUBMISSION, fault);
        }
        return record;
    }

    /**
     * The submission of a task to a {@linkplain ExecutorRecord#runsOnOwnThreads() run-on-own-thread}
     * executor: counted, and if chosen for timing, its acceptance time kept by its thread's id.
     */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is Java 19+, and this is the same number.
    private static void acceptOnOwnThread(ExecutorRecord record, Thread thread) {
        if (RecorderCorrections.submittedTimed(record.recorder()) && Hook.RUN.enabled()) {
            record.timedThreads().put(thread.getId(), System.nanoTime());
        }
    }

    /** {@code start(Thread)} threw: the executor was shut down meanwhile, and {@code thread} never starts. */
    @SuppressWarnings("deprecation")
    public static void notStarted(Object executor, Thread thread, Object counted) {
        if (counted instanceof ExecutorRecord && ((ExecutorRecord) counted).runsOnOwnThreads()) {
            // Counted at start(Thread) without an entry: the refusal takes the count back.
            try {
                ExecutorRecord record = (ExecutorRecord) counted;
                record.timedThreads().take(thread.getId());
                TaskLedger.refusedUnentered(record, thread);
            } catch (Throwable fault) {
                Faults.failed(Hook.SUBMISSION, fault);
            }
            return;
        }
        TaskLedger.rejected(executor, thread);
        TaskLedger.submissionEnded(counted, thread);
    }

    /** The record a runner's run counts into, or {@code null} when nothing is recorded. */
    public static Object recordOf(Object executor) {
        if (!TaskLedger.recording()) {
            return null;
        }
        try {
            return RecentExecutor.find(executor);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
            return null;
        }
    }

    /**
     * A runner starts on {@code thread}: the task submitted as {@code thread} starts, unless it
     * is a cancelled future.
     *
     * @param task what runs: the runnable {@code execute} was given, or the future
     * @return as {@link TaskLedger#beginRun(ExecutorRecord, Object, Object)}
     */
    public static long runStarting(Object record, Thread thread, Object task) {
        if (thread == null) {
            return TaskLedger.NOT_TRACKED;
        }
        ExecutorRecord counted = (ExecutorRecord) record;
        if (counted != null && counted.runsOnOwnThreads() && thread == Thread.currentThread()) {
            return ownThreadRun(counted, thread, task);
        }
        return TaskLedger.beginRun(counted, thread, task);
    }

    /**
     * A run on the very thread its task was accepted as, of an executor whose runs count there
     * without an entry: the thread starts once, so this run is the task's only counted one. A
     * future cancelled before it counts as cancelled here.
     */
    @SuppressWarnings("deprecation")
    private static long ownThreadRun(ExecutorRecord record, Thread thread, Object task) {
        // With submissions no longer counted (a fault switched their hook off), a run must not be
        // either: nothing else tells it from one whose submission went uncounted.
        if (!TaskLedger.recording() || !Hook.SUBMISSION.enabled()) {
            return TaskLedger.NOT_TRACKED;
        }
        long acceptedAt;
        boolean cancelled = false;
        try {
            acceptedAt = record.timedThreads().take(thread.getId());
            cancelled = TaskOutcome.isCancelled(task);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
            acceptedAt = TimedThreads.MISSING;
        }
        return TaskLedger.start(record, task, acceptedAt == TimedThreads.MISSING ? TaskLedger.UNTIMED : acceptedAt,
                cancelled);
    }

    /** What to read after the run of {@code task} to learn its outcome, for a counted run only. */
    public static Object watch(long start, Object task) {
        return start == TaskLedger.NOT_TRACKED ? null : TaskLedger.watch(task);
    }

    /** A runner's run that {@link #runStarting} started has ended; {@code thrown} when it threw. */
    public static void runEnded(Object record, Object task, long start, Object watched, boolean thrown) {
        if (record == null) {
            return;
        }
        TaskLedger.endRun((ExecutorRecord) record, task, start, watched, thrown, true);
    }

    /**
     * JDK 21: at the entry of {@code FutureTask.run()}, which {@code ThreadBoundFuture}
     * inherits there, the record of a bound future's executor; {@code null} for any other
     * future, after one class comparison.
     */
    public static Object boundFutureRecord(Object future) {
        if (future.getClass() != BoundFutures.TYPE) {
            return null;
        }
        try {
            return recordOf(BoundFutures.EXECUTOR.get(future));
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
            return null;
        }
    }

    /** JDK 21: the thread a bound future (see {@link #boundFutureRecord}) was submitted as. */
    public static Thread boundThread(Object future) {
        try {
            return (Thread) BoundFutures.THREAD.get(future);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
            return null;
        }
    }

    /** {@code shutdown}, {@code shutdownNow}, {@code close}. */
    public static void shutDown(Object executor) {
        TaskLedger.shutDown(executor);
    }

    /**
     * A caller saw {@code executor} terminated: once the runs still being counted are (see the
     * class comment), its books are closed.
     */
    public static void terminated(Object executor) {
        if (!TaskLedger.recording()) {
            return;
        }
        try {
            ExecutorRecord record = REGISTRY.find(executor);
            if (record == null || record.isTerminated()) {
                return;
            }
            long deadline = System.nanoTime() + TERMINATION_WAIT_NANOS;
            ExecutorStatistics books = record.statistics();
            while (books.active() > 0 && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(20_000L);
                books = record.statistics();
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
        TaskLedger.terminated(executor);
    }

    /** {@code ThreadPerTaskExecutor.ThreadBoundFuture} and its fields, read on JDK 21 only. */
    private static final class BoundFutures {
        static final Class<?> TYPE = type();
        static final VarHandle EXECUTOR = field("executor");
        static final VarHandle THREAD = field("thread");

        /** Whether the future declares {@code run()} itself (JDK 25) rather than inheriting {@code FutureTask}'s (JDK 21). */
        static boolean declaresRun() {
            try {
                return TYPE != null && TYPE.getDeclaredMethod("run").getDeclaringClass() == TYPE;
            } catch (NoSuchMethodException | RuntimeException | LinkageError absent) {
                return false;
            }
        }

        private static Class<?> type() {
            try {
                return Class.forName("java.util.concurrent.ThreadPerTaskExecutor$ThreadBoundFuture", false, null);
            } catch (ClassNotFoundException | LinkageError absent) {
                return null;
            }
        }

        private static VarHandle field(String name) {
            try {
                Class<?> owner = type();
                Class<?> fieldType = owner.getDeclaredField(name).getType();
                return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, fieldType);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError absent) {
                return null;
            }
        }
    }
}
