package example.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An "application" that {@link LeakScenario} loads in a class loader of its own, runs once and
 * then drops, as a server drops a redeployed web application: it builds executors, runs its own
 * task classes on them (and on the common pool), shuts most down and abandons one that has no
 * thread left. Nothing it made may keep its class loader alive afterwards.
 *
 * <p>Names only JDK classes, so that it links in a loader whose parent is the platform loader.
 */
public final class RedeployedApp {

    private RedeployedApp() {
    }

    /** Runs the application; returns a checksum of its results. */
    public static long run() throws Exception {
        long sum = 0;
        ThreadPoolExecutor fixed = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1);
        ForkJoinPool forkJoin = new ForkJoinPool(2);
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long value = i;
            futures.add(fixed.submit(new Work(value)));
            futures.add(scheduled.schedule(new Work(value), 0, TimeUnit.MILLISECONDS));
            futures.add(forkJoin.submit(new Work(value)));
        }
        for (Future<Long> future : futures) {
            sum += future.get();
        }
        sum += CompletableFuture.supplyAsync(() -> 7L, ForkJoinPool.commonPool()).thenApplyAsync(v -> v * 2, fixed).get();
        for (ExecutorService pool : List.of(fixed, scheduled, forkJoin)) {
            pool.shutdown();
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("did not terminate: " + pool);
            }
        }
        // Abandoned, never shut down: its only thread times out and leaves.
        ThreadPoolExecutor abandoned = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>());
        abandoned.allowCoreThreadTimeOut(true);
        sum += abandoned.submit(new Work(1)).get();
        return sum;
    }

    /** A task class of this application. */
    static final class Work implements java.util.concurrent.Callable<Long> {
        private final long value;

        Work(long value) {
            this.value = value;
        }

        @Override
        public Long call() {
            return value * 3;
        }
    }
}
