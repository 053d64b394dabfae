package io.futurist.opentelemetry;

import io.futurist.ExecutorStatistics;
import io.futurist.TrackedExecutor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.metrics.ObservableMeasurement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The instruments of {@link InstrumentTable} and the one callback that fills them: at each
 * collection it takes one snapshot per live executor and records every instrument from it.
 *
 * <p>Design: one batch callback, not a callback per instrument, so that an executor is
 * snapshotted once per collection (a snapshot copies its histograms) and all its numbers in one
 * export agree. Executors are listed afresh at every collection, so those that appear are
 * there at the next one and those shut down or collected are gone from it; only the attribute
 * sets of the last collection's executors are kept between collections. {@link #run()} is
 * synchronized: the SDK runs callbacks one collection at a time anyway, another implementation
 * of the API might not.
 */
final class ExecutorObserver implements Runnable {

    static final AttributeKey<String> NAME = AttributeKey.stringKey("jvm.executor.name");
    static final AttributeKey<String> TYPE = AttributeKey.stringKey("jvm.executor.type");
    static final AttributeKey<String> THREAD_STATE = AttributeKey.stringKey("jvm.executor.thread.state");
    static final AttributeKey<String> LE = AttributeKey.stringKey("le");

    private static final String[] LE_VALUES = leValues();

    private final Supplier<List<TrackedExecutor>> executors;
    private final List<InstrumentTable.Row> rows = InstrumentTable.published();
    /** Per row: its instrument (a duration row: its .count instrument). */
    private final ObservableLongMeasurement[] longs;
    /** Per duration row: its .sum and .bucket instruments; {@code null} for other rows. */
    private final ObservableDoubleMeasurement[] sums;
    private final ObservableLongMeasurement[] buckets;
    /** Per gauge row: its instrument; {@code null} for other rows. */
    private final ObservableDoubleMeasurement[] gauges;
    private final List<ObservableMeasurement> all = new ArrayList<>();
    /** The attribute sets of the executors of the last collection; only {@link #run()} touches it. */
    private Map<TrackedExecutor, PointAttributes> attributes = new HashMap<>();
    /** Only {@link #run()} touches it. */
    private boolean failureReported;

