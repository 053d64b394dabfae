package io.futurist.agent.prometheus;

import io.futurist.ExecutorStatistics;
import io.futurist.Statistic;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The one mapping from Futurist's statistics ({@link Statistic}) to the series of
 * {@code /metrics}, named as Micrometer's Prometheus registry names its executor meters, so that
 * one dashboard serves an application that binds Micrometer and one that only runs the agent:
 * {@code executor_completed_tasks_total}, {@code executor_active_threads},
 * {@code executor_seconds} (a histogram), and so on.
 *
 * <p>Every statistic is either a family here, or {@linkplain #derivedInPrometheus() left to
 * Prometheus} because a query derives it from a family (averages and percentiles from the
 * histograms). A statistic added later that is in neither list still appears: under a name made
 * from its key, unit and kind ({@code slowRuns} would become {@code executor_slow_runs_tasks_total}).
 *
 * <p>The histograms' buckets are fixed ({@link #BUCKETS}, 10 µs to 60 s) and read from the same
 * histogram as the percentiles, so a bucket's count is exact to within that histogram's relative
 * error. They describe the timed runs only: {@code _count} is the number of timed runs,
 * {@code _sum} their total time (which equals {@code runtime} while every run is timed).
 */
final class SeriesMapping {

    /** The histograms' upper bounds, as the {@code le} label writes them (seconds). */
    static final List<String> BUCKETS = List.of("0.00001", "0.00005", "0.0001", "0.0005", "0.001", "0.005",
            "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60");
    private static final List<Duration> BOUNDS = bounds();

    private static final Map<Statistic, Family> FAMILIES = new EnumMap<>(Statistic.class);
    private static final Map<Statistic, String> DERIVED = new EnumMap<>(Statistic.class);

    static {
        counter(Statistic.SUBMITTED, "executor_submitted_tasks");
        counter(Statistic.EXECUTED, "executor_completed_tasks");
        counter(Statistic.FAILURES, "executor_failed_tasks");
        counter(Statistic.CANCELLED, "executor_cancelled_tasks");
        counter(Statistic.REJECTED, "executor_rejected_tasks");
        counter(Statistic.SLOW_RUNS, "executor_slow_runs");
        counter(Statistic.SLOW_QUEUE_WAITS, "executor_slow_queue_waits");
        gauge(Statistic.ACTIVE, "executor_active_threads");
        gauge(Statistic.QUEUED, "executor_queued_tasks");
        histogram(Statistic.RUNTIME, "executor_seconds", "run time of the timed runs",
                ExecutorStatistics::runsAtOrBelow, ExecutorStatistics::timedRuns, s -> seconds(s.timedRuntime().toNanos()));
        gauge(Statistic.MAX_RUNTIME, "executor_seconds_max");
        histogram(Statistic.QUEUE_TIME, "executor_idle_seconds", "time the timed tasks waited to start",
                ExecutorStatistics::queueWaitsAtOrBelow, ExecutorStatistics::timedQueueWaits,
                s -> seconds(s.timedQueueTime().toNanos()));
        gauge(Statistic.POOL_SIZE, "executor_pool_size_threads");
        gauge(Statistic.CORE_POOL_SIZE, "executor_pool_core_threads");
        gauge(Statistic.MAXIMUM_POOL_SIZE, "executor_pool_max_threads");
        gauge(Statistic.LARGEST_POOL_SIZE, "executor_pool_largest_threads");
        FAMILIES.put(Statistic.QUEUE_CAPACITY, new Family("executor_queue_remaining_tasks", Family.Type.GAUGE,
                "tasks the queue can take before it is full", (s, out) -> {
                    OptionalLong capacity = Statistic.QUEUE_CAPACITY.read(s);
                    if (capacity.isPresent()) {
                        out.sample("", null, Long.toString(Math.max(0, capacity.getAsLong() - s.queued())));
                    }
                }));
        gauge(Statistic.PARALLELISM, "executor_parallelism_threads");
        // Prometheus writes shares as ratios in [0, 1] (_ratio); the schema's whole percent would lose precision.
        ratio(Statistic.UTILIZATION, "executor_utilization_ratio", ExecutorStatistics::utilization);
        ratio(Statistic.QUEUE_FILL, "executor_queue_fill_ratio", ExecutorStatistics::queueFill);
        DERIVED.put(Statistic.AVERAGE_RUNTIME, "executor_seconds_sum / executor_seconds_count");
        DERIVED.put(Statistic.RUNTIME_P50, "histogram_quantile(0.5, executor_seconds_bucket)");
        DERIVED.put(Statistic.RUNTIME_P99, "histogram_quantile(0.99, executor_seconds_bucket)");
        DERIVED.put(Statistic.AVERAGE_QUEUE_TIME, "executor_idle_seconds_sum / executor_idle_seconds_count");
        DERIVED.put(Statistic.QUEUE_TIME_P99, "histogram_quantile(0.99, executor_idle_seconds_bucket)");
        DERIVED.put(Statistic.TIMED_RUNS, "executor_seconds_count");
    }

