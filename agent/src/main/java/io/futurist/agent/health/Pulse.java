package io.futurist.agent.health;

import io.futurist.ExecutorStatistics;
import java.util.OptionalInt;

/**
 * What the {@link ActivityWatch} has seen of one executor over its readings: when it last did
 * anything, and how busy and how full it was over the last interval.
 *
 * <p>Activity is told by comparing readings, never on the task path: an executor is active at
 * a reading when a task runs or waits, or when any of its counters (accepted, refused,
 * finished, cancelled) moved since the previous reading. So "idle for" is exact to one reading
 * period, and costs the application's threads nothing.
 *
 * <p>Utilization is the busy share of the pool's most threads (active tasks over
 * {@code maximumPoolSize}, or over {@code parallelism} for a {@code ForkJoinPool}), queue fill
 * the share of its queue's capacity in use; each is the mean of the readings of the last
 * interval of {@link #WINDOW} readings, and {@code NaN} where the pool's size (or a bound on its
 * queue) is not known, or has no bound.
 *
 * <p>Concurrency: only the watch's thread calls {@link #observe}; the published results are
 * volatile fields that JMX and reports read from other threads.
 */
public final class Pulse {

    /** Readings per utilization interval. */
    public static final int WINDOW = 5;

    private final long firstSeenMillis;
    private long mark = -1;
    private volatile long lastActivityMillis;
    /** Whether the last reading found nothing running or waiting, and nothing changed since the one before. */
    private volatile boolean quiet;
    private int samples;
    private double busySum;
    private int busySamples;
    private double fillSum;
    private int fillSamples;
    private long rejectedAtStart = -1;
    private volatile double utilization = Double.NaN;
    private volatile double queueFill = Double.NaN;
    private volatile boolean rejecting;
    private volatile int poolSize = -1;
    /** When the readings first found the executor stuck ({@link #stuckMillis}), or -1 while they do not. */
    private volatile long stuckSinceMillis = -1;
    private volatile long stuckQueued;

    Pulse(long nowMillis) {
        this.firstSeenMillis = nowMillis;
        this.lastActivityMillis = nowMillis;
    }

    /** Takes one reading, made at {@code nowMillis}, of an executor not known to be shut down. */
    void observe(ExecutorStatistics s, long nowMillis) {
        observe(s, nowMillis, false);
    }

    /**
     * Takes one reading, made at {@code nowMillis}.
     *
     * @param shutDown whether the executor has been shut down (it may still be finishing its tasks)
     */
    void observe(ExecutorStatistics s, long nowMillis, boolean shutDown) {
        long moved = s.submitted() + s.rejected() + s.executed() + s.cancelled();
        // Stuck: shut down, tasks waiting, no thread to run them, and nothing moved since the last
        // reading. Such a pool never terminates (a ThreadPoolExecutor shut down while a submitter
        // was making its first worker is one: the JDK strands its queue).
        boolean stuck = shutDown && mark >= 0 && moved == mark && s.queued() > 0 && s.active() == 0
                && s.poolSize().isPresent() && s.poolSize().getAsInt() == 0;
        if (!stuck) {
            stuckSinceMillis = -1;
        } else if (stuckSinceMillis < 0) {
            stuckSinceMillis = nowMillis;
        }
        stuckQueued = stuck ? s.queued() : 0;
        boolean busy = (mark >= 0 && moved != mark) || s.active() > 0 || s.queued() > 0;
        if (busy) {
            lastActivityMillis = nowMillis;
        }
        quiet = !busy;
        mark = moved;
        poolSize = s.poolSize().orElse(-1);
        if (rejectedAtStart < 0) {
            rejectedAtStart = s.rejected();
        }
        OptionalInt threads = s.maximumPoolSize().isPresent() ? s.maximumPoolSize() : s.parallelism();
        // Integer.MAX_VALUE: a pool without a bound on its threads (a cached pool), no share to speak of.
        if (threads.isPresent() && threads.getAsInt() > 0 && threads.getAsInt() < Integer.MAX_VALUE) {
            busySum += Math.min(1.0, s.active() / (double) threads.getAsInt());
            busySamples++;
        }
        OptionalInt capacity = s.queueCapacity();
        if (capacity.isPresent() && capacity.getAsInt() > 0) {
            fillSum += Math.min(1.0, s.queued() / (double) capacity.getAsInt());
            fillSamples++;
        }
        if (++samples == WINDOW) {
            utilization = busySamples == WINDOW ? busySum / WINDOW : Double.NaN;
            queueFill = fillSamples == WINDOW ? fillSum / WINDOW : Double.NaN;
            rejecting = s.rejected() > rejectedAtStart;
            samples = 0;
            busySum = 0;
            busySamples = 0;
            fillSum = 0;
            fillSamples = 0;
            rejectedAtStart = s.rejected();
        }
    }

    /**
     * How long the executor has done nothing as of {@code nowMillis} (no task ran, waited, came
     * or went), or -1 when the last reading found it doing something.
     */
    public long idleMillis(long nowMillis) {
        return quiet ? Math.max(0, nowMillis - lastActivityMillis) : -1;
    }

    /**
     * How long the readings have found the executor stuck as of {@code nowMillis} — shut down,
     * with tasks waiting, no thread to run them, nothing moving — or -1 when the last reading did
     * not. Counted from the first reading that did: 0 after one reading, a period after two.
     */
    public long stuckMillis(long nowMillis) {
        long since = stuckSinceMillis;
        return since < 0 ? -1 : Math.max(0, nowMillis - since);
    }

    /** The tasks waiting in a stuck executor at the last reading; 0 when it is not stuck. */
    public long stuckQueued() {
        return stuckQueued;
    }

    /** When the watch first saw the executor. */
    public long firstSeenMillis() {
        return firstSeenMillis;
    }

    /** Busy share of the pool's most threads over the last interval, in [0, 1]; {@code NaN} where unknown. */
    public double utilization() {
        return utilization;
    }

    /**
     * Share of the queue's capacity in use over the last interval, in [0, 1];
     * {@code NaN} where unbounded or unknown.
     */
    public double queueFill() {
        return queueFill;
    }

    /** Whether the executor refused a submission during the last interval. */
    public boolean rejecting() {
        return rejecting;
    }

    /** The pool's threads at the last reading; negative where unknown. */
    public int poolSize() {
        return poolSize;
    }
}
