package example.scenarios;

import io.futurist.ExecutorStatistics;
import io.futurist.Futurist;
import io.futurist.PoolShape;
import io.futurist.TrackedExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** What the server scenarios ask Futurist about a request pool; loaded only when the API is there. */
final class ServerView {

    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private ServerView() {
    }

    /** The tracked executor of {@code pool} (the only one of its class here), its numbers and shape. */
    static String[] fields(Executor pool) {
        Optional<ExecutorStatistics> statistics = Futurist.statistics(pool);
        if (statistics.isEmpty()) {
            return new String[] {"tracked=false"};
        }
        List<String> fields = new ArrayList<>(List.of("tracked=true"));
        List<TrackedExecutor> ofType = ofType(pool);
        fields.add("count=" + ofType.size());
        if (ofType.size() == 1) {
            TrackedExecutor tracked = ofType.get(0);
            fields.addAll(List.of("name=" + tracked.name(), "type=" + tracked.type(), "site=" + tracked.creationSite(),
                    "alive=" + tracked.alive()));
        }
        ExecutorStatistics s = statistics.get();
        fields.addAll(List.of("submitted=" + s.submitted(), "executed=" + s.executed(), "failures=" + s.failures(),
                "cancelled=" + s.cancelled(), "rejected=" + s.rejected(), "active=" + s.active(),
                "queued=" + s.queued(), "runtimeNanos=" + s.runtime().toNanos(),
                "queueTimeNanos=" + s.queueTime().toNanos(), "timedRuns=" + s.timedRuns()));
        PoolShape shape = s.shape();
        fields.addAll(List.of("poolSize=" + text(shape.poolSize().isPresent(), shape.poolSize().orElse(0)),
                "corePoolSize=" + text(shape.corePoolSize().isPresent(), shape.corePoolSize().orElse(0)),
                "maximumPoolSize=" + text(shape.maximumPoolSize().isPresent(), shape.maximumPoolSize().orElse(0)),
                "largestPoolSize=" + text(shape.largestPoolSize().isPresent(), shape.largestPoolSize().orElse(0)),
                "queueCapacity=" + text(shape.queueCapacity().isPresent(), shape.queueCapacity().orElse(0))));
        return fields.toArray(new String[0]);
    }

    /**
     * Waits until {@code pool} has been given at least {@code expected} tasks (some follow the
     * client's last step asynchronously: a server sees the client close its connection after the
     * client has moved on) and has finished them: nothing queued, no more running than
     * {@code busyForGood} (the pool's own long-running jobs, such as Jetty's selector). Bounded;
     * the test's exact assertions tell whether it got there, and whether more arrived.
     */
    static void awaitQuiet(Executor pool, long busyForGood, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (System.nanoTime() < deadline) {
            Optional<ExecutorStatistics> statistics = Futurist.statistics(pool);
            if (statistics.isEmpty()) {
                return;
            }
            ExecutorStatistics s = statistics.get();
            if (s.submitted() >= expected && s.queued() == 0 && s.active() <= busyForGood) {
                return;
            }
            Thread.sleep(5);
        }
    }

    private static List<TrackedExecutor> ofType(Executor pool) {
        List<TrackedExecutor> found = new ArrayList<>();
        for (TrackedExecutor tracked : Futurist.executors()) {
            if (tracked.type().equals(pool.getClass().getName())) {
                found.add(tracked);
            }
        }
        return found;
    }

    private static String text(boolean present, int value) {
        return present ? Integer.toString(value) : "absent";
    }
}