    ExecutorObserver(Meter meter, Supplier<List<TrackedExecutor>> executors) {
        this.executors = executors;
        this.longs = new ObservableLongMeasurement[rows.size()];
        this.sums = new ObservableDoubleMeasurement[rows.size()];
        this.buckets = new ObservableLongMeasurement[rows.size()];
        this.gauges = new ObservableDoubleMeasurement[rows.size()];
        Map<String, ObservableLongMeasurement> byName = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            InstrumentTable.Row row = rows.get(i);
            switch (row.form) {
                case COUNTER:
                    longs[i] = byName.computeIfAbsent(row.name, n -> meter.counterBuilder(n)
                            .setUnit(row.unit).setDescription(row.description()).buildObserver());
                    break;
                case UP_DOWN_COUNTER:
                    longs[i] = byName.computeIfAbsent(row.name, n -> meter.upDownCounterBuilder(n)
                            .setUnit(row.unit).setDescription(row.description()).buildObserver());
                    break;
                case DURATION:
                    longs[i] = meter.counterBuilder(row.name + ".count").setUnit("{run}")
                            .setDescription("timed events of " + row.name).buildObserver();
                    sums[i] = meter.counterBuilder(row.name + ".sum").ofDoubles().setUnit(row.unit)
                            .setDescription(row.description()).buildObserver();
                    buckets[i] = meter.counterBuilder(row.name + ".bucket").setUnit("{run}")
                            .setDescription("timed events of " + row.name + " at or below le seconds")
                            .buildObserver();
                    all.add(sums[i]);
                    all.add(buckets[i]);
                    all.add(longs[i]);
                    break;
                case GAUGE:
                    gauges[i] = meter.gaugeBuilder(row.name).setUnit(row.unit).setDescription(row.description())
                            .buildObserver();
                    all.add(gauges[i]);
                    break;
                default:
                    throw new IllegalArgumentException("not an instrument: " + row.statistic);
            }
        }
        all.addAll(byName.values());
    }

    /** Every instrument the callback records, for registering the batch callback. */
    List<ObservableMeasurement> instruments() {
        return all;
    }

    @Override
    public synchronized void run() {
        Set<String> taken = new HashSet<>();
        Map<TrackedExecutor, PointAttributes> seen = new HashMap<>();
        for (TrackedExecutor executor : executors.get()) {
            try {
                if (executor.alive()) {
                    String name = executor.name();
                    // A second executor with the same name and type is told apart by its id.
                    String shown = taken.add(name + '\n' + executor.type()) ? name : name + "#" + executor.id();
                    PointAttributes attributes = this.attributes.get(executor);
                    if (attributes == null || !attributes.shown.equals(shown)) {
                        attributes = new PointAttributes(shown, executor.type());
                    }
                    seen.put(executor, attributes);
                    record(executor.statistics(), attributes);
                }
            } catch (RuntimeException e) {
                // The other executors are still recorded; the application never sees this.
                if (!failureReported) {
                    failureReported = true;
                    System.err.println("futurist: OpenTelemetry collection skipped an executor: " + e);
                }
            }
        }
        attributes = seen; // executors gone since the last collection are forgotten
    }

    private void record(ExecutorStatistics statistics, PointAttributes attributes) {
        for (int i = 0; i < rows.size(); i++) {
            InstrumentTable.Row row = rows.get(i);
            if (row.form == InstrumentTable.Form.DURATION) {
                recordDuration(i, row, statistics, attributes);
                continue;
            }
            if (row.form == InstrumentTable.Form.GAUGE) {
                OptionalDouble share = row.share.apply(statistics);
                if (share.isPresent()) {
                    gauges[i].record(share.getAsDouble(), attributes.executor);
                }
                continue;
            }
            OptionalLong value = row.value.apply(statistics);
            if (value.isPresent()) {
                longs[i].record(value.getAsLong(), row.threadState == null ? attributes.executor
                        : attributes.withThreadState(row.threadState));
            }
        }
    }

    private void recordDuration(int i, InstrumentTable.Row row, ExecutorStatistics statistics, PointAttributes attributes) {
        long count = row.count.applyAsLong(statistics);
        longs[i].record(count, attributes.executor);
        sums[i].record(row.value.apply(statistics).orElse(0) / 1e9, attributes.executor);
        long[] bounds = InstrumentTable.BUCKET_BOUNDS_NANOS;
        for (int b = 0; b < bounds.length; b++) {
            long atOrBelow = row.atOrBelow.count(statistics, Duration.ofNanos(bounds[b]));
            buckets[i].record(atOrBelow, attributes.buckets[b]);
        }
        buckets[i].record(count, attributes.buckets[bounds.length]);
    }

    /**
     * The attribute sets of one executor's points, made once and kept while the executor is
     * shown under the same name: a collection of a thousand executors records tens of thousands
     * of points, and would otherwise build (and the SDK hash) a fresh set for each.
     */
    private static final class PointAttributes {
        final String shown;
        final Attributes executor;
        final Attributes active;
        final Attributes idle;
        /** Per bucket bound, then {@code +Inf}: the executor's attributes with {@code le}. */
        final Attributes[] buckets;

        PointAttributes(String shown, String type) {
            this.shown = shown;
            this.executor = Attributes.of(NAME, shown, TYPE, type);
            this.active = executor.toBuilder().put(THREAD_STATE, InstrumentTable.ACTIVE).build();
            this.idle = executor.toBuilder().put(THREAD_STATE, InstrumentTable.IDLE).build();
            this.buckets = new Attributes[LE_VALUES.length + 1];
            for (int b = 0; b < LE_VALUES.length; b++) {
                buckets[b] = executor.toBuilder().put(LE, LE_VALUES[b]).build();
            }
            buckets[LE_VALUES.length] = executor.toBuilder().put(LE, InstrumentTable.INFINITY).build();
        }

        Attributes withThreadState(String state) {
            return InstrumentTable.ACTIVE.equals(state) ? active : idle;
        }
    }

    private static String[] leValues() {
        long[] bounds = InstrumentTable.BUCKET_BOUNDS_NANOS;
        String[] values = new String[bounds.length];
        for (int b = 0; b < bounds.length; b++) {
            values[b] = InstrumentTable.le(bounds[b]);
        }
        return values;
    }
}