    private SeriesMapping() {
    }

    /** The families of {@code /metrics}, in the order of {@link Statistic}. */
    static List<Family> families() {
        List<Family> families = new ArrayList<>();
        for (Statistic statistic : Statistic.values()) {
            Family family = FAMILIES.get(statistic);
            if (family != null) {
                families.add(family);
            } else if (!DERIVED.containsKey(statistic)) {
                families.add(byConvention(statistic));
            }
        }
        return Collections.unmodifiableList(families);
    }

    /** The family {@code statistic} is exported as, if it is one of its own. */
    static Family familyOf(Statistic statistic) {
        Family family = FAMILIES.get(statistic);
        return family != null || DERIVED.containsKey(statistic) ? family : byConvention(statistic);
    }

    /** The statistics that are no family of their own, with the query that derives each. */
    static Map<Statistic, String> derivedInPrometheus() {
        return Collections.unmodifiableMap(DERIVED);
    }

    private static void counter(Statistic statistic, String name) {
        FAMILIES.put(statistic, new Family(name, Family.Type.COUNTER, statistic.description(), plain(statistic)));
    }

    private static void gauge(Statistic statistic, String name) {
        FAMILIES.put(statistic, new Family(name, Family.Type.GAUGE, statistic.description(), plain(statistic)));
    }

    private static void ratio(Statistic statistic, String name, Function<ExecutorStatistics, OptionalDouble> share) {
        FAMILIES.put(statistic, new Family(name, Family.Type.GAUGE, statistic.description() + ", in [0, 1]", (s, out) -> {
            OptionalDouble value = share.apply(s);
            if (value.isPresent()) {
                out.sample("", null, BigDecimal.valueOf(value.getAsDouble()).stripTrailingZeros().toPlainString());
            }
        }));
    }

    private static void histogram(Statistic statistic, String name, String help,
                                  AtOrBelow atOrBelow, ToLongFunction<ExecutorStatistics> count,
                                  Function<ExecutorStatistics, String> sum) {
        FAMILIES.put(statistic, new Family(name, Family.Type.HISTOGRAM, help, (s, out) -> {
            for (int i = 0; i < BOUNDS.size(); i++) {
                out.sample("_bucket", BUCKETS.get(i), Long.toString(atOrBelow.count(s, BOUNDS.get(i))));
            }
            String total = Long.toString(count.applyAsLong(s));
            out.sample("_bucket", "+Inf", total);
            out.sample("_count", null, total);
            out.sample("_sum", null, sum.apply(s));
        }));
    }

    /** A statistic no entry above names: exported under a name made from its key, unit and kind. */
    private static Family byConvention(Statistic statistic) {
        String base = statistic.key().replaceAll("Nanos$", "").replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
        String unit = statistic.unit() == Statistic.Unit.NANOSECONDS ? "seconds"
                : statistic.unit().name().toLowerCase(Locale.ROOT);
        Family.Type type = statistic.kind() == Statistic.Kind.COUNTER ? Family.Type.COUNTER : Family.Type.GAUGE;
        return new Family("executor_" + base + "_" + unit, type, statistic.description(), plain(statistic));
    }

    /** One sample: the statistic's value, in seconds where it is a duration; none where it does not apply. */
    private static Family.Reader plain(Statistic statistic) {
        return (s, out) -> {
            OptionalLong value = statistic.read(s);
            if (value.isPresent()) {
                out.sample("", null, statistic.unit() == Statistic.Unit.NANOSECONDS
                        ? seconds(value.getAsLong()) : Long.toString(value.getAsLong()));
            }
        };
    }

    /** Nanoseconds as seconds, exactly (a decimal with up to nine places). */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    private static List<Duration> bounds() {
        List<Duration> bounds = new ArrayList<>();
        for (String bucket : BUCKETS) {
            bounds.add(Duration.ofNanos(new BigDecimal(bucket).movePointRight(9).longValueExact()));
        }
        return Collections.unmodifiableList(bounds);
    }

    /** A cumulative histogram read: how many values were at or below a bound. */
    private interface AtOrBelow {
        long count(ExecutorStatistics statistics, Duration bound);
    }
}
