package io.futurist.agent.export;

import io.futurist.ExecutorStatistics;
import io.futurist.Futurist;
import io.futurist.TrackedExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * What the exporters (Prometheus, JFR) show: the executors that are live — not shut down, or
 * shut down with work still running or queued — each with one snapshot of its statistics, so
 * that all the numbers an exporter gives for one executor agree. An executor that has shut down
 * and finished its work drops out, as it would on terminating; one that was collected is gone
 * from the lookup already.
 */
public final class LiveExecutors {

    private LiveExecutors() {
    }

    /** The live executors now, in order of discovery. */
    public static List<Snapshot> now() {
        return among(Futurist.executors());
    }

    /** The live ones of {@code executors}. */
    static List<Snapshot> among(List<TrackedExecutor> executors) {
        List<Snapshot> live = new ArrayList<>();
        for (TrackedExecutor executor : executors) {
            Snapshot snapshot = Snapshot.of(executor);
            ExecutorStatistics statistics = snapshot.statistics();
            if (snapshot.alive() || statistics.active() > 0 || statistics.queued() > 0) {
                live.add(snapshot);
            }
        }
        return live;
    }

    /** One executor and its statistics as read once. */
    public static final class Snapshot {
        private final TrackedExecutor executor;
        private final boolean alive;
        private final ExecutorStatistics statistics;

        private Snapshot(TrackedExecutor executor, boolean alive, ExecutorStatistics statistics) {
            this.executor = executor;
            this.alive = alive;
            this.statistics = statistics;
        }

        /** {@code executor} as it is now: whether alive, then its statistics. */
        public static Snapshot of(TrackedExecutor executor) {
            boolean alive = executor.alive();
            return new Snapshot(executor, alive, executor.statistics());
        }

        /** The executor's identity (its statistics: {@link #statistics()}, read once). */
        public TrackedExecutor executor() {
            return executor;
        }

        /** Whether it was alive (not shut down) when read. */
        public boolean alive() {
            return alive;
        }

        /** Its statistics as read once. */
        public ExecutorStatistics statistics() {
            return statistics;
        }
    }
}
