package example.scenarios;

import io.futurist.ExecutorStatistics;
import io.futurist.Futurist;
import io.futurist.TrackedExecutor;
import java.util.concurrent.Executor;

/** What {@link ExportScenario} asks Futurist's API: loaded only when the agent is there. */
final class ExportView {

    private ExportView() {
    }

    /**
     * Waits (bounded) until Futurist shows {@code executor} running nothing: the JDK counts a
     * task completed a moment before the agent's record of its run is closed.
     */
    static void awaitSettled(Executor executor) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Futurist.statistics(executor).map(s -> s.active() == 0).orElse(true)) {
                return;
            }
            Thread.sleep(1); // waiting for the last afterExecute, a condition, not a timing
        }
        throw new IllegalStateException("not settled: " + Futurist.statistics(executor).orElseThrow());
    }

    /** Every executor Futurist tracks now, as name@creation site, sorted. */
    static String[] executors() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (TrackedExecutor tracked : Futurist.executors()) {
            names.add(tracked.name() + "@" + tracked.creationSite());
        }
        java.util.Collections.sort(names);
        return new String[] {"count=" + names.size(), "names=" + String.join(",", names)};
    }

    /** The identity and every number the exporters show, of the one tracked executor named {@code name}. */
    static String[] exported(String name) {
        for (TrackedExecutor tracked : Futurist.executors()) {
            if (tracked.name().equals(name)) {
                ExecutorStatistics s = tracked.statistics();
                return new String[] {"id=" + tracked.id(), "name=" + tracked.name(), "type=" + tracked.type(),
                        "submitted=" + s.submitted(), "executed=" + s.executed(), "failures=" + s.failures(),
                        "cancelled=" + s.cancelled(), "rejected=" + s.rejected(), "active=" + s.active(),
                        "queued=" + s.queued(), "runtimeNanos=" + s.runtime().toNanos(),
                        "queueTimeNanos=" + s.queueTime().toNanos(), "maxRuntimeNanos=" + s.maxRuntime().toNanos(),
                        "timedRuns=" + s.timedRuns(), "timedQueueWaits=" + s.timedQueueWaits(),
                        "averageRuntimeNanos=" + s.averageRuntime().toNanos(),
                        "runtimeP99Nanos=" + s.runtimePercentile(99).toNanos()};
            }
        }
        return new String[] {"count=0"};
    }
}
