package io.futurist.agent.health;

import io.futurist.ExecutorStatistics;
import io.futurist.agent.probe.Faults;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import io.futurist.internal.LoadReader;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Reads every tracked executor once a {@linkplain #PERIOD_MILLIS period}, on a daemon thread of
 * its own ({@value #THREAD_NAME}), and keeps per executor a {@link Pulse}: when it last did
 * anything (for {@code leaks}), and its utilization, queue fill and rejections over the last
 * interval, which it attaches to every snapshot of the executor's statistics as its
 * {@linkplain ExecutorStatistics#utilization() utilization} and
 * {@linkplain ExecutorStatistics#queueFill() queue fill} ({@link LoadReader}), so that every
 * output of the schema carries them.
 *
 * <p>Why a reader thread rather than a time stamp per task: a clock read on every submission
 * would put work on the task path for a question ("idle for a minute?") that a reading a second
 * answers. A reading is one statistics snapshot per executor, the same a JMX client takes; it
 * submits nothing to any executor, so it cannot recurse into what it watches. Its listing of
 * the registry also purges collected executors, whose final statistics the registry then sums
 * per creation site — on this thread rather than on an application thread that builds a pool.
 *
 * <p>Concurrency: only the watch's thread writes the pulses' readings; the map is concurrent
 * so that JMX and reports can look pulses up meanwhile. Entries of executors that left the
 * registry or terminated are dropped at the next reading, so the map never outgrows the
 * registry.
 */
public final class ActivityWatch implements LoadReader {

    /** How often every executor is read. */
    public static final long PERIOD_MILLIS = 1000;
    static final String THREAD_NAME = "futurist-health";

    private static volatile ActivityWatch current;

    private final ExecutorRegistry registry;
    private final LongSupplier clock;
    private final Map<Long, Pulse> pulses = new ConcurrentHashMap<>();
    private volatile Thread thread;

    ActivityWatch(ExecutorRegistry registry, LongSupplier clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Starts the JVM's watch over the global registry; its first reading is taken at once. */
    public static synchronized ActivityWatch start() {
        ActivityWatch watch = current;
        if (watch == null) {
            watch = new ActivityWatch(ExecutorRegistry.global(), System::currentTimeMillis);
            Thread reader = new Thread(watch::loop, THREAD_NAME);
            reader.setDaemon(true);
            watch.thread = reader;
            current = watch;
            ExecutorRecord.loadReader(watch);
            reader.start();
        }
        return watch;
    }

    /** Stops the JVM's watch (a detach); its pulses are forgotten. */
    public static synchronized void stop() {
        ActivityWatch watch = current;
        current = null;
        ExecutorRecord.loadReader(LoadReader.NONE);
        if (watch != null && watch.thread != null) {
            watch.thread.interrupt();
        }
    }

    /** The JVM's watch, or {@code null} when the agent does not run one. */
    public static ActivityWatch current() {
        return current;
    }

    /** The wall clock the watch reads, in milliseconds. */
    public long now() {
        return clock.getAsLong();
    }

    /** What the watch has seen of the executor with {@code id}; {@code null} before its first reading. */
    public Pulse pulse(long id) {
        return pulses.get(id);
    }

    /** {@code statistics} with the load of the last interval of the executor {@code id}, where known. */
    @Override
    public ExecutorStatistics attach(long id, ExecutorStatistics statistics) {
        Pulse pulse = pulses.get(id);
        if (pulse == null) {
            return statistics;
        }
        double utilization = pulse.utilization();
        double queueFill = pulse.queueFill();
        // No allocation while nothing is known (the first interval, an unbounded pool).
        return Double.isNaN(utilization) && Double.isNaN(queueFill) ? statistics
                : statistics.withLoad(utilization, queueFill);
    }

    /** Reads every executor once. */
    void observe() {
        long now = clock.getAsLong();
        Set<Long> seen = new HashSet<>();
        for (ExecutorRecord record : registry.records()) {
            if (record.isTerminated()) {
                continue;
            }
            seen.add(record.id());
            // Counts and shape only: merging every executor's histograms each second was most of
            // this thread's work with thousands of executors (bench/PROFILE.md §16).
            pulses.computeIfAbsent(record.id(), id -> new Pulse(now)).observe(record.countsAndShape(), now,
                    !record.alive());
        }
        pulses.keySet().retainAll(seen);
    }

    private void loop() {
        while (current == this) {
            try {
                observe();
            } catch (RuntimeException | LinkageError failure) {
                Faults.warnOnce("health-reading:" + failure.getClass().getName(), "could not read the executors"
                        + " for idle times and utilization (" + failure + "); statistics are still recorded");
            }
            try {
                Thread.sleep(PERIOD_MILLIS); // a reading period, not a synchronisation
            } catch (InterruptedException stop) {
                return;
            }
        }
    }
}
