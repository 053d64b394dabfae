package example.scenarios;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A quiet pool and two busy ones, for the agent's {@code timing} option.
 *
 * <ul>
 *   <li>{@code quiet}: a two-thread pool fed {@value #QUIET_TASKS} tasks, one every 2 ms at most
 *       (a fixed-delay timer submits them, so a late tick never catches up in a burst): far
 *       below the rate at which adaptive timing starts to sample.</li>
 *   <li>{@code busy}: a two-thread pool fed {@value #BUSY_TASKS} no-op tasks as fast as one
 *       thread can submit them.</li>
 *   <li>{@code actors}: a fork/join pool in which {@value #CHAINS} chains of tiny tasks each
 *       submit the next from inside the pool, {@value #BUSY_TASKS} tasks in all.</li>
 * </ul>
 * Each pool is shut down and awaited before its {@code #stats} line is printed.
 */
public final class TimingScenario {

    static final int QUIET_TASKS = 150;
    static final int BUSY_TASKS = 200_000;
    static final int CHAINS = 4;
    static final int STAGES = 100_000;
    static final int FAILING_EVERY = 10;

    private TimingScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        quiet();
        busy();
        actors();
        stages();
    }

    private static void quiet() throws InterruptedException {
        ThreadPoolExecutor pool = twoThreads();
        ScheduledExecutorService timer = new ScheduledThreadPoolExecutor(1);
        CountDownLatch done = new CountDownLatch(QUIET_TASKS);
        AtomicInteger submitted = new AtomicInteger();
        ScheduledFuture<?> feeding = timer.scheduleWithFixedDelay(() -> {
            if (submitted.getAndIncrement() < QUIET_TASKS) {
                pool.execute(done::countDown);
            }
        }, 0, 2, TimeUnit.MILLISECONDS);
        done.await();
        feeding.cancel(false);
        timer.shutdown();
        finish("quiet", pool);
    }

    private static void busy() throws InterruptedException {
        ThreadPoolExecutor pool = twoThreads();
        Runnable nothing = () -> { };
        for (int i = 0; i < BUSY_TASKS; i++) {
            pool.execute(nothing);
        }
        finish("busy", pool);
    }

    private static void actors() throws InterruptedException {
        ForkJoinPool pool = new ForkJoinPool(2);
        CountDownLatch done = new CountDownLatch(CHAINS);
        for (int c = 0; c < CHAINS; c++) {
            pool.execute(new Hop(pool, BUSY_TASKS / CHAINS, done));
        }
        done.await();
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        Report.stats("actors", pool);
    }

    private static void stages() throws InterruptedException {
        ForkJoinPool pool = new ForkJoinPool(2);
        CountDownLatch done = new CountDownLatch(STAGES);
        for (int i = 0; i < STAGES; i++) {
            boolean fails = i % FAILING_EVERY == 0;
            CompletableFuture<?> stage = i % 2 == 0
                    ? CompletableFuture.runAsync(() -> fail(fails), pool)
                    : CompletableFuture.supplyAsync(() -> fail(fails), pool);
            stage.whenComplete((result, failure) -> done.countDown());
        }
        done.await();
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        Report.stats("stages", pool);
    }

    private static int fail(boolean fails) {
        if (fails) {
            throw new IllegalStateException("a failing stage, on purpose");
        }
        return 1;
    }

    private static ThreadPoolExecutor twoThreads() {
        return new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
    }

    private static void finish(String label, ThreadPoolExecutor pool) throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        Report.stats(label, pool);
    }

    /** One message of a chain: hands the next one to the pool, from inside it. */
    private static final class Hop implements Runnable {
        private final ForkJoinPool pool;
        private final int left;
        private final CountDownLatch done;

        Hop(ForkJoinPool pool, int left, CountDownLatch done) {
            this.pool = pool;
            this.left = left;
            this.done = done;
        }

        @Override
        public void run() {
            if (left > 1) {
                pool.execute(new Hop(pool, left - 1, done));
            } else {
                done.countDown();
            }
        }
    }
}
