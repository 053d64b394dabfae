package io.futurist.agent.probe;

import io.futurist.StatisticsRecorder;
import io.futurist.agent.probe.Faults.Hook;
import io.futurist.internal.CreationSite;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import io.futurist.internal.PendingTasks;
import io.futurist.internal.RecorderCorrections;
import io.futurist.internal.TaskOutcome;
import java.lang.ref.WeakReference;
import java.util.Collection;
import java.util.function.Predicate;

/**
 * The accounting every instrumented executor shares: a task is accepted, then started and
 * finished, or cancelled, exactly once each. The executor-specific probes decide <em>where</em>
 * these events happen; this class decides what they mean.
 *
 * <p>Exactly-once rests on {@link PendingTasks}: an accepted task is entered there, and only
 * the caller that takes it out again may count its run or its cancellation. A task that is not
 * there (accepted before the agent was active, or already accounted for) is left alone.
 *
 * <p><b>Timing.</b> Whether a task is timed is decided when it is accepted, by its executor's
 * recorder ({@code RecorderCorrections.submittedTimed}, following the agent's {@code timing}
 * option). A timed task keeps its acceptance time in the table; an untimed one keeps
 * {@link #UNTIMED} instead, and its run reads no clock: of the three clock reads an exactly
 * timed task costs, an untimed one pays none. What it still pays is the table itself (a put
 * and a take: the cross-core hand-over from submitter to worker), and that stays for every
 * task, timed or not, because it is what counts exactly: without it, a worker could not tell a
 * task it may count from one accepted before the agent, {@code remove}, {@code shutdownNow} and
 * a {@code cancel} could not tell a queued task from one already started, and a cancellation
 * racing the start would be counted twice or not at all. Two exceptions keep the same token
 * elsewhere, in the task itself: the tasks a {@code ForkJoinPool} makes in
 * {@code execute(Runnable)}, untimed, carry their pool's mark in their own tag
 * ({@link MarkedTasks}); a scheduled pool's untimed one-shots carry their table's mark in a
 * field the JDK reads only for periodic tasks ({@code PendingTasks.putMarked}).
 *
 * <p><b>Concurrency.</b> Every event is decided by who wins a take from the executor's pending
 * table; the rare events that must not interleave with a termination sweep (a cancellation, a
 * refusal after the count, the sweep itself) hold the record's lock. The events are the
 * probes' vocabulary for every kind of pool: {@link #accepted}/{@link #accept},
 * {@link #rejected}/{@link #refused}, {@link #beginRun} (or {@link #claim} then
 * {@link #start}), {@link #endRun}/{@link #finish}/{@link #neverRan},
 * {@link #cancelled}/{@link #cancel}, {@link #terminated}, {@link #purged}.
 *
 * <p>(Why one class this long: it is the one place where events get their meaning; split,
 * the exactly-once argument would be spread over several files.)
 */
public final class TaskLedger {

    /** What {@link #beginRun} returns when the run is not to be counted. */
    public static final long NOT_TRACKED = Long.MIN_VALUE;

    /**
     * What {@link #beginRun} returns for a run counted without its times (not chosen for
     * timing, or timing failing); also the acceptance time kept for a task not chosen for
     * timing ({@link #acceptedAt}).
     */
    public static final long UNTIMED = PendingTasks.UNTIMED;

    private static final ExecutorRegistry REGISTRY = ExecutorRegistry.global();

    /** The task this thread last took out of a queue with {@code remove}; see {@link #rejected}. */
    private static final ThreadLocal<WeakReference<Object>> LAST_REMOVED = new ThreadLocal<>();

    /** The task this thread's last refusal could not find among the pending ones; see {@link #submissionEnded}. */
    private static final ThreadLocal<WeakReference<Object>> REFUSED_UNSEEN = new ThreadLocal<>();

    /** Off after a detach: probes left in already-running code then record nothing. */
    private static volatile boolean recording;

    private TaskLedger() {
    }

    /** Incremented each time recording starts, so that state from an earlier attach is recognised. */
    private static volatile long generation;

