package example.scenarios;

import io.futurist.SynchronousExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The shape of each kind of pool as the statistics report it: the common pool before anything
 * used it, a {@code ThreadPoolExecutor} with a bounded queue grown to its maximum, a
 * {@code ForkJoinPool} of parallelism 3, a scheduled pool, the {@code Executors} factories'
 * queues, and Futurist's {@code SynchronousExecutor}. Each {@code #stats} line is followed by a
 * {@code #result} line of what the pool itself said at the same moment, where the figure is
 * the JDK's to decide.
 */
public final class ShapeScenario {

    private ShapeScenario() {
    }

    public static void main(String[] args) throws Exception {
        // First of all: the common pool is known before anything used it.
        Report.shape("common-at-start", ForkJoinPool.commonPool());
        Report.result("common-at-start", "parallelism=" + ForkJoinPool.commonPool().getParallelism(),
                "poolSize=" + ForkJoinPool.commonPool().getPoolSize());
        Report.env();
        threadPool();
        forkJoinPool();
        scheduledPool();
        factories();
        SynchronousExecutor direct = new SynchronousExecutor();
        direct.execute(() -> { });
        Report.shape("synchronous", direct);
    }

    private static void threadPool() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 4, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(100));
        Report.shape("tpe-new", pool);
        pool.prestartAllCoreThreads();
        Report.shape("tpe-core", pool);
        // Two tasks hold the core threads, a hundred fill the queue, two more start threads up to the maximum.
        Gate gate = new Gate();
        CountDownLatch coreRunning = new CountDownLatch(2);
        CountDownLatch running = new CountDownLatch(4);
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            tasks.add(pool.submit(() -> { coreRunning.countDown(); running.countDown(); gate.pass(); }));
        }
        coreRunning.await(); // both taken out of the queue by the core threads
        for (int i = 0; i < 100; i++) {
            tasks.add(pool.submit(() -> { }));
        }
        for (int i = 0; i < 2; i++) {
            tasks.add(pool.submit(() -> { running.countDown(); gate.pass(); }));
        }
        running.await();
        Report.shape("tpe-full", pool);
        gate.open();
        for (Future<?> task : tasks) {
            task.get();
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.shape("tpe-terminated", pool);
    }

    private static void forkJoinPool() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(3);
        Report.shape("fjp-new", pool);
        Gate gate = new Gate();
        CountDownLatch running = new CountDownLatch(3);
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(pool.submit(() -> { running.countDown(); gate.pass(); }));
        }
        running.await();
        Report.shape("fjp-busy", pool);
        Report.result("fjp-busy", "poolSize=" + pool.getPoolSize());
        gate.open();
        for (Future<?> task : tasks) {
            task.get();
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    private static void scheduledPool() throws Exception {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2);
        pool.schedule(() -> { }, 0, TimeUnit.MILLISECONDS).get();
        Report.shape("stpe", pool);
        Report.result("stpe", "poolSize=" + pool.getPoolSize(), "largestPoolSize=" + pool.getLargestPoolSize());
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    private static void factories() throws Exception {
        ExecutorService cached = Executors.newCachedThreadPool();
        cached.submit(() -> { }).get();
        Report.shape("cached", cached);
        cached.shutdown();
        ExecutorService fixed = Executors.newFixedThreadPool(3);
        fixed.submit(() -> { }).get();
        Report.shape("fixed", fixed);
        fixed.shutdown();
        ExecutorService single = Executors.newSingleThreadExecutor();
        single.submit(() -> { }).get();
        Report.shape("single", single);
        single.shutdown();
    }
}
