package io.futurist;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The one definition of every number Futurist reports about an executor: its name, unit, kind
 * and meaning, and how to read it from an {@link ExecutorStatistics} snapshot.
 *
 * <p>Every output is derived from this list (the table, the JSON of {@code stats}, the JMX
 * attributes, and the exporters to Micrometer, OpenTelemetry, Prometheus and JFR), so adding a
 * statistic is one edit here. The {@link #key()} is the JSON field and, capitalised, the JMX
 * attribute name; exporters map it to their ecosystem's own names. The order of the constants
 * is the order of the fields in the JSON of {@code stats}: a new statistic goes at the end, so
 * that the fields scripts already read keep their places.
 *
 * <p>Every value is a whole number ({@link #read} gives an {@code OptionalLong}), so that every
 * output shows it as one: durations in nanoseconds, and the shares of a recent interval
 * ({@link #UTILIZATION}, {@link #QUEUE_FILL}) in whole {@linkplain Unit#PERCENT percent}.
 * Exporters whose ecosystems expect a ratio in [0, 1] read the exact share from
 * {@link ExecutorStatistics#utilization()} and {@link ExecutorStatistics#queueFill()} instead.
 *
 * <p>The identity of an executor ({@code id}, {@code name}, {@code type}, {@code creationSite},
 * {@code alive}) is not a statistic: it comes from {@link TrackedExecutor}.
 */
public enum Statistic {

    /** See {@link ExecutorStatistics#submitted()}. */
    SUBMITTED("submitted", Unit.TASKS, Kind.COUNTER, "tasks the executor accepted",
            ExecutorStatistics::submitted),
    /** See {@link ExecutorStatistics#executed()}. */
    EXECUTED("executed", Unit.TASKS, Kind.COUNTER, "runs that finished, normally or not",
            ExecutorStatistics::executed),
    /** See {@link ExecutorStatistics#failures()}. */
    FAILURES("failures", Unit.TASKS, Kind.COUNTER, "runs that ended with an exception",
            ExecutorStatistics::failures),
    /** See {@link ExecutorStatistics#cancelled()}. */
    CANCELLED("cancelled", Unit.TASKS, Kind.COUNTER, "accepted tasks that never ran",
            ExecutorStatistics::cancelled),
    /** See {@link ExecutorStatistics#rejected()}. */
    REJECTED("rejected", Unit.TASKS, Kind.COUNTER, "submissions the executor refused",
            ExecutorStatistics::rejected),
    /** See {@link ExecutorStatistics#active()}. */
    ACTIVE("active", Unit.TASKS, Kind.GAUGE, "tasks running now",
            ExecutorStatistics::active),
    /** See {@link ExecutorStatistics#queued()}. */
    QUEUED("queued", Unit.TASKS, Kind.GAUGE, "accepted tasks waiting to start",
            ExecutorStatistics::queued),
    /** See {@link ExecutorStatistics#runtime()}. */
    RUNTIME("runtimeNanos", Unit.NANOSECONDS, Kind.COUNTER, "total run time of finished runs",
            nanos(ExecutorStatistics::runtime)),
    /** See {@link ExecutorStatistics#averageRuntime()}. */
    AVERAGE_RUNTIME("averageRuntimeNanos", Unit.NANOSECONDS, Kind.GAUGE, "average run time",
            nanos(ExecutorStatistics::averageRuntime)),
    /** See {@link ExecutorStatistics#queueTime()}. */
    QUEUE_TIME("queueTimeNanos", Unit.NANOSECONDS, Kind.COUNTER, "total time tasks waited to start",
            nanos(ExecutorStatistics::queueTime)),
    /** See {@link ExecutorStatistics#averageQueueTime()}. */
    AVERAGE_QUEUE_TIME("averageQueueTimeNanos", Unit.NANOSECONDS, Kind.GAUGE, "average wait to start",
            nanos(ExecutorStatistics::averageQueueTime)),
    /** The median of {@link ExecutorStatistics#runtimePercentile(double)}. */
    RUNTIME_P50("runtimeP50Nanos", Unit.NANOSECONDS, Kind.GAUGE, "median run time",
            nanos(s -> s.runtimePercentile(50))),
    /** The 99th percentile of {@link ExecutorStatistics#runtimePercentile(double)}. */
    RUNTIME_P99("runtimeP99Nanos", Unit.NANOSECONDS, Kind.GAUGE, "99th percentile of run time",
            nanos(s -> s.runtimePercentile(99))),
    /** See {@link ExecutorStatistics#maxRuntime()}. */
    MAX_RUNTIME("maxRuntimeNanos", Unit.NANOSECONDS, Kind.GAUGE, "longest timed run",
            nanos(ExecutorStatistics::maxRuntime)),
    /** The 99th percentile of {@link ExecutorStatistics#queueTimePercentile(double)}. */
    QUEUE_TIME_P99("queueTimeP99Nanos", Unit.NANOSECONDS, Kind.GAUGE, "99th percentile of wait to start",
            nanos(s -> s.queueTimePercentile(99))),
    /** See {@link ExecutorStatistics#timedRuns()}. */
    TIMED_RUNS("timedRuns", Unit.TASKS, Kind.COUNTER, "finished runs the run times describe",
            ExecutorStatistics::timedRuns),
    /** See {@link ExecutorStatistics#poolSize()}. */
    POOL_SIZE("poolSize", Unit.THREADS, Kind.GAUGE, "threads the pool has now",
            ExecutorStatistics::poolSize),
    /** See {@link ExecutorStatistics#corePoolSize()}. */
    CORE_POOL_SIZE("corePoolSize", Unit.THREADS, Kind.GAUGE, "threads the pool keeps when idle",
            ExecutorStatistics::corePoolSize),
    /** See {@link ExecutorStatistics#maximumPoolSize()}. */
    MAXIMUM_POOL_SIZE("maximumPoolSize", Unit.THREADS, Kind.GAUGE, "most threads the pool may have",
            ExecutorStatistics::maximumPoolSize),
    /** See {@link ExecutorStatistics#largestPoolSize()}. */
    LARGEST_POOL_SIZE("largestPoolSize", Unit.THREADS, Kind.GAUGE, "most threads the pool ever had",
            ExecutorStatistics::largestPoolSize),
    /** See {@link ExecutorStatistics#queueCapacity()}. */
    QUEUE_CAPACITY("queueCapacity", Unit.TASKS, Kind.GAUGE, "tasks the queue can hold (absent: unbounded)",
            ExecutorStatistics::queueCapacity),
    /** See {@link ExecutorStatistics#parallelism()}. */
    PARALLELISM("parallelism", Unit.THREADS, Kind.GAUGE, "a ForkJoinPool's target parallelism",
            ExecutorStatistics::parallelism),
    /** See {@link ExecutorStatistics#slowRuns()}. */
    SLOW_RUNS("slowRuns", Unit.TASKS, Kind.COUNTER, "runs longer than the slowRun threshold",
            ExecutorStatistics::slowRuns),
    /** See {@link ExecutorStatistics#slowQueueWaits()}. */
    SLOW_QUEUE_WAITS("slowQueueWaits", Unit.TASKS, Kind.COUNTER, "queue waits longer than the slowQueue threshold",
            ExecutorStatistics::slowQueueWaits),
    /** See {@link ExecutorStatistics#utilization()}, in whole percent. */
    UTILIZATION("utilizationPercent", Unit.PERCENT, Kind.GAUGE,
            "busy share of the pool's most threads over the last interval (absent: not known)",
            true, percent(ExecutorStatistics::utilization)),
    /** See {@link ExecutorStatistics#queueFill()}, in whole percent. */
    QUEUE_FILL("queueFillPercent", Unit.PERCENT, Kind.GAUGE,
            "share of the queue's capacity in use over the last interval (absent: unbounded or not known)",
            true, percent(ExecutorStatistics::queueFill));

    /** What a statistic counts or measures. */
    public enum Unit {
        /** Tasks or runs. */
        TASKS,
        /** Threads. */
        THREADS,
        /** Nanoseconds of wall time. */
        NANOSECONDS,
        /** A share of a whole, in whole percent from 0 to 100 (rounded). */
        PERCENT
    }

    /** How a statistic moves over time, which decides how exporters present it. */
    public enum Kind {
        /** Only grows while the executor's statistics run (a monotonic total). */
        COUNTER,
        /** A value as of the snapshot, free to go up and down. */
        GAUGE
    }

    private final String key;
    private final Unit unit;
    private final Kind kind;
    private final String description;
    private final Function<ExecutorStatistics, OptionalLong> reader;
    private final boolean optional;

    /** A statistic every snapshot has. */
    Statistic(String key, Unit unit, Kind kind, String description, ToLongFunction<ExecutorStatistics> reader) {
        this(key, unit, kind, description, false, s -> OptionalLong.of(reader.applyAsLong(s)));
    }

    /** A figure of the pool's shape, as {@link PoolShape} gives it: absent where it does not apply. */
    Statistic(String key, Unit unit, Kind kind, String description, Function<ExecutorStatistics, OptionalInt> reader) {
        this(key, unit, kind, description, true, s -> {
            OptionalInt value = reader.apply(s);
            return value.isPresent() ? OptionalLong.of(value.getAsInt()) : OptionalLong.empty();
        });
    }

    Statistic(String key, Unit unit, Kind kind, String description, boolean optional,
              Function<ExecutorStatistics, OptionalLong> reader) {
        this.key = key;
        this.unit = unit;
        this.kind = kind;
        this.description = description;
        this.reader = reader;
        this.optional = optional;
    }

    /** A share in [0, 1] as whole percent, absent where the share is. */
    private static Function<ExecutorStatistics, OptionalLong> percent(Function<ExecutorStatistics, OptionalDouble> share) {
        return s -> {
            OptionalDouble value = share.apply(s);
            return value.isPresent() ? OptionalLong.of(Math.round(value.getAsDouble() * 100)) : OptionalLong.empty();
        };
    }

    private static ToLongFunction<ExecutorStatistics> nanos(Function<ExecutorStatistics, Duration> duration) {
        return s -> duration.apply(s).toNanos();
    }

    /** The name in JSON and JMX, e.g. {@code runtimeP99Nanos}. */
    public String key() {
        return key;
    }

    /** What the value counts or measures. */
    public Unit unit() {
        return unit;
    }

    /** Whether the value only grows or moves freely. */
    public Kind kind() {
        return kind;
    }

    /** A short description for people, e.g. for an exporter's help text. */
    public String description() {
        return description;
    }

    /**
     * Whether the value can be absent: it describes a pool's shape, which not every executor
     * has, or a load over an interval, which is not always known.
     */
    public boolean isOptional() {
        return optional;
    }

    /** This statistic's value in {@code statistics}; empty only for an {@linkplain #isOptional() optional} one that does not apply. */
    public OptionalLong read(ExecutorStatistics statistics) {
        return reader.apply(statistics);
    }
}