    /** Starts or stops all recording, for attach and detach. */
    public static synchronized void recording(boolean on) {
        if (on && !recording) {
            generation++;
            if (generation > 1) {
                // Attached again after a detach: start every instrumented executor's books afresh.
                // Their pending tables go too: every kind of pool keeps its own in its record.
                for (ExecutorRecord record : REGISTRY.records()) {
                    record.resetInstrumented();
                }
            }
        }
        recording = on;
    }

    /** Which attach the current recording belongs to. */
    public static long generation() {
        return generation;
    }

    /** Whether probes record now. */
    public static boolean recording() {
        return recording;
    }

    /** The record of {@code executor}, registering it (creation site unknown) on first sight. */
    static ExecutorRecord recordOf(Object executor) {
        ExecutorRecord record = REGISTRY.find(executor);
        return record != null ? record : REGISTRY.register(executor, unknownSite);
    }

    /** What an executor built before the hooks were in place is said to come from; see {@link #startedWithJvm}. */
    private static volatile String unknownSite = ExecutorRecord.UNKNOWN_SITE;

    /**
     * Whether the agent started with the JVM ({@code -javaagent}) rather than by an attach:
     * executors it did not see built then predate its start (another agent's {@code premain}
     * built them, or the JDK during start-up), and are said to, not to predate an attach there
     * never was.
     */
    public static void startedWithJvm(boolean withJvm) {
        unknownSite = withJvm ? ExecutorRecord.BEFORE_AGENT_SITE : ExecutorRecord.UNKNOWN_SITE;
    }

    /** The creation site of an executor first seen after it was built. */
    static String unknownSite() {
        return unknownSite;
    }

    /**
     * An executor was constructed: register it with the application frame that built it.
     *
     * @return its record, or {@code null} when nothing is recorded (or the registration failed)
     */
    public static ExecutorRecord created(Object executor) {
        if (!recording || !Hook.CREATION.enabled()) {
            return null;
        }
        try {
            return REGISTRY.register(executor, CreationSite.stack(executor.getClass()));
        } catch (Throwable fault) {
            Faults.failed(Hook.CREATION, fault);
            return null;
        }
    }

    /**
     * {@code executor} accepted {@code task} (it may still turn out to be refused).
     *
     * @return the executor's record when the task was counted as submitted, for
     *         {@link #submissionEnded}; {@code null} otherwise
     */
    public static Object accepted(Object executor, Object task) {
        return accepted(executor, task, null);
    }

    /**
     * {@code executor}, a {@code ScheduledThreadPoolExecutor}, accepted {@code task} (it may
     * still turn out to be refused): its pending tasks are hashed by their sequence numbers
     * ({@link PendingTasks#SCHEDULED_FUTURES}).
     *
     * @return as {@link #accepted(Object, Object)}
     */
    public static Object acceptedScheduled(Object executor, Object task) {
        return accepted(executor, task, PendingTasks.SCHEDULED_FUTURES);
    }

    /**
     * {@code executor}, which queues its tasks in {@code queue}, accepted {@code task} (it may
     * still turn out to be refused). The queue tells how pending tasks are best kept
     * ({@link PendingTasks#forQueue}).
     *
     * @return the executor's record when the task was counted as submitted, for
     *         {@link #submissionEnded}; {@code null} otherwise
     */
    public static Object accepted(Object executor, Object task, Object queue) {
        if (!recording || task == null || !Hook.SUBMISSION.enabled()) {
            return null;
        }
        try {
            ExecutorRecord record = recordOf(executor);
            // Counted only when there is room to follow the task to its end; otherwise its run
            // would be counted without its submission and the books would not balance.
            return accept(record, task, queue) ? record : null;
        } catch (Throwable fault) {
            Faults.failed(Hook.SUBMISSION, fault);
        }
        return null;
    }

