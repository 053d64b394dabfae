package io.futurist;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * An immutable snapshot of what one executor has done since its statistics started.
 *
 * <p>The counters follow one accounting rule: every task an executor <em>accepted</em> is
 * counted in {@link #submitted()}; it then either runs (counted in {@link #executed()} once the
 * run ends, and in {@link #failures()} too if the run ended with an exception) or never runs
 * (counted in {@link #cancelled()}). Tasks waiting to start are {@link #queued()}, tasks
 * running now are {@link #active()}. Once an executor has terminated,
 * {@code submitted() == executed() + cancelled()}. Refused submissions are counted in
 * {@link #rejected()} only.
 *
 * <p>Snapshots are taken without stopping the executor, so counters read while tasks flow
 * may be a few tasks apart from each other; each counter on its own is exact.
 *
 * <p>Times describe the {@link #timedRuns()}: every run under {@link Timing#ALL}, every run of
 * a quiet executor under {@link Timing#ADAPTIVE}, and an unbiased random sample of the runs of
 * a busy one. Percentiles come from a log-linear histogram whose relative error is at most
 * 3.2% (well inside the 5% the contract allows); averages and {@link #maxRuntime()} are exact to
 * the nanosecond over the timed runs. {@link #runtime()} and {@link #queueTime()} are exact sums
 * while every run was timed, else the timed average times the runs.
 */
public final class ExecutorStatistics {

    /** The statistics of an executor that has recorded nothing. */
    public static final ExecutorStatistics EMPTY = new ExecutorStatistics(
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, LatencyHistogram.Snapshot.EMPTY, LatencyHistogram.Snapshot.EMPTY);

    private final long submitted;
    private final long rejected;
    private final long executed;
    private final long failures;
    private final long cancelled;
    private final long active;
    private final long queued;
    /** The sum of the timed runs' times (what the averages divide). */
    private final long runtimeNanos;
    /** The sum of the timed waits. */
    private final long queueTimeNanos;
    /** {@link #runtime()}: {@link #runtimeNanos} while every run was timed, else an estimate. */
    private final long runtimeTotalNanos;
    /** {@link #queueTime()}: {@link #queueTimeNanos} while every wait was timed, else an estimate. */
    private final long queueTimeTotalNanos;
    private final long maxRuntimeNanos;
    private final LatencyHistogram.Snapshot runtimes;
    private final LatencyHistogram.Snapshot queueTimes;
    private final PoolShape shape;
    private final long slowRuns;
    private final long slowQueueWaits;
    /** {@link #utilization()}; NaN where not known. */
    private final double utilization;
    /** {@link #queueFill()}; NaN where not known. */
    private final double queueFill;

    /** Statistics whose totals are those of the timed runs, estimated for the rest ({@link #estimatedTotal}). */
    ExecutorStatistics(long submitted, long rejected, long executed, long failures, long cancelled,
                       long active, long queued, long runtimeNanos, long queueTimeNanos,
                       long maxRuntimeNanos, LatencyHistogram.Snapshot runtimes,
                       LatencyHistogram.Snapshot queueTimes) {
        this(submitted, rejected, executed, failures, cancelled, active, queued, runtimeNanos, queueTimeNanos,
                estimatedTotal(runtimeNanos, runtimes.count(), executed),
                estimatedTotal(queueTimeNanos, queueTimes.count(), executed + active),
                maxRuntimeNanos, runtimes, queueTimes, PoolShape.NONE);
    }

    /**
     * Statistics with their totals given: a recorder keeps the totals it reports from going
     * backwards while runs are sampled (an estimate moves with the sample's average, and
     * {@link #runtime()} and {@link #queueTime()} are counters).
     */
    ExecutorStatistics(long submitted, long rejected, long executed, long failures, long cancelled,
                       long active, long queued, long runtimeNanos, long queueTimeNanos,
                       long runtimeTotalNanos, long queueTimeTotalNanos,
                       long maxRuntimeNanos, LatencyHistogram.Snapshot runtimes,
                       LatencyHistogram.Snapshot queueTimes, PoolShape shape) {
        this(submitted, rejected, executed, failures, cancelled, active, queued, runtimeNanos, queueTimeNanos,
                runtimeTotalNanos, queueTimeTotalNanos, maxRuntimeNanos, runtimes, queueTimes, shape, 0, 0);
    }

    /** Statistics with everything given, the threshold counts too. */
    ExecutorStatistics(long submitted, long rejected, long executed, long failures, long cancelled,
                       long active, long queued, long runtimeNanos, long queueTimeNanos,
                       long runtimeTotalNanos, long queueTimeTotalNanos,
                       long maxRuntimeNanos, LatencyHistogram.Snapshot runtimes,
                       LatencyHistogram.Snapshot queueTimes, PoolShape shape, long slowRuns, long slowQueueWaits) {
        this(submitted, rejected, executed, failures, cancelled, active, queued, runtimeNanos, queueTimeNanos,
                runtimeTotalNanos, queueTimeTotalNanos, maxRuntimeNanos, runtimes, queueTimes, shape,
                slowRuns, slowQueueWaits, Double.NaN, Double.NaN);
    }

    /** Statistics with everything given, the load over the last interval too (NaN: not known). */
    private ExecutorStatistics(long submitted, long rejected, long executed, long failures, long cancelled,
                               long active, long queued, long runtimeNanos, long queueTimeNanos,
                               long runtimeTotalNanos, long queueTimeTotalNanos,
                               long maxRuntimeNanos, LatencyHistogram.Snapshot runtimes,
                               LatencyHistogram.Snapshot queueTimes, PoolShape shape, long slowRuns,
                               long slowQueueWaits, double utilization, double queueFill) {
        this.utilization = utilization;
        this.queueFill = queueFill;
        this.slowRuns = slowRuns;
        this.slowQueueWaits = slowQueueWaits;
        this.submitted = submitted;
        this.rejected = rejected;
        this.executed = executed;
        this.failures = failures;
        this.cancelled = cancelled;
        this.active = active;
        this.queued = queued;
        this.runtimeNanos = runtimeNanos;
        this.queueTimeNanos = queueTimeNanos;
        this.runtimeTotalNanos = runtimeTotalNanos;
        this.queueTimeTotalNanos = queueTimeTotalNanos;
        this.maxRuntimeNanos = maxRuntimeNanos;
        this.runtimes = Objects.requireNonNull(runtimes);
        this.queueTimes = Objects.requireNonNull(queueTimes);
        this.shape = Objects.requireNonNull(shape);
    }

    /** Tasks the executor accepted: each submission, each re-arm of a periodic task. */
    public long submitted() {
        return submitted;
    }

    /** Submissions the executor refused (its rejection handler ran); not part of {@link #submitted()}. */
    public long rejected() {
        return rejected;
    }

    /** Runs that finished, normally or with an exception. */
    public long executed() {
        return executed;
    }

    /** Runs that ended with an exception, thrown or captured by a {@code FutureTask}; part of {@link #executed()}. */
    public long failures() {
        return failures;
    }

    /** Accepted tasks that never ran: cancelled before start, removed from the queue, or drained by {@code shutdownNow}. */
    public long cancelled() {
        return cancelled;
    }

    /** Tasks running at the moment of the snapshot. */
    public long active() {
        return active;
    }

    /** Accepted tasks waiting to start at the moment of the snapshot. */
    public long queued() {
        return queued;
    }

    /**
     * Total wall time of all finished runs, from each run's start to its end: exact while every
     * run was timed ({@link #timedRuns()} {@code == executed()}), else {@link #averageRuntime()}
     * times {@link #executed()} (in a recorder's snapshots, held where the estimate would go
     * backwards, so that the total only grows).
     */
    public Duration runtime() {
        return Duration.ofNanos(runtimeTotalNanos);
    }

    /** The average wall time of the {@link #timedRuns()}; zero when none. */
    public Duration averageRuntime() {
        long timed = runtimes.count();
        return timed == 0 ? Duration.ZERO : Duration.ofNanos(runtimeNanos / timed);
    }

    /**
     * Total time tasks waited, from acceptance to the start of their run, over all started
     * runs: exact while every wait was timed, else {@link #averageQueueTime()} times the runs
     * started.
     */
    public Duration queueTime() {
        return Duration.ofNanos(queueTimeTotalNanos);
    }

    /**
     * The total of {@code all} values of which {@code timed} were measured and summed to
     * {@code timedTotal}: the sum itself when every value was measured (a snapshot taken while
     * runs end can see a run's time before its count: then too), else the measured average
     * times {@code all}.
     */
    static long estimatedTotal(long timedTotal, long timed, long all) {
        if (timed == 0 || timed >= all) {
            return timedTotal;
        }
        return (long) ((double) timedTotal / timed * all);
    }

    /** {@link #queueTime()} divided by the number of runs that started and were timed; zero when none. */
    public Duration averageQueueTime() {
        long started = queueTimes.count();
        return started == 0 ? Duration.ZERO : Duration.ofNanos(queueTimeNanos / started);
    }

    /**
     * The run time that {@code p} percent of finished runs did not exceed.
     *
     * @param p a percentile in [0, 100]; 0 gives the shortest run, 100 the longest
     * @return the percentile within 5% relative error, or zero when nothing has executed
     * @throws IllegalArgumentException when {@code p} is outside [0, 100] or not a number
     */
    public Duration runtimePercentile(double p) {
        return Duration.ofNanos(runtimes.valueAtPercentile(p));
    }

    /**
     * The queue time that {@code p} percent of started runs did not exceed.
     *
     * @param p a percentile in [0, 100]
     * @return the percentile within 5% relative error, or zero when nothing has started
     * @throws IllegalArgumentException when {@code p} is outside [0, 100] or not a number
     */
    public Duration queueTimePercentile(double p) {
        return Duration.ofNanos(queueTimes.valueAtPercentile(p));
    }

    /** The longest timed run, exact; zero when nothing has been timed. */
    public Duration maxRuntime() {
        return Duration.ofNanos(maxRuntimeNanos);
    }

    /**
     * How many finished runs the run-time figures describe: {@link #averageRuntime()}, the
     * percentiles and {@link #maxRuntime()}. Equal to {@link #executed()} while every run was
     * timed; fewer when timing samples runs ({@link Timing#ADAPTIVE} on a busy executor), and
     * zero under {@link Timing#OFF}.
     */
    public long timedRuns() {
        return runtimes.count();
    }

    /**
     * How many finished runs have a run time at or below {@code bound}, from the same histogram
     * as the percentiles (within its relative error): the cumulative bucket count a metrics
     * exporter asks for. Counts only {@link #timedRuns()}.
     */
    public long runsAtOrBelow(Duration bound) {
        return runtimes.countAtOrBelow(bound.toNanos());
    }

    /**
     * How many started runs waited at or below {@code bound} in the queue, within the
     * histogram's relative error; counts only the timed waits.
     */
    public long queueWaitsAtOrBelow(Duration bound) {
        return queueTimes.countAtOrBelow(bound.toNanos());
    }

    /**
     * The total run time of the {@link #timedRuns()} alone: what a histogram of the timed runs
     * sums to, and what metrics exporters pair with {@link #timedRuns()} as a count. Equal to
     * {@link #runtime()} while every run was timed; only grows.
     */
    public Duration timedRuntime() {
        return Duration.ofNanos(runtimeNanos);
    }

    /** The total wait of the {@link #timedQueueWaits()} alone; equal to {@link #queueTime()} while every wait was timed. */
    public Duration timedQueueTime() {
        return Duration.ofNanos(queueTimeNanos);
    }

    /** How many started runs the queue-time figures describe. */
    public long timedQueueWaits() {
        return queueTimes.count();
    }

    /**
     * Runs longer than the agent's {@code slowRun} threshold: every run, not only the timed
     * ones (a run not timed exactly is judged by a millisecond clock). Zero while no threshold
     * is set, and for Futurist's own executors, which have none.
     */
    public long slowRuns() {
        return slowRuns;
    }

    /** Queue waits longer than the agent's {@code slowQueue} threshold, judged as {@link #slowRuns()} are. */
    public long slowQueueWaits() {
        return slowQueueWaits;
    }

    /** The pool's shape when the snapshot was taken; {@link PoolShape#NONE} where it has none. */
    public PoolShape shape() {
        return shape;
    }

    /** Threads the pool has now; absent where the executor has no pool. */
    public OptionalInt poolSize() {
        return shape.poolSize();
    }

    /** Threads the pool keeps even when idle; absent where that does not apply. */
    public OptionalInt corePoolSize() {
        return shape.corePoolSize();
    }

    /** The most threads the pool may have; absent where that does not apply or there is no bound. */
    public OptionalInt maximumPoolSize() {
        return shape.maximumPoolSize();
    }

    /** The most threads the pool ever had at once; absent where that does not apply. */
    public OptionalInt largestPoolSize() {
        return shape.largestPoolSize();
    }

    /** How many tasks the pool's queue can hold; absent when it is unbounded or has none. */
    public OptionalInt queueCapacity() {
        return shape.queueCapacity();
    }

    /** A {@code ForkJoinPool}'s target parallelism; absent for other executors. */
    public OptionalInt parallelism() {
        return shape.parallelism();
    }

    /**
     * The busy share of the pool's most threads over a recent interval, in [0, 1]: tasks running
     * over {@code maximumPoolSize} (a {@code ForkJoinPool}'s {@code parallelism}), averaged over
     * the agent's readings of its last interval (five readings, a second apart). Absent where it
     * is not known: a pool without a bound on its threads, an executor without a pool, before
     * the agent's first full interval, and wherever no agent reads the executor (Futurist's own
     * executors in a JVM without the agent). Reading it costs the executor nothing: it is the
     * agent's reading, attached when the snapshot is taken.
     */
    public OptionalDouble utilization() {
        return Double.isNaN(utilization) ? OptionalDouble.empty() : OptionalDouble.of(utilization);
    }

    /**
     * The share of the queue's capacity in use over the same interval as {@link #utilization()},
     * in [0, 1]; absent where the queue is unbounded, its bound is not known, or no agent reads
     * the executor.
     */
    public OptionalDouble queueFill() {
        return Double.isNaN(queueFill) ? OptionalDouble.empty() : OptionalDouble.of(queueFill);
    }

    /** These statistics with {@code shape} as the pool's shape. */
    public ExecutorStatistics withShape(PoolShape shape) {
        return new ExecutorStatistics(submitted, rejected, executed, failures, cancelled, active, queued,
                runtimeNanos, queueTimeNanos, runtimeTotalNanos, queueTimeTotalNanos, maxRuntimeNanos,
                runtimes, queueTimes, shape, slowRuns, slowQueueWaits, utilization, queueFill);
    }

    /**
     * These statistics with the load of a recent interval, as a reader of the executor outside
     * the task path measured it ({@link #utilization()}, {@link #queueFill()}).
     *
     * @param utilization the busy share of the most threads in [0, 1], or {@code NaN} where not known
     * @param queueFill the share of the queue's capacity in use in [0, 1], or {@code NaN} where not known
     * @throws IllegalArgumentException when a value is neither {@code NaN} nor in [0, 1]
     */
    public ExecutorStatistics withLoad(double utilization, double queueFill) {
        return new ExecutorStatistics(submitted, rejected, executed, failures, cancelled, active, queued,
                runtimeNanos, queueTimeNanos, runtimeTotalNanos, queueTimeTotalNanos, maxRuntimeNanos,
                runtimes, queueTimes, shape, slowRuns, slowQueueWaits, share(utilization, "utilization"),
                share(queueFill, "queueFill"));
    }

    private static double share(double value, String what) {
        if (!Double.isNaN(value) && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1] or NaN: " + value);
        }
        return value;
    }

    /**
     * What happened between {@code earlier} and this snapshot, both of the same executor: the
     * counters, totals and histograms subtract (so rates and percentiles over an interval can
     * be read); the gauges ({@link #active()}, {@link #queued()}), the shape and the load
     * ({@link #utilization()}, {@link #queueFill()}) are this snapshot's. The longest run of the interval is not known exactly: {@link #maxRuntime()}
     * of the result is the interval's largest timed run to the histogram's precision.
     * A counter that went backwards (the executor's statistics were restarted) gives zero.
     */
    public ExecutorStatistics minus(ExecutorStatistics earlier) {
        Objects.requireNonNull(earlier, "earlier");
        LatencyHistogram.Snapshot intervalRuntimes = runtimes.minus(earlier.runtimes, 0);
        long intervalMax = intervalRuntimes.count() == 0 ? 0 : intervalRuntimes.valueAtPercentile(100);
        return new ExecutorStatistics(
                sub(submitted, earlier.submitted), sub(rejected, earlier.rejected),
                sub(executed, earlier.executed), sub(failures, earlier.failures),
                sub(cancelled, earlier.cancelled), active, queued,
                sub(runtimeNanos, earlier.runtimeNanos), sub(queueTimeNanos, earlier.queueTimeNanos),
                sub(runtimeTotalNanos, earlier.runtimeTotalNanos), sub(queueTimeTotalNanos, earlier.queueTimeTotalNanos),
                intervalMax, intervalRuntimes, queueTimes.minus(earlier.queueTimes, 0), shape,
                sub(slowRuns, earlier.slowRuns), sub(slowQueueWaits, earlier.slowQueueWaits),
                utilization, queueFill);
    }

    /**
     * These statistics and {@code other}'s together, as if one executor had done the work of
     * both: counters, totals, gauges and histograms add, the longest run is the longer of the
     * two. For sums over several executors (a report's executors of one creation site); the
     * shape does not add up and is {@link PoolShape#NONE}, nor does the load, which is absent.
     */
    public ExecutorStatistics plus(ExecutorStatistics other) {
        Objects.requireNonNull(other, "other");
        return new ExecutorStatistics(submitted + other.submitted, rejected + other.rejected,
                executed + other.executed, failures + other.failures, cancelled + other.cancelled,
                active + other.active, queued + other.queued, runtimeNanos + other.runtimeNanos,
                queueTimeNanos + other.queueTimeNanos, runtimeTotalNanos + other.runtimeTotalNanos,
                queueTimeTotalNanos + other.queueTimeTotalNanos, Math.max(maxRuntimeNanos, other.maxRuntimeNanos),
                runtimes.plus(other.runtimes, Math.max(maxRuntimeNanos, other.maxRuntimeNanos)),
                queueTimes.plus(other.queueTimes, 0), PoolShape.NONE,
                slowRuns + other.slowRuns, slowQueueWaits + other.slowQueueWaits);
    }

    private static long sub(long now, long then) {
        return Math.max(0, now - then);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ExecutorStatistics)) {
            return false;
        }
        ExecutorStatistics that = (ExecutorStatistics) other;
        return submitted == that.submitted && rejected == that.rejected && executed == that.executed
                && failures == that.failures && cancelled == that.cancelled && active == that.active
                && queued == that.queued && runtimeNanos == that.runtimeNanos
                && queueTimeNanos == that.queueTimeNanos && runtimeTotalNanos == that.runtimeTotalNanos
                && queueTimeTotalNanos == that.queueTimeTotalNanos && maxRuntimeNanos == that.maxRuntimeNanos
                && runtimes.equals(that.runtimes) && queueTimes.equals(that.queueTimes)
                && shape.equals(that.shape) && slowRuns == that.slowRuns && slowQueueWaits == that.slowQueueWaits
                && Double.compare(utilization, that.utilization) == 0 && Double.compare(queueFill, that.queueFill) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(submitted, rejected, executed, failures, cancelled, active, queued,
                runtimeNanos, queueTimeNanos, maxRuntimeNanos);
    }

    @Override
    public String toString() {
        return "ExecutorStatistics{submitted=" + submitted + ", rejected=" + rejected
                + ", executed=" + executed + ", failures=" + failures + ", cancelled=" + cancelled
                + ", active=" + active + ", queued=" + queued + ", runtime=" + runtime()
                + ", averageRuntime=" + averageRuntime() + ", maxRuntime=" + maxRuntime()
                + ", queueTime=" + queueTime() + ", averageQueueTime=" + averageQueueTime()
                + ", timedRuns=" + timedRuns() + ", slowRuns=" + slowRuns + ", slowQueueWaits=" + slowQueueWaits + ", shape=" + shape
                + (Double.isNaN(utilization) ? "" : ", utilization=" + utilization)
                + (Double.isNaN(queueFill) ? "" : ", queueFill=" + queueFill) + '}';
    }
}
