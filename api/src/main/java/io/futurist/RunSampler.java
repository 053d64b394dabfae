package io.futurist;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses which submissions of one executor are timed under {@link Timing#ADAPTIVE}: all of
 * them while the executor is quiet, an unbiased random sample when its task rate would make
 * timing cost more than a fixed CPU budget.
 *
 * <p><b>The budget.</b> A timed run costs about {@value #TIMED_RUN_NANOS} ns (three clock reads
 * of about 50 ns each on the machines this was measured on, and two histogram counts); the
 * budget is {@value #BUDGET_NANOS_PER_SECOND} ns of CPU per second and executor (0.1% of one
 * core), so at most about {@value #TIMED_RUNS_PER_SECOND} runs a second are timed, however many
 * run. An executor running fewer than that has every run timed.
 *
 * <p><b>Unbiased.</b> Each submission is timed with probability {@code p}, independently of
 * every other (Bernoulli sampling), decided when it is submitted: nothing about its run is
 * known then, so the timed runs are a fair sample of all runs, long and short alike, and a
 * regular pattern of long and short tasks cannot line up with the choice. {@code p} depends
 * only on how many runs were timed in the past {@value #WINDOW_TICKS} ms; it is 1 while the
 * rate is within the budget. (When the rate changes, busier periods are sampled more thinly
 * than quiet ones; over a steady workload that makes no difference.)
 *
 * <p><b>The task's path.</b> The choice is made with a countdown that each recording thread
 * keeps in its own book ({@link Countdown}): the number of submissions until its next timed
 * one, drawn from the geometric distribution of parameter {@code p} (the gaps between the
 * successes of independent trials). An untimed submission costs a decrement of that thread's
 * own field and a comparison of the coarse clock ({@link Kernel#ticks()}) with the tick the
 * countdown was drawn at: plain operations on lines the thread already holds. Only a timed
 * submission, or the first one of a thread after each refresh of the clock (every 16 ms while
 * only sampling uses it, every millisecond once a slow-task threshold is set), takes
 * {@link #decide}: the geometric distribution has no memory, so drawing a fresh countdown at
 * any moment chosen without looking at the tasks changes nothing in the sample, and it lets a
 * new {@code p} reach every thread within one refresh — an executor that turns quiet after a
 * burst is timed in full again at once.
 *
 * <p><b>Concurrency.</b> {@code p} is a volatile read by every decision and written by the one
 * thread that closes a window (a compare-and-set on the window's start elects it). The count of
 * timed runs in the window is an atomic add, made by timed submissions only: at most about
 * {@value #TIMED_RUNS_PER_SECOND} a second, so the line it lives on is seldom written. Shared
 * books (virtual threads, see {@link StatisticsRecorder}) are decremented by several threads
 * without atomics; a lost decrement only delays the next timed run a little, and still
 * independently of any run's length.
 */
class RunSampler {

    /** The CPU that timing may cost per executor, in nanoseconds per second of wall time. */
    static final long BUDGET_NANOS_PER_SECOND = 1_000_000;
    /** What one timed run costs, as measured: three clock reads and two histogram counts. */
    static final long TIMED_RUN_NANOS = 200;
    /** Timed runs a second that the budget pays for. */
    static final long TIMED_RUNS_PER_SECOND = BUDGET_NANOS_PER_SECOND / TIMED_RUN_NANOS;
    /** How often (in milliseconds of the coarse clock, {@link Kernel#ticks()}) the rate is estimated again. */
    static final int WINDOW_TICKS = 16;
    private static final double TIMED_PER_TICK = TIMED_RUNS_PER_SECOND / 1000.0;
    /**
     * Timed runs after which a window closes early: a quiet executor that suddenly gets busy
     * pays for every run only until then.
     */
    private static final int BURST = (int) (4 * TIMED_PER_TICK * WINDOW_TICKS);
    /** The smallest probability: one run in a million is timed, whatever the rate. */
    private static final double MIN_PROBABILITY = 1e-6;

    private static final VarHandle TIMED_IN_WINDOW;
    private static final VarHandle WINDOW_START;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TIMED_IN_WINDOW = lookup.findVarHandle(RunSampler.class, "timedInWindow", int.class);
            WINDOW_START = lookup.findVarHandle(RunSampler.class, "windowStart", int.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    /**
     * The probability that a submission is timed: 1 while the executor is quiet. (The fields are
     * as narrow as they can be: every executor that runs tasks has one of these.)
     */
    private volatile float probability = 1.0f;
    /** The tick at which the current window began. */
    private volatile int windowStart;
    /** Submissions timed since the current window began. */
    private volatile int timedInWindow;

    /** A sampler for an executor, drawing from each thread's {@link ThreadLocalRandom}. */
    RunSampler() {
        this(Kernel.ticks());
    }

    /** A sampler whose first window starts at {@code tick}. */
    RunSampler(int tick) {
        this.windowStart = tick;
    }

    /** A uniform random number in [0, 1): the calling thread's own; a test's sampler overrides it. */
    double uniform() {
        return ThreadLocalRandom.current().nextDouble();
    }

    /**
     * The slow path of a decision, for a submission whose countdown was drawn at an earlier
     * tick (it is decided afresh) or else reached zero (it is timed). The fast path,
     * inlined in {@link StatisticsRecorder}, has already decremented {@code countdown}.
     *
     * @return whether this submission is timed
     */
    boolean decide(Countdown countdown, int tick) {
        Kernel.demandTicks();
        float p = probability;
        boolean timed;
        if (tick == countdown.tick) {
            timed = true; // the countdown ran out
            countdown.countdown = gap(p);
        } else {
            // A new tick: this submission is decided afresh, as the gap's lack of memory
            // allows, whatever the old countdown said. (Honouring a countdown that ran out just
            // now as well would time the first submission of each tick twice as often.)
            int gap = gap(p);
            timed = gap == 1;
            countdown.countdown = timed ? gap(p) : gap - 1;
        }
        countdown.tick = tick;
        int timedSoFar = timed ? (int) TIMED_IN_WINDOW.getAndAdd(this, 1) + 1 : timedInWindow;
        int start = windowStart;
        int elapsed = tick - start;
        if ((elapsed >= WINDOW_TICKS || timedSoFar >= BURST) && WINDOW_START.compareAndSet(this, start, tick)) {
            estimate(p, (int) TIMED_IN_WINDOW.getAndSet(this, 0), Math.max(1, elapsed));
        }
        return timed;
    }

    /** Sets the probability for the next window from what the last one timed. */
    private void estimate(float p, int timed, int ticks) {
        double submissions = timed / (double) p;
        double affordable = TIMED_PER_TICK * ticks;
        probability = submissions <= affordable ? 1.0f : (float) Math.max(MIN_PROBABILITY, affordable / submissions);
    }

    /** Submissions until the next timed one, this one counting as the first: geometric with parameter {@code p}. */
    private int gap(float p) {
        if (p >= 1.0f) {
            return 1;
        }
        double u = 1.0 - uniform();
        double gap = 1.0 + Math.floor(Math.log(u) / Math.log1p(-p));
        return gap >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) gap;
    }

    /**
     * What a recording thread keeps for the choice: written by that thread only (or racily, on
     * a shared book), so the fast path is two plain reads and a plain write.
     */
    static class Countdown {
        /** Submissions left until the next timed one; the first submission is decided at once. */
        int countdown = 1;
        /** The coarse clock's tick ({@link Kernel#ticks()}) at which {@link #countdown} was drawn. */
        int tick;
    }
}