    /**
     * {@code record}'s executor accepted {@code task}: counted, and entered into the record's
     * pending table, made on first use to fit {@code queue} (the executor's queue, or a
     * fork/join pool itself: {@link PendingTasks#forQueue}). The task is timed if the record's
     * timing chooses so: it keeps the clock as its acceptance time, else {@link #UNTIMED}, and
     * an untimed task reads no clock at all. If the entry fails, the submission is withdrawn
     * (and the failure thrown): a task counted must be one the table follows to its end.
     *
     * @return whether the task was counted
     */
    static boolean accept(ExecutorRecord record, Object task, Object queue) {
        StatisticsRecorder recorder = record.recorder();
        return enter(record, task, queue, recorder, RecorderCorrections.submittedTimed(recorder));
    }

    /**
     * Enters {@code task}, whose submission {@code recorder} has just counted (and chosen to
     * time or not: {@code timed}), into {@code record}'s pending table; as {@link #accept}, which this is the
     * second half of, for a caller that decided something between the two ({@link MarkedTasks}).
     *
     * @return whether the task stays counted
     */
    static boolean enter(ExecutorRecord record, Object task, Object queue, StatisticsRecorder recorder, boolean timed) {
        boolean entered = false;
        try {
            PendingTasks pending = record.pending(queue);
            long at = timed && Hook.RUN.enabled() ? System.nanoTime()
                    : SlowThresholds.on ? SlowThresholds.untimedAcceptance() : UNTIMED;
            // An untimed scheduled one-shot keeps its token in itself (ScheduledMarks).
            entered = at == UNTIMED && pending.putMarked(task) || pending.put(task, at);
        } finally {
            if (!entered) {
                RecorderCorrections.submissionWithdrawn(recorder);
            }
        }
        return entered;
    }

    /** Whether {@code task}, {@linkplain #accept accepted} by {@code record}'s executor, is still pending there. */
    static boolean isPending(ExecutorRecord record, Object task) {
        return record.pending().contains(task);
    }

    /**
     * A submission that {@link #accept} counted on {@code record} was refused after all (its
     * funnel threw). If the task is still pending, the submission is withdrawn as refused;
     * if another thread took it out meanwhile and counted it as cancelled (a termination sweep,
     * a {@code cancel}), the refusal wins over that cancellation: it was never accepted.
     */
    static void refused(ExecutorRecord record, Object task) {
        synchronized (record) {
            StatisticsRecorder recorder = record.recorder();
            if (record.pending().take(task) != PendingTasks.MISSING) {
                RecorderCorrections.submissionRejected(recorder);
            } else {
                RecorderCorrections.cancellationRejected(recorder);
            }
        }
    }

    /**
     * A submission counted on {@code record} without a pending entry (a task of a thread-per-task
     * executor whose runs count on their own threads) was refused: its thread never starts, so
     * nothing else can have counted it, and it is counted as refused instead.
     */
    static void refusedUnentered(ExecutorRecord record, Object task) {
        SlowThresholds.rejected(record, task);
        RecorderCorrections.submissionRejected(record.recorder());
    }

    /**
     * The submission that {@link #accepted} counted ({@code counted}, its return value) has
     * returned or thrown. If meanwhile a termination sweep took {@code task} as cancelled and
     * the pool then refused it ({@link #rejected} found it gone), the submission and the
     * cancellation are withdrawn: the task was refused, nothing else. Only a shut-down pool
     * sweeps, so a live one costs a single read here.
     */
    public static void submissionEnded(Object counted, Object task) {
        if (counted == null || ((ExecutorRecord) counted).alive()) {
            return;
        }
        try {
            WeakReference<Object> refused = REFUSED_UNSEEN.get();
            if (refused != null && refused.get() == task) {
                REFUSED_UNSEEN.remove();
                RecorderCorrections.cancellationWithdrawn(((ExecutorRecord) counted).recorder());
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.SUBMISSION, fault);
        }
    }

