package io.futurist.agent.report;

import io.futurist.ExecutorStatistics;
import io.futurist.TrackedExecutor;

/**
 * One executor's numbers at one moment, as plain values: what the exit report, the table and
 * the JSON of {@code stats} print, whether read in-process or over JMX.
 */
public final class ExecutorRow {

    final long id;
    final String name;
    final String type;
    final String creationSite;
    final boolean alive;
    final long submitted;
    final long executed;
    final long failures;
    final long cancelled;
    final long rejected;
    final long active;
    final long queued;
    final long runtimeNanos;
    final long averageRuntimeNanos;
    final long queueTimeNanos;
    final long averageQueueTimeNanos;
    final long runtimeP50Nanos;
    final long runtimeP99Nanos;
    final long maxRuntimeNanos;

    /** All values, in the order of the JSON of DESIGN §4 (plus the average queue time). */
    public ExecutorRow(long id, String name, String type, String creationSite, boolean alive, long submitted,
                       long executed, long failures, long cancelled, long rejected, long active, long queued,
                       long runtimeNanos, long averageRuntimeNanos, long queueTimeNanos, long averageQueueTimeNanos,
                       long runtimeP50Nanos, long runtimeP99Nanos, long maxRuntimeNanos) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.creationSite = creationSite;
        this.alive = alive;
        this.submitted = submitted;
        this.executed = executed;
        this.failures = failures;
        this.cancelled = cancelled;
        this.rejected = rejected;
        this.active = active;
        this.queued = queued;
        this.runtimeNanos = runtimeNanos;
        this.averageRuntimeNanos = averageRuntimeNanos;
        this.queueTimeNanos = queueTimeNanos;
        this.averageQueueTimeNanos = averageQueueTimeNanos;
        this.runtimeP50Nanos = runtimeP50Nanos;
        this.runtimeP99Nanos = runtimeP99Nanos;
        this.maxRuntimeNanos = maxRuntimeNanos;
    }

    /** The row of a tracked executor, from one snapshot of its statistics. */
    public static ExecutorRow of(TrackedExecutor executor) {
        return of(executor.id(), executor.name(), executor.type(), executor.creationSite(), executor.alive(),
                executor.statistics());
    }

    /** The row of an executor with this identity and these statistics. */
    public static ExecutorRow of(long id, String name, String type, String creationSite, boolean alive,
                                 ExecutorStatistics s) {
        return new ExecutorRow(id, name, type, creationSite, alive, s.submitted(), s.executed(), s.failures(), s.cancelled(), s.rejected(),
                s.active(), s.queued(), s.runtime().toNanos(), s.averageRuntime().toNanos(),
                s.queueTime().toNanos(), s.averageQueueTime().toNanos(), s.runtimePercentile(50).toNanos(),
                s.runtimePercentile(99).toNanos(), s.maxRuntime().toNanos());
    }

    /** This row as a JSON object with the field names of DESIGN §4. */
    public String toJson() {
        return "{\"id\":" + id + ",\"name\":" + Json.string(name) + ",\"type\":" + Json.string(type)
                + ",\"creationSite\":" + Json.string(creationSite) + ",\"alive\":" + alive
                + ",\"submitted\":" + submitted + ",\"executed\":" + executed + ",\"failures\":" + failures
                + ",\"cancelled\":" + cancelled + ",\"rejected\":" + rejected + ",\"active\":" + active
                + ",\"queued\":" + queued + ",\"runtimeNanos\":" + runtimeNanos
                + ",\"averageRuntimeNanos\":" + averageRuntimeNanos + ",\"queueTimeNanos\":" + queueTimeNanos
                + ",\"averageQueueTimeNanos\":" + averageQueueTimeNanos
                + ",\"runtimeP50Nanos\":" + runtimeP50Nanos + ",\"runtimeP99Nanos\":" + runtimeP99Nanos
                + ",\"maxRuntimeNanos\":" + maxRuntimeNanos + "}";
    }

    /** The executor's id. */
    public long id() {
        return id;
    }
}
