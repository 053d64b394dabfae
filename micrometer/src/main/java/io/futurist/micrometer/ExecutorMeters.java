package io.futurist.micrometer;

import io.futurist.TrackedExecutor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one executor in one registry, tagged {@code name} and {@code type}.
 *
 * <p>The meters read a shared {@link Reading}; the registry holds them (and Micrometer holds a
 * function meter's state object only weakly), while this object, kept by the binder, holds the
 * reading. A row whose statistic does not apply (a pool size the executor does not report) has
 * no meter; should it start to apply, its meter comes with the first refresh after a scrape has
 * read it so. Used under the binder's lock only.
 */
final class ExecutorMeters {

    private final TrackedExecutor executor;
    /** The executor's name when bound: a new name means new meters. */
    private final String boundName;
    private final String nameTag;
    private final Tags tags;
    private final Reading reading;
    private final List<MeterTable.Row> rows;
    private final boolean[] registered;
    private final List<Meter> meters = new ArrayList<>();

    ExecutorMeters(TrackedExecutor executor, String boundName, String nameTag, Reading reading,
                   List<MeterTable.Row> rows) {
        this.executor = executor;
        this.boundName = boundName;
        this.nameTag = nameTag;
        this.tags = Tags.of("name", nameTag, "type", executor.type());
        this.reading = reading;
        this.rows = rows;
        this.registered = new boolean[rows.size()];
    }

    /** The {@code name} tag these meters carry. */
    String nameTag() {
        return nameTag;
    }

    /** The executor's type, its {@code type} tag. */
    String type() {
        return executor.type();
    }

    /** Whether the executor is still called what it was when its meters were made. */
    boolean nameUnchanged() {
        return boundName.equals(executor.name());
    }

    /**
     * Registers the meter of every row that applies now and has none yet.
     *
     * @return the first registration the registry refused (it is not tried again), or {@code null}
     */
    RuntimeException registerApplicable(MeterRegistry registry) {
        RuntimeException refused = null;
        for (int i = 0; i < rows.size(); i++) {
            if (!registered[i] && reading.applies(i)) {
                registered[i] = true;
                try {
                    meters.add(register(registry, rows.get(i), i));
                } catch (RuntimeException e) {
                    // A registry may refuse a meter (Prometheus: the same name with other tag keys).
                    refused = refused == null ? e : refused;
                }
            }
        }
        return refused;
    }

    /** Takes every meter of this executor out of {@code registry}. */
    void remove(MeterRegistry registry) {
        for (Meter meter : meters) {
            registry.remove(meter);
        }
        meters.clear();
    }

    private Meter register(MeterRegistry registry, MeterTable.Row row, int index) {
        Reading r = reading;
        switch (row.form) {
            case COUNTER:
                return FunctionCounter.builder(row.name, r, x -> x.value(index))
                        .tags(tags).baseUnit(row.baseUnit).description(row.description()).register(registry);
            case GAUGE:
                return Gauge.builder(row.name, r, x -> x.value(index))
                        .tags(tags).baseUnit(row.baseUnit).description(row.description()).register(registry);
            case TIMER:
                return FunctionTimer.builder(row.name, r, x -> (long) x.count(index), x -> x.value(index),
                                TimeUnit.NANOSECONDS)
                        .tags(tags).description(row.description()).register(registry);
            case TIME_GAUGE:
                return TimeGauge.builder(row.name, r, TimeUnit.NANOSECONDS, x -> x.value(index))
                        .tags(tags).tag("phi", row.phi).description(row.description()).register(registry);
            default:
                throw new IllegalArgumentException("not a meter: " + row.statistic);
        }
    }
}
