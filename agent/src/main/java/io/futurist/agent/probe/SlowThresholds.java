package io.futurist.agent.probe;

import io.futurist.internal.CoarseClock;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.RecorderCorrections;

/**
 * The agent's {@code slowRun} and {@code slowQueue} thresholds: every counted run longer than
 * {@code slowRun}, and every queue wait longer than {@code slowQueue}, is counted on its
 * executor ({@code slowRuns}, {@code slowQueueWaits}) and handed to the {@link Crossings} the
 * agent installed (a JFR event and a JMX notification).
 *
 * <p><b>Every run, not only the timed ones.</b> A run timed exactly is judged by its exact
 * time. A run not chosen for timing reads no {@link System#nanoTime()}; while a threshold is
 * set it is judged by {@link CoarseClock}, a millisecond clock that costs one memory read: the
 * acceptance and start ticks travel where the exact times would, as a "coarse" value
 * ({@link #coarse(int)}) in the range just above {@link TaskLedger#UNTIMED}. A coarse duration
 * is whole ticks, so it may be up to a tick short or long, plus however late the clock's thread
 * is woken on a loaded machine (usually well under a millisecond): thresholds of a few
 * milliseconds and more are judged right, finer ones only roughly for the untimed runs.
 * (Coarse values are told from {@code System.nanoTime()} readings by their range: within 2^32
 * of {@code Long.MIN_VALUE}, which no JVM's monotonic clock returns.)
 *
 * <p><b>Cost.</b> With no threshold set, the task path pays one read of {@link #on} (a plain
 * load on x86) at an untimed task's acceptance, and at every run's start and end. With one set, an untimed task pays a look at the coarse clock (a volatile
 * read, and a write once a millisecond to keep it running) at acceptance, start and end. A
 * crossing itself is rare by definition and may cost more: it goes to the agent's
 * {@link Crossings}, which throttle what they emit.
 *
 * <p>Design: the thresholds are written at the agent's start, before the instrumentation is
 * in place, and read without locks on the task path ({@link #on} is volatile; the thresholds
 * are published by it). Nothing here throws into the application: a failing crossing handler
 * is reported once and the thresholds stop.
 */
public final class SlowThresholds {

    /** Whether a threshold is set: the only thing the task path reads while none is. */
    static volatile boolean on;
    /** Whether {@code slowQueue} is set: untimed tasks then keep a coarse acceptance tick. */
    static volatile boolean queueOn;
    private static long runNanos = Long.MAX_VALUE;
    private static long queueNanos = Long.MAX_VALUE;
    private static volatile Crossings crossings;

    /** The first coarse value; see the class comment. */
    static final long COARSE_BASE = TaskLedger.UNTIMED + 1;
    /** Just past the last coarse value: every value from here up is a {@code System.nanoTime()} reading. */
    static final long EXACT_FROM = COARSE_BASE + (1L << 32);

    /** What the agent does with a crossing: called on the application's thread, must be quick and never throw. */
    public interface Crossings {
        /** A run of {@code task} on {@code record}'s executor took {@code nanos}, over the threshold. */
        void slowRun(ExecutorRecord record, Object task, long nanos, long thresholdNanos);

        /** {@code task} waited {@code nanos} in {@code record}'s queue before it started, over the threshold. */
        void slowQueueWait(ExecutorRecord record, Object task, long nanos, long thresholdNanos);

        /** {@code record}'s executor refused {@code task}. */
        void rejected(ExecutorRecord record, Object task);
    }

    private SlowThresholds() {
    }

    /**
     * Sets the thresholds (0 for none) and where crossings and refusals go ({@code null}:
     * counted only). Called at the agent's start, before the probes run, and with zeros at a
     * detach.
     */
    public static synchronized void set(long slowRunNanos, long slowQueueNanos, Crossings handler) {
        runNanos = slowRunNanos > 0 ? slowRunNanos : Long.MAX_VALUE;
        queueNanos = slowQueueNanos > 0 ? slowQueueNanos : Long.MAX_VALUE;
        crossings = handler;
        queueOn = slowQueueNanos > 0;
        on = slowRunNanos > 0 || slowQueueNanos > 0;
        if (on) {
            // Untimed runs and waits are judged by the coarse clock: whole milliseconds.
            CoarseClock.refreshEveryMillisecond();
        }
    }

