package io.futurist.agent.probe;

import io.futurist.StatisticsRecorder;
import io.futurist.agent.probe.Faults.Hook;
import io.futurist.internal.CreationSite;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import io.futurist.internal.PendingTasks;
import io.futurist.internal.TaskOutcome;
import java.util.Collection;

/**
 * The accounting every instrumented executor shares: a task is accepted, then started and
 * finished, or cancelled, exactly once each. The executor-specific probes decide <em>where</em>
 * these events happen; this class decides what they mean.
 *
 * <p>Exactly-once rests on {@link PendingTasks}: an accepted task is entered there, and only
 * the caller that takes it out again may count its run or its cancellation. A task that is not
 * there (accepted before the agent was active, or already accounted for) is left alone.
 */
public final class TaskLedger {

    /** What {@link #beginRun} returns when the run is not to be counted. */
    public static final long NOT_TRACKED = Long.MIN_VALUE;

    private static final ExecutorRegistry REGISTRY = ExecutorRegistry.global();

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
                for (ExecutorRecord record : REGISTRY.records()) {
                    record.resetInstrumented();
                }
                ForkJoinProbe.forgetPending();
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
        return record != null ? record : REGISTRY.register(executor, ExecutorRecord.UNKNOWN_SITE);
    }

    /** An executor was constructed: register it with the application frame that built it. */
    public static void created(Object executor) {
        if (!recording || !Hook.CREATION.enabled()) {
            return;
        }
        try {
            REGISTRY.register(executor, CreationSite.find());
        } catch (Throwable fault) {
            Faults.failed(Hook.CREATION, fault);
        }
    }

    /** {@code executor} accepted {@code task} (it may still turn out to be refused). */
    public static void accepted(Object executor, Object task) {
        if (!recording || task == null || !Hook.SUBMISSION.enabled()) {
            return;
        }
        try {
            ExecutorRecord record = recordOf(executor);
            // Counted only when there is room to follow the task to its end; otherwise its run
            // would be counted without its submission and the books would not balance.
            if (record.pending().put(task, System.nanoTime())) {
                record.recorder().submitted();
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
            if (task != null && record.pending().take(task) != PendingTasks.MISSING) {
                record.recorder().submissionRejected();
            } else {
                record.recorder().rejected();
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.SUBMISSION, fault);
        }
    }

    /**
     * A worker of {@code record}'s executor is about to run {@code task}.
     *
     * @return the start time to hand to {@link #endRun}, or {@link #NOT_TRACKED} when this run
     *         is not counted (untracked task, or one cancelled before start — counted here)
     */
    public static long beginRun(ExecutorRecord record, Object task) {
        if (record == null || !recording || !Hook.RUN.enabled()) {
            return NOT_TRACKED;
        }
        try {
            long acceptedAt = record.pending().take(task);
            if (acceptedAt == PendingTasks.MISSING) {
                return NOT_TRACKED;
            }
            StatisticsRecorder recorder = record.recorder();
            if (TaskOutcome.isCancelled(task)) {
                recorder.cancelled();
                return NOT_TRACKED;
            }
            long start = System.nanoTime();
            recorder.started(start - acceptedAt);
            return start;
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
            return NOT_TRACKED;
        }
    }

    /**
     * The run {@link #beginRun} started has ended.
     *
     * @param watched what {@link TaskOutcome#watch(Object)} returned before the run
     * @param thrown  whether the run threw
     */
    public static void endRun(ExecutorRecord record, Object task, long start, Object watched, boolean thrown) {
        if (start == NOT_TRACKED) {
            return;
        }
        try {
            long end = System.nanoTime();
            boolean failed = thrown || TaskOutcome.capturedFailure(task) || TaskOutcome.watchedFailure(watched);
            record.recorder().finished(end - start, failed);
        } catch (Throwable fault) {
            Faults.failed(Hook.RUN, fault);
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
            if (record != null && record.pending().take(task) != PendingTasks.MISSING) {
                record.recorder().cancelled();
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
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
                record.terminated();
                int left = record.pending().takeAll(task -> true);
                StatisticsRecorder recorder = record.recorder();
                for (int i = 0; i < left; i++) {
                    recorder.cancelled();
                }
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
    }

    /** Cancelled futures were purged from {@code executor}'s queue. */
    public static void purged(Object executor) {
        if (!recording || !Hook.LIFECYCLE.enabled()) {
            return;
        }
        try {
            ExecutorRecord record = REGISTRY.find(executor);
            if (record != null) {
                int gone = record.pending().takeAll(TaskOutcome::isCancelled);
                StatisticsRecorder recorder = record.recorder();
                for (int i = 0; i < gone; i++) {
                    recorder.cancelled();
                }
            }
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
    }

    /** {@code shutdown}, {@code shutdownNow} or {@code close} was called on {@code executor}. */
    public static void shutDown(Object executor) {
        if (!recording || !Hook.LIFECYCLE.enabled()) {
            return;
        }
        try {
            recordOf(executor).shutDown();
        } catch (Throwable fault) {
            Faults.failed(Hook.LIFECYCLE, fault);
        }
    }
}
