package io.futurist;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records what one executor does and turns it into {@link ExecutorStatistics} snapshots.
 *
 * <p>This is the one place where the statistics' meaning (see {@link ExecutorStatistics}) is
 * put into numbers; Futurist's own executors and the agent's instrumentation both record
 * through it, and so can an executor of your own.
 *
 * <p>Concurrency: every counter is a {@link LongAdder}, so recording threads never contend on
 * one cache line; the histograms are lock-free and created on first use; the maximum is a
 * compare-and-set loop entered only when a run beats the current maximum. Nothing on the
 * recording path allocates once the histograms exist, nor takes a lock. {@link #snapshot()}
 * sums the adders and copies the histograms, paying the cost on the reader's side.
 *
 * <p>{@link #queued()} is derived rather than counted: accepted tasks minus those that
 * finished, were cancelled or are running. A reader racing with recorders can therefore
 * briefly see it off by the tasks in flight, never below zero.
 */
public final class StatisticsRecorder {

    private final LongAdder submitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder started = new LongAdder();
    private final LongAdder executed = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder runtimeNanos = new LongAdder();
    private final LongAdder queueTimeNanos = new LongAdder();
    private final AtomicLong maxRuntimeNanos = new AtomicLong();
    private final AtomicReference<LatencyHistogram> runtimes = new AtomicReference<>();
    private final AtomicReference<LatencyHistogram> queueTimes = new AtomicReference<>();

    /** A task was accepted. */
    public void submitted() {
        submitted.increment();
    }

    /** A submission was refused; it is not counted as submitted. */
    public void rejected() {
        rejected.increment();
    }

    /**
     * A submission already counted by {@link #submitted()} turned out to be refused (the
     * executor accepted it first and its rejection handler ran afterwards).
     */
    public void submissionRejected() {
        submitted.decrement();
        rejected.increment();
    }

    /**
     * A task counted as accepted and then as cancelled was in fact refused: the executor queued
     * it, took it back because it was shut down meanwhile, and ran its rejection handler.
     */
    public void cancellationRejected() {
        cancelled.decrement();
        submitted.decrement();
        rejected.increment();
    }

    /**
     * A task counted as accepted and then as cancelled was in fact refused, and the refusal is
     * already counted by {@link #rejected()}: the submission and the cancellation are withdrawn.
     * (An instrumented executor's termination check can sweep a task up as cancelled while the
     * submission that carried it is being refused.)
     */
    public void cancellationWithdrawn() {
        cancelled.decrement();
        submitted.decrement();
    }

    /**
     * An accepted task starts its run.
     *
     * @param queueNanos how long it waited since acceptance, or a negative number when that
     *                   is not known (the task was accepted before recording began)
     */
    public void started(long queueNanos) {
        started.increment();
        if (queueNanos >= 0) {
            queueTimeNanos.add(queueNanos);
            histogram(queueTimes).record(queueNanos);
        }
    }

    /**
     * A run that {@link #started(long) started} has ended.
     *
     * @param runNanos the run's wall time
     * @param failed   whether it ended with an exception, thrown or captured
     */
    public void finished(long runNanos, boolean failed) {
        long nanos = Math.max(0, runNanos);
        executed.increment();
        if (failed) {
            failures.increment();
        }
        runtimeNanos.add(nanos);
        histogram(runtimes).record(nanos);
        long max = maxRuntimeNanos.get();
        while (nanos > max && !maxRuntimeNanos.compareAndSet(max, nanos)) {
            max = maxRuntimeNanos.get();
        }
    }

    /** An accepted task left without running: cancelled before start, removed, or drained. */
    public void cancelled() {
        cancelled.increment();
    }

    /**
     * A run that {@link #started(long) started} was turned into a cancellation before it did
     * anything (a pool that is stopping cancels instead of running).
     */
    public void startedButCancelled() {
        started.decrement();
        cancelled.increment();
    }

    /** An immutable snapshot of everything recorded so far. */
    public ExecutorStatistics snapshot() {
        // Read the "leaving" counters before the "entering" ones so that derived gauges err
        // towards zero rather than towards phantom tasks.
        long done = executed.sum();
        long gone = cancelled.sum();
        long begun = started.sum();
        long accepted = submitted.sum();
        long active = Math.max(0, begun - done);
        long queued = Math.max(0, accepted - begun - gone);
        long max = maxRuntimeNanos.get();
        return new ExecutorStatistics(accepted, rejected.sum(), done, failures.sum(), gone, active,
                queued, runtimeNanos.sum(), queueTimeNanos.sum(), max,
                snapshotOf(runtimes, max), snapshotOf(queueTimes, 0));
    }

    private static LatencyHistogram.Snapshot snapshotOf(AtomicReference<LatencyHistogram> ref, long max) {
        LatencyHistogram histogram = ref.get();
        return histogram == null ? LatencyHistogram.Snapshot.EMPTY : histogram.snapshot(max);
    }

    private static LatencyHistogram histogram(AtomicReference<LatencyHistogram> ref) {
        LatencyHistogram histogram = ref.get();
        if (histogram == null) {
            // Lazily created: most executors of a large application never run a task, and the
            // two histograms are most of a recorder's footprint.
            ref.compareAndSet(null, new LatencyHistogram());
            histogram = ref.get();
        }
        return histogram;
    }
}
