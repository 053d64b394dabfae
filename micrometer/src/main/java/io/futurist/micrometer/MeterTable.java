package io.futurist.micrometer;

import io.futurist.ExecutorStatistics;
import io.futurist.Statistic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;

/**
 * Which of Futurist's statistics becomes which Micrometer meter: the one table of this module.
 *
 * <p>Every {@link Statistic} has a row, also those that are deliberately not published (with the
 * reason), so a statistic added to the schema fails {@code MeterTableTest} until someone decides
 * how Micrometer shows it. Names are Micrometer's own executor meter names where they exist
 * ({@code executor.completed}, {@code executor.active}, the timers {@code executor} and
 * {@code executor.idle}, ...); percentiles follow the form Micrometer gives a timer's published
 * percentiles ({@code <timer>.percentile}, tag {@code phi}).
 */
final class MeterTable {

    /** The kinds of meter this module registers. */
    enum Form {
        /** A {@code FunctionCounter}: a monotonic count. */
        COUNTER,
        /** A {@code Gauge}: a value as of now. */
        GAUGE,
        /** A {@code FunctionTimer}: a count of timed events and their total time. */
        TIMER,
        /** A {@code TimeGauge} of nanoseconds, rendered in the registry's base time unit. */
        TIME_GAUGE,
        /** Not published. */
        NONE
    }

    /** One row: the meter a statistic becomes. */
    static final class Row {
        final Statistic statistic;
        final Form form;
        final String name;
        final String baseUnit;
        /** For a percentile: the {@code phi} tag; else {@code null}. */
        final String phi;
        /** The value (a timer's total, in nanoseconds); NaN where the statistic does not apply. */
        final ToDoubleFunction<ExecutorStatistics> value;
        /** A timer's count of timed events; {@code null} for other forms. */
        final ToDoubleFunction<ExecutorStatistics> count;
        /** Why a statistic is not published; {@code null} for published ones. */
        final String omitted;

        private Row(Statistic statistic, Form form, String name, String baseUnit, String phi,
                    ToDoubleFunction<ExecutorStatistics> value, ToDoubleFunction<ExecutorStatistics> count,
                    String omitted) {
            this.statistic = statistic;
            this.form = form;
            this.name = name;
            this.baseUnit = baseUnit;
            this.phi = phi;
            this.value = value;
            this.count = count;
            this.omitted = omitted;
        }

        /** The description meters of this row carry: the schema's. */
        String description() {
            return statistic.description();
        }
    }

    private static final String TASKS = "tasks";
    private static final String THREADS = "threads";
    private static final String RATIO = "ratio";

    private static final Map<Statistic, Row> ROWS = new EnumMap<>(Statistic.class);

    static {
        counter(Statistic.SUBMITTED, "executor.submitted");
        counter(Statistic.EXECUTED, "executor.completed");
        counter(Statistic.FAILURES, "executor.failed");
        counter(Statistic.CANCELLED, "executor.cancelled");
        counter(Statistic.REJECTED, "executor.rejected");
        counter(Statistic.SLOW_RUNS, "executor.slow.runs");
        counter(Statistic.SLOW_QUEUE_WAITS, "executor.slow.queue.waits");
        gauge(Statistic.ACTIVE, "executor.active", THREADS);
        gauge(Statistic.QUEUED, "executor.queued", TASKS);
        gauge(Statistic.POOL_SIZE, "executor.pool.size", THREADS);
        gauge(Statistic.CORE_POOL_SIZE, "executor.pool.core", THREADS);
        gauge(Statistic.MAXIMUM_POOL_SIZE, "executor.pool.max", THREADS);
        gauge(Statistic.PARALLELISM, "executor.parallelism", THREADS);
        // Micrometer shows what is left of a bounded queue, not its size; unbounded queues get no meter.
        row(Statistic.QUEUE_CAPACITY, Form.GAUGE, "executor.queue.remaining", TASKS, null,
                s -> s.queueCapacity().isPresent() ? Math.max(0, s.queueCapacity().getAsInt() - s.queued()) : Double.NaN,
                null, null);
        // Shares as Micrometer writes them (process.cpu.usage): ratios in [0, 1], read exactly rather
        // than from the schema's whole percent; base unit "ratio", so Prometheus names them *_ratio.
        row(Statistic.UTILIZATION, Form.GAUGE, "executor.utilization", RATIO, null,
                s -> s.utilization().orElse(Double.NaN), null, null);
        row(Statistic.QUEUE_FILL, Form.GAUGE, "executor.queue.fill", RATIO, null,
                s -> s.queueFill().orElse(Double.NaN), null, null);
        // Timers: the count is of the runs (waits) whose time is known and the total is theirs alone,
        // so total / count is the sample's mean also when the agent times only some runs.
        row(Statistic.RUNTIME, Form.TIMER, "executor", null, null,
                s -> s.timedRuntime().toNanos(), ExecutorStatistics::timedRuns, null);
        row(Statistic.QUEUE_TIME, Form.TIMER, "executor.idle", null, null,
                s -> s.timedQueueTime().toNanos(), ExecutorStatistics::timedQueueWaits, null);
        percentile(Statistic.RUNTIME_P50, "executor", "0.5");
        percentile(Statistic.RUNTIME_P99, "executor", "0.99");
        percentile(Statistic.QUEUE_TIME_P99, "executor.idle", "0.99");
        omit(Statistic.TIMED_RUNS, "the count of the executor timer");
        omit(Statistic.AVERAGE_RUNTIME, "the executor timer's total over its count");
        omit(Statistic.AVERAGE_QUEUE_TIME, "the executor.idle timer's total over its count");
        omit(Statistic.MAX_RUNTIME, "the longest run of the executor's whole life; a Micrometer timer's max"
                + " is the longest of a recent window, so publishing it under that name would mislead");
        omit(Statistic.LARGEST_POOL_SIZE, "Micrometer's executor meters have no such meter");
    }

    private MeterTable() {
    }

    /** The row of every statistic, in the schema's order. */
    static Map<Statistic, Row> all() {
        return Collections.unmodifiableMap(ROWS);
    }

    /** The rows that become meters, in the schema's order. */
    static List<Row> published() {
        List<Row> rows = new ArrayList<>();
        for (Row row : ROWS.values()) {
            if (row.form != Form.NONE) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static void counter(Statistic statistic, String name) {
        row(statistic, Form.COUNTER, name, TASKS, null, read(statistic), null, null);
    }

    private static void gauge(Statistic statistic, String name, String baseUnit) {
        row(statistic, Form.GAUGE, name, baseUnit, null, read(statistic), null, null);
    }

    private static void percentile(Statistic statistic, String timer, String phi) {
        row(statistic, Form.TIME_GAUGE, timer + ".percentile", null, phi, read(statistic), null, null);
    }

    private static void omit(Statistic statistic, String reason) {
        row(statistic, Form.NONE, null, null, null, null, null, reason);
    }

    private static void row(Statistic statistic, Form form, String name, String baseUnit, String phi,
                            ToDoubleFunction<ExecutorStatistics> value, ToDoubleFunction<ExecutorStatistics> count,
                            String omitted) {
        if (ROWS.put(statistic, new Row(statistic, form, name, baseUnit, phi, value, count, omitted)) != null) {
            throw new IllegalStateException("two rows for " + statistic);
        }
    }

    private static ToDoubleFunction<ExecutorStatistics> read(Statistic statistic) {
        return s -> {
            OptionalLong value = statistic.read(s);
            return value.isPresent() ? value.getAsLong() : Double.NaN;
        };
    }
}
