package io.futurist.agent.jmx;

import io.futurist.ExecutorStatistics;
import io.futurist.agent.health.ActivityWatch;
import io.futurist.agent.health.Pulse;
import io.futurist.internal.ExecutorRecord;
import javax.management.AttributeList;
import javax.management.StandardMBean;

/**
 * The MBean of one executor. It refers to the executor's record, never to the executor, so a
 * registered MBean does not keep an executor alive.
 *
 * <p>The attributes a client reads together come from one snapshot: a {@code getAttributes}
 * call (JConsole's, VisualVM's, the {@code stats} command's) reads them all from a snapshot taken
 * for that call, and single reads reuse a snapshot for 100 ms, so that a client reading one
 * attribute after another sees one moment too (unless the 100 ms run out between two reads).
 */
final class ExecutorView extends StandardMBean implements ExecutorMXBean {

    private static final long SNAPSHOT_REUSE_NANOS = 100_000_000L;

    private final ExecutorRecord record;
    private ExecutorStatistics snapshot;
    private long snapshotAt;
    /** While a {@code getAttributes} call reads: its snapshot, whatever its age. */
    private boolean pinned;

    ExecutorView(ExecutorRecord record) {
        super(ExecutorMXBean.class, true);
        this.record = record;
    }

    private synchronized ExecutorStatistics stats() {
        long now = System.nanoTime();
        if (snapshot == null || (!pinned && now - snapshotAt > SNAPSHOT_REUSE_NANOS)) {
            snapshot = record.statistics();
            snapshotAt = now;
        }
        return snapshot;
    }

    @Override
    public synchronized AttributeList getAttributes(String[] attributes) {
        snapshot = record.statistics();
        snapshotAt = System.nanoTime();
        pinned = true;
        try {
            return super.getAttributes(attributes);
        } finally {
            pinned = false;
        }
    }

    @Override
    public long getId() {
        return record.id();
    }

    @Override
    public String getName() {
        return record.name();
    }

    @Override
    public String getType() {
        return record.type();
    }

    @Override
    public String getCreationSite() {
        return record.creationSite();
    }

    @Override
    public boolean isAlive() {
        return record.alive();
    }

    @Override
    public long getSubmitted() {
        return stats().submitted();
    }

    @Override
    public long getRejected() {
        return stats().rejected();
    }

    @Override
    public long getExecuted() {
        return stats().executed();
    }

    @Override
    public long getFailures() {
        return stats().failures();
    }

    @Override
    public long getCancelled() {
        return stats().cancelled();
    }

    @Override
    public long getActive() {
        return stats().active();
    }

    @Override
    public long getQueued() {
        return stats().queued();
    }

    @Override
    public long getRuntimeNanos() {
        return stats().runtime().toNanos();
    }

    @Override
    public long getAverageRuntimeNanos() {
        return stats().averageRuntime().toNanos();
    }

    @Override
    public long getRuntimeP50Nanos() {
        return stats().runtimePercentile(50).toNanos();
    }

    @Override
    public long getRuntimeP99Nanos() {
        return stats().runtimePercentile(99).toNanos();
    }

    @Override
    public long getMaxRuntimeNanos() {
        return stats().maxRuntime().toNanos();
    }

    @Override
    public long getQueueTimeNanos() {
        return stats().queueTime().toNanos();
    }

    @Override
    public long getAverageQueueTimeNanos() {
        return stats().averageQueueTime().toNanos();
    }

    @Override
    public long getQueueTimeP99Nanos() {
        return stats().queueTimePercentile(99).toNanos();
    }

    @Override
    public double getUtilization() {
        Pulse pulse = pulse();
        return pulse == null ? Double.NaN : pulse.utilization();
    }

    @Override
    public double getQueueFill() {
        Pulse pulse = pulse();
        return pulse == null ? Double.NaN : pulse.queueFill();
    }

    @Override
    public boolean isRejecting() {
        Pulse pulse = pulse();
        return pulse != null && pulse.rejecting();
    }

    @Override
    public long getIdleMillis() {
        ActivityWatch watch = ActivityWatch.current();
        Pulse pulse = watch == null ? null : watch.pulse(record.id());
        return pulse == null ? -1 : pulse.idleMillis(watch.now());
    }

    /** What the agent's reader has seen of this executor, or {@code null}. */
    private Pulse pulse() {
        ActivityWatch watch = ActivityWatch.current();
        return watch == null ? null : watch.pulse(record.id());
    }
}