    /** {@code executor}'s rejection handler is about to run for {@code task}. */
    public static void rejected(Object executor, Object task) {
        if (!recording || !Hook.SUBMISSION.enabled()) {
            return;
        }
        try {
            ExecutorRecord record = recordOf(executor);
            SlowThresholds.rejected(record, task);
            if (task != null && record.pending().take(task) != PendingTasks.MISSING) {
                RecorderCorrections.submissionRejected(record.recorder());
            } else if (task != null && takeLastRemoved(task)) {
                // execute() queued it, saw the pool shut down, took it back (counted as
                // cancelled by remove) and now refuses it: it was never accepted after all.
                RecorderCorrections.cancellationRejected(record.recorder());
            } else {
                record.recorder().recordRejected();
                if (task != null) {
                    // Never counted, or swept up as cancelled meanwhile: submissionEnded tells.
                    REFUSED_UNSEEN.set(new WeakReference<>(task));
                }
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.SUBMISSION, fault);
        }
    }

    /**
     * A worker of {@code record}'s executor is about to run {@code task}.
     *
     * <p>The task is taken out of the pending table even when run timing is off or fails (a
     * fault in the clock or the histogram): the run is then counted without its times
     * ({@link #UNTIMED}), so that the books still balance and nothing stays active for good.
     *
     * @return the start time to hand to {@link #endRun}, {@link #UNTIMED}, or
     *         {@link #NOT_TRACKED} when this run is not counted (untracked task, or one
     *         cancelled before start — counted here)
     */
    public static long beginRun(ExecutorRecord record, Object task) {
        return beginRun(record, task, task);
    }