    /** Whether {@code value}, an acceptance or start time, is an exact {@code System.nanoTime()} reading. */
    static boolean isExact(long value) {
        return value >= EXACT_FROM;
    }

    /** Whether {@code value} is a coarse tick rather than {@link TaskLedger#UNTIMED} or an exact time. */
    static boolean isCoarse(long value) {
        return value >= COARSE_BASE && value < EXACT_FROM;
    }

    /** {@code tick} as a coarse value. */
    static long coarse(int tick) {
        return COARSE_BASE + (tick & 0xFFFF_FFFFL);
    }

    /** The tick a coarse value holds. */
    static int tickOf(long coarse) {
        return (int) (coarse - COARSE_BASE);
    }

    /** The coarse clock now, kept running. */
    static long coarseNow() {
        CoarseClock.demand();
        return coarse(CoarseClock.ticks());
    }

    /** The acceptance time an untimed task keeps: a coarse tick while {@code slowQueue} is set. */
    static long untimedAcceptance() {
        return queueOn ? coarseNow() : TaskLedger.UNTIMED;
    }

    /** Nanoseconds between two coarse values. */
    static long coarseNanos(long from, long to) {
        return Math.max(0, tickOf(to) - tickOf(from)) * CoarseClock.TICK_NANOS;
    }

    /** An exactly timed task waited {@code nanos}. Never throws. */
    static void waited(ExecutorRecord record, Object task, long nanos) {
        if (nanos > queueNanos) {
            crossed(record, task, nanos, false);
        }
    }

    /**
     * An untimed task accepted at {@code acceptedAt} starts now: judges its wait if that is
     * known coarsely, and returns what its run carries to {@link #ended}: a coarse start while
     * {@code slowRun} is set, else {@link TaskLedger#UNTIMED}. Never throws.
     */
    static long untimedStart(ExecutorRecord record, Object task, long acceptedAt) {
        try {
            long now = coarseNow();
            if (isCoarse(acceptedAt)) {
                long nanos = coarseNanos(acceptedAt, now);
                if (nanos > queueNanos) {
                    crossed(record, task, nanos, false);
                }
            }
            return runNanos != Long.MAX_VALUE ? now : TaskLedger.UNTIMED;
        } catch (Throwable fault) {
            broken(fault);
            return TaskLedger.UNTIMED;
        }
    }

    /**
     * A run that started at {@code start} has ended; {@code exactNanos} is its exact time when
     * it was timed, else negative. Never throws.
     */
    static void ended(ExecutorRecord record, Object task, long start, long exactNanos) {
        try {
            long nanos = exactNanos >= 0 ? exactNanos : isCoarse(start) ? coarseNanos(start, coarseNow()) : -1;
            if (nanos > runNanos) {
                crossed(record, task, nanos, true);
            }
        } catch (Throwable fault) {
            broken(fault);
        }
    }

    /** {@code record}'s executor refused {@code task}. Never throws. */
    static void rejected(ExecutorRecord record, Object task) {
        Crossings handler = crossings;
        if (handler != null) {
            try {
                handler.rejected(record, task);
            } catch (Throwable fault) {
                broken(fault);
            }
        }
    }

    private static void crossed(ExecutorRecord record, Object task, long nanos, boolean run) {
        try {
            if (run) {
                RecorderCorrections.slowRun(record.recorder());
            } else {
                RecorderCorrections.slowQueueWait(record.recorder());
            }
            Crossings handler = crossings;
            if (handler != null) {
                if (run) {
                    handler.slowRun(record, task, nanos, runNanos);
                } else {
                    handler.slowQueueWait(record, task, nanos, queueNanos);
                }
            }
        } catch (Throwable fault) {
            broken(fault);
        }
    }

    private static void broken(Throwable fault) {
        crossings = null;
        Faults.warnOnce("thresholds", "slow-run and slow-queue events are off after an internal error (" + fault
                + "); the statistics are still recorded");
    }
}
