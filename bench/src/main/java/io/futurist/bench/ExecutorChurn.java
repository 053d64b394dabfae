package io.futurist.bench;

import io.futurist.Futurist;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Executor churn under the agent, run in a child JVM: creates {@code count} executors one after
 * another, uses most of them and shuts them down, abandons the rest without shutdown, and
 * prints the used heap after GC and the number of executors Futurist lists, before and after.
 *
 * <p>The mix, by {@code i % 10}: 0–2 a fixed pool runs a task and is shut down; 3 the same with
 * {@code shutdownNow} and a task still queued; 4 a scheduled pool runs a one-shot and is shut
 * down; 5 a scheduled pool with a task an hour away, {@code shutdownNow}; 6 a ForkJoinPool
 * runs a task and is shut down; 7 a pool never used, abandoned; 8 a pool whose worker times
 * out runs a task and is abandoned; 9 {@code Executors.newSingleThreadExecutor()} never used,
 * abandoned. Before the measured run a warm-up of {@value #WARM_UP} executors of the same mix
 * loads and compiles what the run needs; both baselines are printed.
 *
 * <p>Usage: {@code ExecutorChurn count}. Prints {@code key=value} lines.
 */
public final class ExecutorChurn {

    static final int WARM_UP = 2_000;
    /** Time for the agent's JMX publisher (one pass a second) to drop terminated and collected executors. */
    private static final long PUBLISHER_PASS_MILLIS = 2_500;

    private ExecutorChurn() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int threads = Thread.activeCount();
        long cold = Heap.usedAfterGc();
        int coldExecutors = Futurist.executors().size();

        churn(WARM_UP);
        settle(threads);
        long before = Heap.usedAfterGc();
        int executorsBefore = Futurist.executors().size();

        long started = System.nanoTime();
        churn(count);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        settle(threads);
        int executorsAfter = Futurist.executors().size();
        long after = Heap.usedAfterGc();

        System.out.println("agentActive=" + Futurist.isAgentActive());
        System.out.println("executorsChurned=" + count);
        System.out.println("churnSeconds=" + seconds);
        System.out.println("heapCold=" + cold);
        System.out.println("executorsCold=" + coldExecutors);
        System.out.println("heapBefore=" + before);
        System.out.println("executorsBefore=" + executorsBefore);
        System.out.println("heapAfter=" + after);
        System.out.println("executorsAfter=" + executorsAfter);
        System.out.println("threadsLeft=" + (Thread.activeCount() - threads));
    }

    private static void settle(int threads) throws InterruptedException {
        Heap.awaitThreads(threads, 30_000);
        Heap.usedAfterGc();
        Thread.sleep(PUBLISHER_PASS_MILLIS);
    }

    private static void churn(int count) throws Exception {
        Runnable noop = () -> { };
        for (int i = 0; i < count; i++) {
            switch (i % 10) {
                case 0: case 1: case 2: {
                    ExecutorService pool = Executors.newFixedThreadPool(1);
                    pool.submit(noop).get();
                    pool.shutdown();
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                    break;
                }
                case 3: {
                    ExecutorService pool = Executors.newFixedThreadPool(1);
                    pool.submit(noop).get();
                    pool.submit(() -> Work.busy(10_000));
                    pool.submit(noop);
                    pool.shutdownNow();
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                    break;
                }
                case 4: {
                    ScheduledExecutorService pool = Executors.newScheduledThreadPool(1);
                    pool.schedule(noop, 0, TimeUnit.NANOSECONDS).get();
                    pool.shutdown();
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                    break;
                }
                case 5: {
                    ScheduledExecutorService pool = Executors.newScheduledThreadPool(1);
                    pool.schedule(noop, 1, TimeUnit.HOURS);
                    pool.shutdownNow();
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                    break;
                }
                case 6: {
                    ForkJoinPool pool = new ForkJoinPool(1);
                    pool.submit(noop).get();
                    pool.shutdown();
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                    break;
                }
                case 7:
                    new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
                    break;
                case 8: {
                    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
                    pool.allowCoreThreadTimeOut(true);
                    pool.submit(noop).get();
                    break;
                }
                default:
                    Executors.newSingleThreadExecutor();
                    break;
            }
        }
    }
}
