package io.futurist.internal;

import io.futurist.ExecutorStatistics;
import io.futurist.StatisticsRecorder;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The verbs of {@link StatisticsRecorder} that only Futurist's own instrumentation uses: the
 * timing choice at submission, untimed starts and ends, the corrections of counts already made
 * (a submission refused or withdrawn after it was counted, a cancellation that was a refusal, a
 * run whose body never started) and the slow-threshold counts. They are package-private in the
 * recorder, so that an application recording an executor of its own sees only the
 * {@code record*} verbs it needs; the agent's probes, in another package, call them here.
 *
 * <p>Why method handles: the recorder and this class ship in one jar (one module, one class
 * loader: the application's, or the bootstrap loader when the agent defines them there), so a
 * private look-up into the recorder is always allowed, on the class path and the module path
 * alike. Each handle is bound once, in a {@code static final} field, and called with
 * {@code invokeExact}: the JIT compiles such a call like a direct one, so this costs the task
 * path nothing. A failure to bind is a broken build, not a runtime condition: it fails this
 * class's initialisation.
 */
public final class RecorderCorrections {

    private static final MethodHandle SUBMITTED_TIMED;
    private static final MethodHandle SUBMISSION_REJECTED;
    private static final MethodHandle SUBMISSION_WITHDRAWN;
    private static final MethodHandle CANCELLATION_REJECTED;
    private static final MethodHandle CANCELLATION_WITHDRAWN;
    private static final MethodHandle STARTED_UNTIMED;
    private static final MethodHandle STARTED_BUT_CANCELLED;
    private static final MethodHandle FINISHED_UNTIMED;
    private static final MethodHandle SLOW_RUN;
    private static final MethodHandle SLOW_QUEUE_WAIT;
    private static final MethodHandle BOOKS_CLOSED;
    private static final MethodHandle COUNTS_SNAPSHOT;

    static {
        try {
            MethodHandles.Lookup recorder = MethodHandles.privateLookupIn(StatisticsRecorder.class, MethodHandles.lookup());
            MethodType none = MethodType.methodType(void.class);
            SUBMITTED_TIMED = recorder.findVirtual(StatisticsRecorder.class, "submittedTimed",
                    MethodType.methodType(boolean.class));
            SUBMISSION_REJECTED = recorder.findVirtual(StatisticsRecorder.class, "submissionRejected", none);
            SUBMISSION_WITHDRAWN = recorder.findVirtual(StatisticsRecorder.class, "submissionWithdrawn", none);
            CANCELLATION_REJECTED = recorder.findVirtual(StatisticsRecorder.class, "cancellationRejected", none);
            CANCELLATION_WITHDRAWN = recorder.findVirtual(StatisticsRecorder.class, "cancellationWithdrawn", none);
            STARTED_UNTIMED = recorder.findVirtual(StatisticsRecorder.class, "startedUntimed", none);
            STARTED_BUT_CANCELLED = recorder.findVirtual(StatisticsRecorder.class, "startedButCancelled", none);
            FINISHED_UNTIMED = recorder.findVirtual(StatisticsRecorder.class, "finishedUntimed",
                    MethodType.methodType(void.class, boolean.class));
            SLOW_RUN = recorder.findVirtual(StatisticsRecorder.class, "slowRun", none);
            SLOW_QUEUE_WAIT = recorder.findVirtual(StatisticsRecorder.class, "slowQueueWait", none);
            BOOKS_CLOSED = recorder.findVirtual(StatisticsRecorder.class, "booksClosed", none);
            COUNTS_SNAPSHOT = recorder.findVirtual(StatisticsRecorder.class, "countsSnapshot",
                    MethodType.methodType(ExecutorStatistics.class));
        } catch (ReflectiveOperationException broken) {
            throw new ExceptionInInitializerError(broken);
        }
    }

    private RecorderCorrections() {
    }

    /**
     * Counts a submission, and says whether to time its wait and run, as the recorder's
     * {@code Timing} chooses; if not, its run is recorded with {@link #startedUntimed} and
     * {@link #finishedUntimed}, reading no clock.
     */
    public static boolean submittedTimed(StatisticsRecorder recorder) {
        try {
            return (boolean) SUBMITTED_TIMED.invokeExact(recorder);
        } catch (Throwable thrown) {
            throw unchecked(thrown);
        }
    }

    /** A submission already counted was refused after all: counted as refused instead. */
    public static void submissionRejected(StatisticsRecorder recorder) {
        try {
            SUBMISSION_REJECTED.invokeExact(recorder);
        } catch (Throwable thrown) {
            throw unchecked(thrown);
        }
    }

    /** A submission already counted is taken back: the caller could not follow the task. */
    public static void submissionWithdrawn(StatisticsRecorder recorder) {
        try {
            SUBMISSION_WITHDRAWN.invokeExact(recorder);
        } catch (Throwable thrown) {
            throw unchecked(thrown);
        }
    }

    /** A task counted as accepted and then cancelled was refused: counted as refused only. */
    public static void cancellationRejected(StatisticsRecorder recorder) {
        try {
            CANCELLATION_REJECTED.invokeExact(recorder);
        } catch (Throwable thrown) {
            throw unchecked(thrown);
        }
    }

    /** As {@link #cancellationRejected}, for a refusal counted already: the submission and the cancellation are withdrawn. */
    public static void cancellationWithdrawn(StatisticsRecorder recorder) {
        try {
            CANCELLATION_WITHDRAWN.invokeExact(recorder);
        } catch (Throwable thrown) {
            throw unchecked(thrown);
        }
    }

    /** An accepted task starts a run that is not timed. */
    public static void startedUntimed(StatisticsRecorder recorder) {
        try {
            STARTED_UNTIMED.invokeExact(recorder);
        } catch (Throwable thrown) {
            throw unchecked(thrown);
        }
    }

    /** A run counted as started never ran its task's body: counted as cancelled instead. */
    public static void startedButCancelled(StatisticsRecorder recorder) {
        try {
            STARTED_BUT_CANCELLED.invokeExact(recorder);
        } catch (Throwable thrown) {
            throw unchecked(thrown);
        }
    }

    /** A run whose time is not known ended. */
    public static void finishedUntimed(StatisticsRecorder recorder, boolean failed) {
        try {
            FINISHED_UNTIMED.invokeExact(recorder, failed);
        } catch (Throwable thrown) {
            throw unchecked(thrown);
        }
    }

    /** A run took longer than its executor's slow-run threshold. */
    public static void slowRun(StatisticsRecorder recorder) {
        try {
            SLOW_RUN.invokeExact(recorder);
        } catch (Throwable thrown) {
            throw unchecked(thrown);
        }
    }

    /** A task waited longer than its executor's slow-queue threshold. */
    public static void slowQueueWait(StatisticsRecorder recorder) {
        try {
            SLOW_QUEUE_WAIT.invokeExact(recorder);
        } catch (Throwable thrown) {
            throw unchecked(thrown);
        }
    }

    /** The executor terminated: accepted tasks never started nor cancelled count as cancelled from now on. */
    public static void booksClosed(StatisticsRecorder recorder) {
        try {
            BOOKS_CLOSED.invokeExact(recorder);
        } catch (Throwable thrown) {
            throw unchecked(thrown);
        }
    }

    /**
     * The recorder's counts without its histograms: the run and queue times and percentiles of
     * the result are empty. For the agent's once-a-second reading of every executor.
     */
    public static ExecutorStatistics countsSnapshot(StatisticsRecorder recorder) {
        try {
            return (ExecutorStatistics) COUNTS_SNAPSHOT.invokeExact(recorder);
        } catch (Throwable thrown) {
            throw unchecked(thrown);
        }
    }

    /** The recorder's verbs throw nothing checked: whatever comes out goes on as it is. */
    private static RuntimeException unchecked(Throwable thrown) {
        if (thrown instanceof RuntimeException) {
            return (RuntimeException) thrown;
        }
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
        return new IllegalStateException(thrown);
    }
}
