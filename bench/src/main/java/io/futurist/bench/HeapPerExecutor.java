package io.futurist.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Heap per executor, run in a child JVM with or without the agent: creates {@code count}
 * {@code ThreadPoolExecutor}s and keeps them reachable, and prints the growth of the used heap
 * after GC divided by {@code count}. {@code idle}: executors never used; {@code used}: each
 * ran one task, and its worker has timed out and left (so only the pool and what Futurist keeps
 * for it remain). The difference between runs with and without the agent is what tracking costs.
 *
 * <p>Usage: {@code HeapPerExecutor idle|used count}. Prints {@code key=value} lines.
 */
public final class HeapPerExecutor {

    /** Time for the agent's JMX publisher (one pass a second) to have seen every executor. */
    private static final long PUBLISHER_PASS_MILLIS = 1_500;

    private HeapPerExecutor() {
    }

    public static void main(String[] args) throws Exception {
        boolean used = "used".equals(args[0]);
        int count = Integer.parseInt(args[1]);
        int threads = Thread.activeCount();
        // Warm up: load and compile everything the measured executors will need, then let it go.
        create(Math.min(200, count), used);
        Heap.awaitThreads(threads, 5_000);
        Thread.sleep(PUBLISHER_PASS_MILLIS);
        long before = Heap.usedAfterGc();

        ThreadPoolExecutor[] kept = create(count, used);
        Heap.awaitThreads(threads, 10_000);
        Thread.sleep(PUBLISHER_PASS_MILLIS);
        long after = Heap.usedAfterGc();
        System.out.println("executors=" + kept.length);
        System.out.println("heapBefore=" + before);
        System.out.println("heapAfter=" + after);
        System.out.println("bytesPerExecutor=" + (after - before) / count);
        System.out.println("threadsLeft=" + (Thread.activeCount() - threads));
        java.lang.ref.Reference.reachabilityFence(kept);
    }

    private static ThreadPoolExecutor[] create(int count, boolean used) throws InterruptedException, ExecutionException {
        ThreadPoolExecutor[] pools = new ThreadPoolExecutor[count];
        for (int i = 0; i < count; i++) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
            pool.allowCoreThreadTimeOut(true);
            if (used) {
                pool.submit(() -> Work.busy(1_000)).get();
            }
            pools[i] = pool;
        }
        return pools;
    }
}
