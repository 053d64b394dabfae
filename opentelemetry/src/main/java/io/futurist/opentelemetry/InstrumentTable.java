package io.futurist.opentelemetry;

import io.futurist.ExecutorStatistics;
import io.futurist.Statistic;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Which of Futurist's statistics becomes which OpenTelemetry instrument: the one table of this
 * module.
 *
 * <p>Every {@link Statistic} has a row, also those that are not published (with the reason), so
 * a statistic added to the schema fails {@code InstrumentTableTest} until someone decides how
 * OpenTelemetry shows it. Names follow the draft JVM executor semantic conventions
 * ({@code jvm.executor.*}); units are UCUM as the conventions write them ({@code {task}},
 * {@code {thread}}, {@code s}).
 */
final class InstrumentTable {

    /** The kinds of instrument this module registers. */
    enum Form {
        /** An observable counter: a monotonic count. */
        COUNTER,
        /** An observable up-down counter: a count of things now, or a limit. */
        UP_DOWN_COUNTER,
        /**
         * A duration histogram as three observable counters: {@code <name>.count},
         * {@code <name>.sum} (seconds) and {@code <name>.bucket} (cumulative, attribute {@code le}).
         */
        DURATION,
        /** An observable gauge of doubles: a share in [0, 1], unit {@code 1}. */
        GAUGE,
        /** Not published. */
        NONE
    }

    /** One row: the instrument a statistic becomes. */
    static final class Row {
        final Statistic statistic;
        final Form form;
        final String name;
        final String unit;
        /** The {@code jvm.executor.thread.state} a thread count row reports, else {@code null}. */
        final String threadState;
        /** The value; empty where the statistic does not apply to the executor. A duration's total in nanoseconds. */
        final Function<ExecutorStatistics, OptionalLong> value;
        /** A duration's count of timed events, else {@code null}. */
        final ToLongFunction<ExecutorStatistics> count;
        /** A duration's count of events at or below a bound, else {@code null}. */
        final AtOrBelow atOrBelow;
        /** Why a statistic is not published; {@code null} for published ones. */
        final String omitted;
        /** A gauge's share in [0, 1], empty where not known; {@code null} for other forms. */
        final Function<ExecutorStatistics, OptionalDouble> share;

        private Row(Statistic statistic, Form form, String name, String unit, String threadState,
                    Function<ExecutorStatistics, OptionalLong> value, ToLongFunction<ExecutorStatistics> count,
                    AtOrBelow atOrBelow, String omitted, Function<ExecutorStatistics, OptionalDouble> share) {
            this.share = share;
            this.statistic = statistic;
            this.form = form;
            this.name = name;
            this.unit = unit;
            this.threadState = threadState;
            this.value = value;
            this.count = count;
            this.atOrBelow = atOrBelow;
            this.omitted = omitted;
        }

        /** The description instruments of this row carry: the schema's. */
        String description() {
            return statistic.description();
        }
    }

    /** A cumulative histogram read: how many events took at most the bound. */
    interface AtOrBelow {
        long count(ExecutorStatistics statistics, Duration bound);
    }

    /**
     * The upper bounds of the duration buckets, in nanoseconds: 100 µs to 10 s in 1-2.5-5 steps,
     * then everything ({@code +Inf}). Tasks are often far shorter than the conventions' HTTP
     * boundaries (5 ms up), so the list starts lower.
     */
    static final long[] BUCKET_BOUNDS_NANOS = {
        100_000L, 250_000L, 500_000L,
        1_000_000L, 2_500_000L, 5_000_000L,
        10_000_000L, 25_000_000L, 50_000_000L,
        100_000_000L, 250_000_000L, 500_000_000L,
        1_000_000_000L, 2_500_000_000L, 5_000_000_000L,
        10_000_000_000L,
    };

    /** The {@code jvm.executor.thread.state} of threads running a task. */
    static final String ACTIVE = "active";
    /** The {@code jvm.executor.thread.state} of the pool's other threads. */
    static final String IDLE = "idle";

    /** The {@code le} attribute of the bucket that holds every event. */
    static final String INFINITY = "+Inf";

    private static final String TASKS = "{task}";
    private static final String THREADS = "{thread}";

    private static final Map<Statistic, Row> ROWS = new EnumMap<>(Statistic.class);

