package io.futurist.micrometer;

import io.futurist.Futurist;
import io.futurist.TrackedExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Publishes every executor Futurist tracks to Micrometer, present and future.
 *
 * <pre>{@code
 * FuturistMetrics metrics = new FuturistMetrics();
 * metrics.bindTo(registry);      // Spring Boot: declare it as a @Bean and Boot binds it
 * ...
 * metrics.close();               // takes the meters out and stops the refresh thread
 * }</pre>
 *
 * <p>Each live executor gets the meters of {@code MeterTable}, tagged {@code name} (the
 * executor's name) and {@code type} (its class): the counters {@code executor.completed},
 * {@code executor.submitted}, {@code executor.failed}, {@code executor.cancelled},
 * {@code executor.rejected}; the gauges {@code executor.active}, {@code executor.queued} and,
 * where the executor reports them, {@code executor.pool.size}, {@code executor.pool.core},
 * {@code executor.pool.max}, {@code executor.parallelism}, {@code executor.queue.remaining}
 * (bounded queues only); the function timers {@code executor} (run time) and
 * {@code executor.idle} (time from acceptance to start); and the percentiles
 * {@code executor.percentile} ({@code phi} 0.5 and 0.99) and {@code executor.idle.percentile}
 * ({@code phi} 0.99). Percentiles are over the executor's whole life, like Futurist's own
 * table; for a recent window divide the rates of a timer's total and count.
 *
 * <p>Nothing is added to a task's path: meters read snapshots when the registry reads them.
 * Two executors with the same name and type are told apart by {@code #id} after the name of the
 * later one.
 *
 * <p><b>Design.</b> Which executors exist is decided by {@link #refresh()}: it binds executors
 * that appeared (and those whose name changed, which happens once their first worker starts),
 * and takes out the meters of executors that were shut down or garbage-collected. It runs on
 * every {@link #bindTo}, and every refresh interval (5 seconds unless given) on a daemon thread
 * named {@code futurist-micrometer}, started by the first {@code bindTo}. That thread is a plain
 * {@link Thread}, not an executor, so it is not itself tracked. All bookkeeping is under one
 * lock; meters never take it (they read a {@link Reading}, which has a lock of its own).
 */
public final class FuturistMetrics implements MeterBinder, AutoCloseable {

    /** How often executors that appeared or went are looked for, unless told otherwise. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(5);

    private static final String THREAD_NAME = "futurist-micrometer";

    private final long refreshNanos;
    private final Supplier<List<TrackedExecutor>> executors;
    private final List<MeterTable.Row> rows = MeterTable.published();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final List<BoundRegistry> registries = new ArrayList<>();
    /** One reading per bound executor, shared by all registries; guarded by {@link #lock}. */
    private final Map<TrackedExecutor, Reading> readings = new HashMap<>();
    /** Guarded by {@link #lock}. */
    private Thread refresher;
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** Guarded by {@link #lock}: a refused meter is reported once. */
    private boolean refusalReported;
    /** Guarded by {@link #lock}: a failed refresh is reported once. */
    private boolean failureReported;

    /** A binder that looks for new and gone executors every {@link #DEFAULT_REFRESH_INTERVAL}. */
    public FuturistMetrics() {
        this(DEFAULT_REFRESH_INTERVAL);
    }

    /**
     * A binder that looks for new and gone executors every {@code refreshInterval}.
     *
     * @param refreshInterval a positive duration
     */
    public FuturistMetrics(Duration refreshInterval) {
        this(refreshInterval, Futurist::executors);
    }

    /** For tests: executors from {@code executors} instead of {@link Futurist#executors()}. */
    FuturistMetrics(Duration refreshInterval, Supplier<List<TrackedExecutor>> executors) {
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refreshInterval must be positive: " + refreshInterval);
        }
        this.refreshNanos = refreshInterval.toNanos();
        this.executors = executors;
    }

    /**
     * Publishes every live executor to {@code registry} now, and those that appear later at the
     * next refresh.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("FuturistMetrics is closed");
            }
            boolean known = false;
            for (BoundRegistry bound : registries) {
                known |= bound.registry == registry;
            }
            if (!known) {
                registries.add(new BoundRegistry(registry));
            }
            refreshContained();
            if (refresher == null) {
                refresher = new Thread(this::refreshPeriodically, THREAD_NAME);
                refresher.setDaemon(true);
                refresher.start();
            }
        }
    }

    /**
     * Binds executors that appeared since the last refresh and takes out the meters of those
     * that were shut down or collected, now rather than at the next periodic refresh.
     */
    public void refresh() {
        synchronized (lock) {
            if (!closed) {
                refreshContained();
            }
        }
    }

    /** Takes every meter of this binder out of the registries and stops the refresh thread. */
    @Override
    public void close() {
        Thread thread;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (BoundRegistry bound : registries) {
                bound.removeAll();
            }
            registries.clear();
            readings.clear();
            thread = refresher;
        }
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private void refreshPeriodically() {
        while (true) {
            LockSupport.parkNanos(this, refreshNanos);
            // An interrupt from elsewhere would make every later park return at once: forget it.
            Thread.interrupted();
            synchronized (lock) {
                if (closed) {
                    return;
                }
                refreshContained();
            }
        }
    }

    /** A refresh whose failure the application never sees: reported once, the meters keep their executors. */
    private void refreshContained() {
        try {
            refreshLocked();
        } catch (RuntimeException | LinkageError e) {
            if (!failureReported) {
                failureReported = true;
                System.err.println("futurist: the Micrometer binder could not refresh its executors: " + e);
            }
        }
    }

    private void refreshLocked() {
        List<TrackedExecutor> live = new ArrayList<>();
        for (TrackedExecutor executor : executors.get()) {
            if (executor.alive()) {
                live.add(executor);
            }
        }
        Set<TrackedExecutor> liveSet = new HashSet<>();
        liveSet.addAll(live);
        readings.keySet().retainAll(liveSet);
        for (TrackedExecutor executor : live) {
            readings.computeIfAbsent(executor, e -> new Reading(e, rows));
        }
        for (BoundRegistry bound : registries) {
            RuntimeException refused = bound.update(live, liveSet);
            if (refused != null && !refusalReported) {
                refusalReported = true;
                System.err.println("futurist: the meter registry refused an executor meter (further refusals are not"
                        + " reported): " + refused);
            }
        }
    }

    /** The executors' meters in one registry. Used under the binder's lock only. */
    private final class BoundRegistry {
        final MeterRegistry registry;
        final Map<TrackedExecutor, ExecutorMeters> bound = new HashMap<>();

        BoundRegistry(MeterRegistry registry) {
            this.registry = registry;
        }

        RuntimeException update(List<TrackedExecutor> live, Set<TrackedExecutor> liveSet) {
            for (Iterator<Map.Entry<TrackedExecutor, ExecutorMeters>> it = bound.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<TrackedExecutor, ExecutorMeters> entry = it.next();
                if (!liveSet.contains(entry.getKey()) || !entry.getValue().nameUnchanged()) {
                    entry.getValue().remove(registry);
                    it.remove();
                }
            }
            Set<String> taken = new HashSet<>();
            for (ExecutorMeters meters : bound.values()) {
                taken.add(meters.nameTag() + '\n' + meters.type());
            }
            RuntimeException refused = null;
            for (TrackedExecutor executor : live) {
                ExecutorMeters meters = bound.get(executor);
                if (meters == null) {
                    String name = executor.name();
                    String tag = taken.add(name + '\n' + executor.type()) ? name : name + "#" + executor.id();
                    taken.add(tag + '\n' + executor.type());
                    meters = new ExecutorMeters(executor, name, tag, readings.get(executor), rows);
                    bound.put(executor, meters);
                }
                RuntimeException failure = meters.registerApplicable(registry);
                refused = refused == null ? failure : refused;
            }
            return refused;
        }

        void removeAll() {
            for (ExecutorMeters meters : bound.values()) {
                meters.remove(registry);
            }
            bound.clear();
        }
    }
}