    /**
     * As {@link #beginRun(ExecutorRecord, Object)}, for an executor that keeps its pending
     * tasks under another key than the task: a thread-per-task executor knows each submission
     * by the thread it starts for it.
     *
     * @param key  what the submission was {@linkplain #accepted accepted} as
     * @param task what runs, whose outcome tells a cancelled future
     */
    public static long beginRun(ExecutorRecord record, Object key, Object task) {
        if (record == null || !recording) {
            return NOT_TRACKED;
        }
        long acceptedAt = claim(record, key);
        if (acceptedAt == PendingTasks.MISSING) {
            return NOT_TRACKED;
        }
        boolean cancelled = false;
        try {
            cancelled = TaskOutcome.isCancelled(task);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
        return start(record, task, acceptedAt, cancelled);
    }

    /**
     * Takes {@code key} out of {@code record}'s pending tasks: the token that lets one run (or
     * one cancellation) of it count, and only one. A task queued several times is found once
     * per copy, however takers of the other copies race this one ({@link PendingTasks#take}).
     *
     * @return when it was accepted ({@link #UNTIMED} or a coarse tick if untimed), or
     *         {@link PendingTasks#MISSING} when it is not there: not tracked, or already
     *         accounted for by someone else
     */
    static long claim(ExecutorRecord record, Object key) {
        try {
            return record.pending().take(key);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
            return PendingTasks.MISSING;
        }
    }

    /**
     * A run of {@code task}, {@linkplain #claim claimed} with its acceptance time
     * {@code acceptedAt}, begins: counted as cancelled instead when {@code cancelled} (a future
     * cancelled before it started), else as {@linkplain #started started}.
     *
     * @return as {@link #beginRun(ExecutorRecord, Object)}
     */
    static long start(ExecutorRecord record, Object task, long acceptedAt, boolean cancelled) {
        if (cancelled) {
            try {
                record.recorder().recordCancelled();
            } catch (Throwable fault) {
                Faults.failed(Hook.RUN, fault);
            }
            return NOT_TRACKED;
        }
        return started(record, task, acceptedAt);
    }

    /**
     * Counts the start of a run of {@code task}, accepted at {@code acceptedAt}: timed when the
     * task was chosen for timing (and timing works), else untimed. Judges its queue wait
     * against the {@code slowQueue} threshold ({@link SlowThresholds}).
     *
     * @return the start time to hand to {@link #finish}, {@link #UNTIMED} (or a coarse start
     *         while a {@code slowRun} threshold is set), or {@link #NOT_TRACKED} when not even
     *         the untimed count worked
     */
    static long started(ExecutorRecord record, Object task, long acceptedAt) {
        StatisticsRecorder recorder = record.recorder();
        try {
            if (SlowThresholds.isExact(acceptedAt) && Hook.RUN.enabled()) {
                long start = System.nanoTime();
                recorder.recordStarted(start - acceptedAt);
                if (SlowThresholds.on) {
                    SlowThresholds.waited(record, task, start - acceptedAt);
                }
                return start;
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
        try {
            RecorderCorrections.startedUntimed(recorder);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
            return NOT_TRACKED;
        }
        return SlowThresholds.on ? SlowThresholds.untimedStart(record, task, acceptedAt) : UNTIMED;
    }

    /**
     * The run {@link #beginRun} started has ended.
     *
     * @param watched     what {@link TaskOutcome#watch(Object)} returned before the run
     * @param thrown      whether the run threw
     * @param bodyStarted whether the task's body started, as far as {@link RunBodies} can tell:
     *                    a future cancelled after {@code beginRun} but before its body never ran
     */
    public static void endRun(ExecutorRecord record, Object task, long start, Object watched, boolean thrown,
                              boolean bodyStarted) {
        if (start == NOT_TRACKED) {
            return;
        }
        try {
            if (!bodyStarted && TaskOutcome.isCancelled(task)) {
                neverRan(record);
                return;
            }
            boolean failed = thrown || TaskOutcome.capturedFailure(task) || TaskOutcome.watchedFailure(watched);
            finish(record, task, start, failed);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
        }
    }

    /**
     * A run counted as started turned out never to have run its task's body: its future was
     * cancelled in between, or a stopping pool cancelled it instead of running it. It counts as
     * cancelled, not executed.
     */
    static void neverRan(ExecutorRecord record) {
        RecorderCorrections.startedButCancelled(record.recorder());
    }

    /**
     * Counts the end of a run of {@code task} on {@code record}: timed from {@code start}, or
     * untimed when {@code start} is not an exact time or the timing fails now (the run is
     * counted anyway).
     *
     * <p>Every counted run of every instrumented executor ends here (thread pools, workers on
     * the JDK's original loop after an attach, fork/join pools), timed or not: so this is where
     * the {@code slowRun} threshold sees every run ({@link SlowThresholds}; an untimed run's
     * {@code start} is then a coarse tick, read without a clock call).
     */
    static void finish(ExecutorRecord record, Object task, long start, boolean failed) {
        StatisticsRecorder recorder = record.recorder();
        long nanos = -1;
        if (SlowThresholds.isExact(start) && Hook.RUN.enabled()) {
            try {
                nanos = System.nanoTime() - start;
                recorder.recordFinished(nanos, failed);
            } catch (Throwable fault) {
                Faults.failed(Hook.RUN, fault);
                nanos = -1;
                RecorderCorrections.finishedUntimed(recorder, failed);
            }
        } else {
            RecorderCorrections.finishedUntimed(recorder, failed);
        }
        if (SlowThresholds.on) {
            SlowThresholds.ended(record, task, start, nanos);
        }
    }

    /** Arms {@link RunBodies}'s mark for a counted run of {@code task}; never throws. */
    static boolean[] armBody(Object task) {
        try {
            return RunBodies.arm(task);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
            return null;
        }
    }

    /** What to read after {@code task}'s run to learn its outcome; never throws. */
    public static Object watch(Object task) {
        try {
            return TaskOutcome.watch(task);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
            return null;
        }
    }

    /** {@code task} left {@code executor} without running (removed, drained, cancelled). */
    public static void cancelled(Object executor, Object task) {
        if (!recording || task == null || !Hook.LIFECYCLE.enabled()) {
            return;
        }
        try {
            ExecutorRecord record = REGISTRY.find(executor);
            if (record != null) {
                cancel(record, task);
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
    }

    /**
     * {@code task} left {@code record}'s executor without running: counted as cancelled if it
     * was pending there (and nobody else accounted for it meanwhile).
     *
     * <p>Under the record's lock, like a {@linkplain #sweep sweep}: an executor can be declared
     * terminated while another thread is still cancelling a task it took from the queue (a
     * fork/join pool's {@code shutdownNow} clean-up runs in several threads at once); a caller
     * that has seen the pool terminate and sweeps then waits until this cancellation is counted.
     *
     * @return whether this call counted it
     */
    static boolean cancel(ExecutorRecord record, Object task) {
        synchronized (record) {
            if (record.pending().take(task) == PendingTasks.MISSING) {
                return false;
            }
            record.recorder().recordCancelled();
            return true;
        }
    }

    /** Every task in {@code tasks} left {@code executor} without running. */
    public static void allCancelled(Object executor, Collection<?> tasks) {
        if (tasks == null) {
            return;
        }
        for (Object task : tasks) {
            cancelled(executor, task);
        }
    }

    /**
     * {@code executor} has terminated: whatever it accepted and never started is cancelled
     * (tasks its queue dropped on shutdown, such as a scheduled pool's periodic tasks).
     */
    public static void terminated(Object executor) {
        if (!recording || !Hook.LIFECYCLE.enabled()) {
            return;
        }
        try {
            ExecutorRecord record = REGISTRY.find(executor);
            if (record != null) {
                terminated(record);
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
    }

    /**
     * {@code record}'s executor has terminated: its books close, and whatever it accepted and
     * never started counts as cancelled.
     */
    static void terminated(ExecutorRecord record) {
        record.markTerminated();
        sweep(record, task -> true);
        if (record.pending().marksTasks()) {
            // Marked tasks have no entry to sweep: one that left unseen counts as never run.
            RecorderCorrections.booksClosed(record.recorder());
        }
    }

    /**
     * {@code record}'s fork/join pool has terminated: as {@link #terminated(ExecutorRecord)},
     * and its books close, so that a {@linkplain MarkedTasks marked task} that never ran nor was
     * seen cancelled (it has no pending entry to sweep) counts as cancelled too.
     */
    static void forkJoinTerminated(ExecutorRecord record) {
        terminated(record);
        RecorderCorrections.booksClosed(record.recorder());
    }

    /** Cancelled futures were purged from {@code executor}'s queue. */
    public static void purged(Object executor) {
        if (!recording || !Hook.LIFECYCLE.enabled()) {
            return;
        }
        try {
            ExecutorRecord record = REGISTRY.find(executor);
            if (record != null) {
                sweep(record, TaskOutcome::isCancelled);
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
    }

    /**
     * Counts as cancelled the pending tasks of {@code record} that {@code which} selects.
     *
     * <p>Sweeps of one executor hold its record's lock (they are rare: purge, shutdown,
     * termination), so that a caller that has just seen the pool terminate and sweeps too waits
     * until a sweep already under way has counted what it took: the books balance when
     * {@code awaitTermination} returns.
     */
    static void sweep(ExecutorRecord record, Predicate<Object> which) {
        synchronized (record) {
            int gone = record.pending().takeAll(which);
            StatisticsRecorder recorder = record.recorder();
            for (int i = 0; i < gone; i++) {
                recorder.recordCancelled();
            }
        }
    }

    /**
     * {@code remove(task)} is starting on this thread. Noted (weakly, on a rare path) because
     * {@code execute} may follow it with a refusal of the same task; the removal itself, or a
     * termination sweep inside it, counts the task as cancelled meanwhile.
     */
    public static void removing(Object task) {
        if (!recording || task == null) {
            return;
        }
        try {
            LAST_REMOVED.set(new WeakReference<>(task));
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
    }

    private static boolean takeLastRemoved(Object task) {
        WeakReference<Object> last = LAST_REMOVED.get();
        if (last != null && last.get() == task) {
            LAST_REMOVED.remove();
            return true;
        }
        return false;
    }

    /** {@code shutdown}, {@code shutdownNow} or {@code close} was called on {@code executor}. */
    public static void shutDown(Object executor) {
        if (!recording || !Hook.LIFECYCLE.enabled()) {
            return;
        }
        try {
            recordOf(executor).markShutDown();
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
    }
}