    static {
        counter(Statistic.SUBMITTED, "jvm.executor.task.submitted");
        counter(Statistic.EXECUTED, "jvm.executor.task.completed");
        counter(Statistic.FAILURES, "jvm.executor.task.failed");
        counter(Statistic.CANCELLED, "jvm.executor.task.cancelled");
        counter(Statistic.REJECTED, "jvm.executor.task.rejected");
        counter(Statistic.SLOW_RUNS, "jvm.executor.task.slow");
        counter(Statistic.SLOW_QUEUE_WAITS, "jvm.executor.task.queue.slow");
        upDown(Statistic.QUEUED, "jvm.executor.queue.size", TASKS);
        upDown(Statistic.QUEUE_CAPACITY, "jvm.executor.queue.capacity", TASKS);
        upDown(Statistic.CORE_POOL_SIZE, "jvm.executor.thread.core", THREADS);
        upDown(Statistic.MAXIMUM_POOL_SIZE, "jvm.executor.thread.limit", THREADS);
        // One instrument, two rows: busy threads, and the rest of the pool where its size is known.
        row(Statistic.ACTIVE, Form.UP_DOWN_COUNTER, "jvm.executor.thread.count", THREADS, ACTIVE,
                Statistic.ACTIVE::read, null, null, null);
        row(Statistic.POOL_SIZE, Form.UP_DOWN_COUNTER, "jvm.executor.thread.count", THREADS, IDLE,
                s -> {
                    OptionalLong size = Statistic.POOL_SIZE.read(s);
                    // The pool size and the active count are read apart: never report fewer than zero idle.
                    return size.isPresent() ? OptionalLong.of(Math.max(0, size.getAsLong() - s.active())) : size;
                }, null, null, null);
        row(Statistic.RUNTIME, Form.DURATION, "jvm.executor.task.duration", "s", null,
                s -> OptionalLong.of(s.timedRuntime().toNanos()), ExecutorStatistics::timedRuns,
                ExecutorStatistics::runsAtOrBelow, null);
        row(Statistic.QUEUE_TIME, Form.DURATION, "jvm.executor.task.queue.duration", "s", null,
                s -> OptionalLong.of(s.timedQueueTime().toNanos()), ExecutorStatistics::timedQueueWaits,
                ExecutorStatistics::queueWaitsAtOrBelow, null);
        // Shares as the conventions write them (jvm.cpu.recent_utilization): ratios in [0, 1], unit 1,
        // read exactly rather than from the schema's whole percent.
        share(Statistic.UTILIZATION, "jvm.executor.utilization", ExecutorStatistics::utilization);
        share(Statistic.QUEUE_FILL, "jvm.executor.queue.utilization", ExecutorStatistics::queueFill);
        omit(Statistic.TIMED_RUNS, "jvm.executor.task.duration.count");
        omit(Statistic.AVERAGE_RUNTIME, "jvm.executor.task.duration's sum over its count");
        omit(Statistic.AVERAGE_QUEUE_TIME, "jvm.executor.task.queue.duration's sum over its count");
        omit(Statistic.RUNTIME_P50, "computed by the backend from jvm.executor.task.duration's buckets,"
                + " over any window and across executors, which a lifetime percentile cannot be");
        omit(Statistic.RUNTIME_P99, "as the median: from the buckets");
        omit(Statistic.QUEUE_TIME_P99, "from jvm.executor.task.queue.duration's buckets");
        omit(Statistic.MAX_RUNTIME, "a lifetime maximum; the buckets bound recent runs");
        omit(Statistic.LARGEST_POOL_SIZE, "not in the conventions");
        omit(Statistic.PARALLELISM, "not in the conventions; a ForkJoinPool's thread count is jvm.executor.thread.count");
    }

    private InstrumentTable() {
    }

    /** The row of every statistic, in the schema's order. */
    static Map<Statistic, Row> all() {
        return Collections.unmodifiableMap(ROWS);
    }

    /** The rows that become instruments, in the schema's order. */
    static List<Row> published() {
        List<Row> rows = new ArrayList<>();
        for (Row row : ROWS.values()) {
            if (row.form != Form.NONE) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The {@code le} attribute of a bucket bound: seconds, in plain decimal ({@code 0.0025}). */
    static String le(long boundNanos) {
        return BigDecimal.valueOf(boundNanos, 9).stripTrailingZeros().toPlainString();
    }

    private static void counter(Statistic statistic, String name) {
        row(statistic, Form.COUNTER, name, TASKS, null, statistic::read, null, null, null);
    }

    private static void upDown(Statistic statistic, String name, String unit) {
        row(statistic, Form.UP_DOWN_COUNTER, name, unit, null, statistic::read, null, null, null);
    }

    private static void share(Statistic statistic, String name, Function<ExecutorStatistics, OptionalDouble> share) {
        put(new Row(statistic, Form.GAUGE, name, "1", null, null, null, null, null, share));
    }

    private static void omit(Statistic statistic, String reason) {
        row(statistic, Form.NONE, null, null, null, null, null, null, reason);
    }

    private static void row(Statistic statistic, Form form, String name, String unit, String threadState,
                            Function<ExecutorStatistics, OptionalLong> value, ToLongFunction<ExecutorStatistics> count,
                            AtOrBelow atOrBelow, String omitted) {
        put(new Row(statistic, form, name, unit, threadState, value, count, atOrBelow, omitted, null));
    }

    private static void put(Row row) {
        if (ROWS.put(row.statistic, row) != null) {
            throw new IllegalStateException("two rows for " + row.statistic);
        }
    }
}
