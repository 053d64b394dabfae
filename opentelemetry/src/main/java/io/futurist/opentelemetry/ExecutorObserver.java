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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * there at the next one and those shut down or collected are gone from it; nothing is kept
 * between collections. The SDK runs callbacks one collection at a time.
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
    private final List<ObservableMeasurement> all = new ArrayList<>();
    private volatile boolean failureReported;

    ExecutorObserver(Meter meter, Supplier<List<TrackedExecutor>> executors) {
        this.executors = executors;
        this.longs = new ObservableLongMeasurement[rows.size()];
        this.sums = new ObservableDoubleMeasurement[rows.size()];
        this.buckets = new ObservableLongMeasurement[rows.size()];
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
    public void run() {
        Set<String> taken = new HashSet<>();
        for (TrackedExecutor executor : executors.get()) {
            try {
                if (executor.alive()) {
                    String name = executor.name();
                    // A second executor with the same name and type is told apart by its id.
                    String shown = taken.add(name + '\n' + executor.type()) ? name : name + "#" + executor.id();
                    record(executor.statistics(), Attributes.of(NAME, shown, TYPE, executor.type()));
                }
            } catch (RuntimeException e) {
                // The other executors are still recorded; the application never sees this.
                if (!failureReported) {
                    failureReported = true;
                    System.err.println("futurist: OpenTelemetry collection skipped an executor: " + e);
                }
            }
        }
    }

    private void record(ExecutorStatistics statistics, Attributes attributes) {
        for (int i = 0; i < rows.size(); i++) {
            InstrumentTable.Row row = rows.get(i);
            if (row.form == InstrumentTable.Form.DURATION) {
                recordDuration(i, row, statistics, attributes);
                continue;
            }
            OptionalLong value = row.value.apply(statistics);
            if (value.isPresent()) {
                longs[i].record(value.getAsLong(), row.threadState == null ? attributes
                        : attributes.toBuilder().put(THREAD_STATE, row.threadState).build());
            }
        }
    }

    private void recordDuration(int i, InstrumentTable.Row row, ExecutorStatistics statistics, Attributes attributes) {
        long count = row.count.applyAsLong(statistics);
        longs[i].record(count, attributes);
        sums[i].record(row.value.apply(statistics).orElse(0) / 1e9, attributes);
        long[] bounds = InstrumentTable.BUCKET_BOUNDS_NANOS;
        for (int b = 0; b < bounds.length; b++) {
            long atOrBelow = row.atOrBelow.count(statistics, Duration.ofNanos(bounds[b]));
            buckets[i].record(atOrBelow, attributes.toBuilder().put(LE, LE_VALUES[b]).build());
        }
        buckets[i].record(count, attributes.toBuilder().put(LE, InstrumentTable.INFINITY).build());
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
