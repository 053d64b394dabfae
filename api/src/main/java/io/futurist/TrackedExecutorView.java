package io.futurist;

import java.util.List;

/**
 * What {@link Futurist#executors()} hands out: a read-only window on the registry's record of
 * one executor.
 *
 * <p>Why not the record itself: the record also carries what the agent and Futurist's own
 * executors change (shutting down, restarting, naming, the recorder), and a cast would reach
 * it. This class forwards the reads of {@link TrackedExecutor} and has no other public method,
 * so nothing handed to an application can change the agent's state. Two views of the same
 * record are equal, so lists taken at different times can be compared.
 */
final class TrackedExecutorView implements TrackedExecutor {

    private final TrackedExecutor record;

    TrackedExecutorView(TrackedExecutor record) {
        this.record = record;
    }

    @Override
    public long id() {
        return record.id();
    }

    @Override
    public String name() {
        return record.name();
    }

    @Override
    public String type() {
        return record.type();
    }

    @Override
    public String creationSite() {
        return record.creationSite();
    }

    @Override
    public List<String> creationStack() {
        return record.creationStack();
    }

    @Override
    public boolean alive() {
        return record.alive();
    }

    @Override
    public ExecutorStatistics statistics() {
        return record.statistics();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrackedExecutorView && ((TrackedExecutorView) other).record == record;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(record);
    }

    @Override
    public String toString() {
        return record.toString();
    }
}
