package io.futurist.agent.probe;

import io.futurist.StatisticsRecorder;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ForkJoinTags;
import io.futurist.internal.RecorderCorrections;
import io.futurist.internal.TaskOutcome;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The fork/join tasks the agent follows without a pending entry: what
 * {@code ForkJoinPool.execute(Runnable)} makes of a plain runnable
 * ({@code ForkJoinTask.RunnableExecuteAction}, on JDK 17 and 25 alike) and what
 * {@code CompletableFuture}'s {@code runAsync}/{@code supplyAsync} hand a pool, when the run is
 * not chosen for timing. An actor-style pool runs millions of these a second, and a pending entry
 * costs each one an identity hash (a call into the VM the first time a fresh object is hashed,
 * about 70 ns, more than the task) plus a put and a take on lines another core wrote.
 *
 * <p><b>The mark.</b> Instead, the submission stamps the task with its pool's mark, a number
 * of 16 bits in the task's own tag ({@code ForkJoinTask.setForkJoinTaskTag}, which the JDK
 * never uses on these tasks); the mark comes from the pool's record ({@link ExecutorRecord#taskMark}),
 * one per record and per set of books, never given twice. The mark is the token a pending entry
 * would be: whoever clears it from the task — the run that starts it, a cancellation, a
 * refusal — is the one that accounts for it, once. Cancellations and refusals clear it by
 * compare-and-set. The submission sets it, and the run clears it, with plain stores
 * ({@link ForkJoinTags}): the task is then not yet published, or owned by the running thread,
 * which took it out of a queue by compare-and-set. A run finds the pool by
 * comparing the mark with its worker's pool's, or, on any other thread (an outside caller of
 * {@code awaitQuiescence}, a worker of another pool helping), with each known pool's
 * ({@link KnownForkJoinPools}); a mark from earlier books (a detach and a new attach since)
 * matches no pool and counts nothing, like a task accepted before the attach.
 *
 * <p>The same holds for the tasks {@code CompletableFuture.runAsync} and {@code supplyAsync} hand
 * a pool ({@code AsyncRun}, {@code AsyncSupply}: made inside the call, executed at once, their
 * tag unused; the application holds only the future they complete, whose outcome is watched as
 * before).
 *
 * <p><b>Why only these classes.</b> The JDK makes such a task inside the submitting call and
 * hands it to nobody: no caller holds it to cancel or join it, so a run and a cancellation race
 * only in the pool's own shutdown, and the mark settles that race as exactly as the table would.
 * An adapter wrapping a future of the application's ({@code execute(futureTask)}) is left to the
 * table, as are tasks of every other class (an application's {@code ForkJoinTask}s, which it may
 * tag itself; {@code submit}'s and {@code invoke}'s adapters, which callers cancel and join;
 * {@code CompletableFuture}'s dependent stages, whose tag the JDK uses), tasks chosen for timing
 * (their acceptance time is kept in the table; a sample, so their identity hash stays within the
 * timing budget) and all tasks while a slow-task threshold is set (it needs each task's coarse
 * acceptance tick).
 *
 * <p><b>Never-run tasks.</b> A marked task that is cancelled ({@code shutdownNow}, a pool
 * stopping) is counted by the cancellation that clears its mark. One that leaves the pool in a
 * way no hook sees has no entry for the termination sweep to find; it is accounted for when the
 * pool terminates, by arithmetic: the recorder's books close
 * ({@link TaskLedger#forkJoinTerminated}), and every accepted task neither started nor cancelled
 * counts as cancelled.
 *
 * <p>Marks run out after 65,535 pools (each attach gives pools it sees new ones); pools after
 * that keep their tasks in the table, as before, exactly but at the table's cost.
 */
final class MarkedTasks {

    /** {@code ForkJoinTask.RunnableExecuteAction}; {@code null} on a JDK without it (none is marked then). */
    static final Class<?> EXECUTE_ADAPTER = find("java.util.concurrent.ForkJoinTask$RunnableExecuteAction");
    /** {@code CompletableFuture.AsyncRun}, what {@code runAsync} hands the pool; {@code null} if absent. */
    static final Class<?> ASYNC_RUN = find("java.util.concurrent.CompletableFuture$AsyncRun");
    /** {@code CompletableFuture.AsyncSupply}, what {@code supplyAsync} hands the pool; {@code null} if absent. */
    static final Class<?> ASYNC_SUPPLY = find("java.util.concurrent.CompletableFuture$AsyncSupply");

    /** The largest mark: a tag holds 16 bits, and 0 means "not marked". */
    static final int LAST_MARK = 0xFFFF;

    private static final AtomicInteger NEXT_MARK = new AtomicInteger(1);
    /** Set once every mark is given: records without one no longer take the record's lock to learn so. */
    private static volatile boolean exhausted;
    private static final IntSupplier FRESH = MarkedTasks::freshMark;

    private MarkedTasks() {
    }

    /** Whether tasks of {@code type} may be marked (see the class comment): three class comparisons. */
    static boolean markable(Class<?> type) {
        return type == EXECUTE_ADAPTER || type == ASYNC_RUN || type == ASYNC_SUPPLY;
    }

    /** Whether a run of {@code task}, of a {@link #markable} class, needs its outcome watched ({@link Watched}). */
    static boolean hidesOutcome(ForkJoinTask<?> task) {
        return task.getClass() != EXECUTE_ADAPTER;
    }

    /**
     * {@code pool}, tracked as {@code record}, accepts {@code task}, of a {@link #markable} class:
     * its submission is counted, and it is marked unless chosen for timing or unfit (see the
     * class comment), in which case it is entered into the pending table instead.
     *
     * @return whether the task was counted
     */
    static boolean accept(Object pool, ExecutorRecord record, ForkJoinTask<?> task) {
        StatisticsRecorder recorder = record.recorder();
        boolean timed = RecorderCorrections.submittedTimed(recorder);
        if (!timed && !SlowThresholds.on) {
            int mark;
            try {
                mark = task.getClass() == EXECUTE_ADAPTER && TaskOutcome.adapterHidesOutcome(task) ? 0 : markOf(pool, record);
                if (mark != 0) {
                    // Not yet pushed: no other thread can see the task (ForkJoinTags).
                    ForkJoinTags.tagUnpublished(task, (short) mark);
                }
            } catch (RuntimeException | Error fault) {
                RecorderCorrections.submissionWithdrawn(recorder);
                throw fault;
            }
            if (mark != 0) {
                return true;
            }
        }
        return TaskLedger.enter(record, task, null, recorder, timed);
    }

    /** The mark {@code task} carries, 0 for none. */
    static int markOf(ForkJoinTask<?> task) {
        return task.getForkJoinTaskTag() & LAST_MARK;
    }

    /**
     * A run of {@code task}, which carries {@code mark}, begins ({@code doExec}'s entry), on a
     * worker of the pool tracked as {@code own} ({@code null} on any other thread).
     *
     * @return the record to count the run's end in, or {@code null} when this run is not
     *         counted (the task is done already, carries a mark of earlier books, or someone
     *         else took its mark first)
     */
    static ExecutorRecord start(ForkJoinTask<?> task, int mark, ExecutorRecord own) {
        if (task.isDone()) {
            return null; // doExec will not run it
        }
        ExecutorRecord record = own != null && own.taskMark() == mark ? own : recordMarking(mark);
        // This thread took the task out of a queue by compare-and-set (every doExec call site
        // does, §18), and nobody holds these tasks to cancel them while they run: it owns the
        // task, and clears the mark with a plain store (ForkJoinTags).
        if (record == null || !ForkJoinTags.untagOwned(task, (short) mark)) {
            return null;
        }
        return TaskLedger.start(record, task, TaskLedger.UNTIMED, false) == TaskLedger.NOT_TRACKED ? null : record;
    }

    /**
     * The run {@link #start} counted has ended. A task cancelled by then never ran its body: a
     * stopping pool's worker cancels instead of running it (JDK 21+), and nobody else holds it
     * to cancel it while it runs.
     */
    static void end(ForkJoinTask<?> task, ExecutorRecord record, Object watched) {
        if (task.isCancelled()) {
            TaskLedger.neverRan(record);
        } else {
            boolean failed = task.isCompletedAbnormally() || TaskOutcome.watchedFailure(watched);
            TaskLedger.finish(record, task, TaskLedger.UNTIMED, failed);
        }
    }

    /**
     * {@code task}, which carries {@code mark}, was cancelled before it ran: counted as cancelled
     * by whoever clears the mark first.
     */
    static void cancelled(ForkJoinTask<?> task, int mark) {
        ExecutorRecord record = recordMarking(mark);
        if (record != null && task.compareAndSetForkJoinTaskTag((short) mark, (short) 0)) {
            record.recorder().recordCancelled();
        }
    }

    /**
     * The submission that {@link #accept} counted on {@code record} was refused after all: if
     * {@code task} still carries the pool's mark, the refusal takes it and the submission is
     * counted as refused instead. Otherwise the task is the table's to settle
     * ({@link TaskLedger#refused}): it was entered there, or a cancellation took its mark, which
     * the table then finds no entry for and treats alike (the cancellation was a refusal).
     *
     * <p>A refused task was normally never pushed, so no worker can be running it. There is one
     * exception. JDK 17's work queue stores a task, then throws "Queue capacity exceeded" when
     * it cannot grow past 2<sup>26</sup> slots, and the stored task is left to run. If a worker
     * starts such a task between the store and this compare-and-set, its run and this refusal
     * both count it: the worker's clear is a plain store ({@link #start}). A queue that deep is
     * the one case where the mark is not exact. The compare-and-set it would take to cover it
     * costs every run about 30 ns.
     *
     * @return whether this settled the refusal
     */
    static boolean refused(ExecutorRecord record, ForkJoinTask<?> task) {
        int mark = record.taskMark();
        if (mark == 0 || !markable(task.getClass())
                || !task.compareAndSetForkJoinTaskTag((short) mark, (short) 0)) {
            return false;
        }
        RecorderCorrections.submissionRejected(record.recorder());
        return true;
    }

    /** The record whose current mark is {@code mark}: among the known pools (a rare path). */
    static ExecutorRecord recordMarking(int mark) {
        for (KnownForkJoinPools.Known known : KnownForkJoinPools.all()) {
            if (known.record.taskMark() == mark) {
                return known.record;
            }
        }
        return null;
    }

    /** {@code record}'s mark, given now if it has none; 0 once marks have run out. */
    private static int markOf(Object pool, ExecutorRecord record) {
        int mark = record.taskMark();
        if (mark != 0 || exhausted) {
            return mark;
        }
        // First marked task of this pool (in these books): make sure an outside run can find it.
        KnownForkJoinPools.add(pool, record);
        return record.taskMark(FRESH);
    }

    private static int freshMark() {
        int mark = NEXT_MARK.getAndIncrement();
        if (mark > LAST_MARK) {
            exhausted = true;
            return 0;
        }
        return mark;
    }

    /**
     * A counted run of a {@code CompletableFuture} task: its record, and the future whose outcome
     * the task hides ({@link TaskOutcome#watch}, read before the run clears it). Only for a run
     * whose record the end cannot find from the running worker's pool; a worker running its own
     * pool's task hands on the future alone ({@code ForkJoinProbe.markedRun}).
     */
    static final class Watched {
        final ExecutorRecord record;
        final Object watched;

        Watched(ExecutorRecord record, Object watched) {
            this.record = record;
            this.watched = watched;
        }
    }

    private static Class<?> find(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
    }
}
