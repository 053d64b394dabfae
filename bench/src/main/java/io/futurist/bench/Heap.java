package io.futurist.bench;

import java.lang.management.ManagementFactory;

/** Used heap after garbage collection, for the child JVMs that measure memory. */
final class Heap {

    private Heap() {
    }

    /** Collects until the used heap stops shrinking, then returns it in bytes. */
    static long usedAfterGc() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            System.gc();
            Thread.sleep(50);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (round >= 2 && used >= previous - 1024) {
                return Math.min(used, previous);
            }
            previous = Math.min(previous, used);
        }
        return previous;
    }

    /** Waits until at most {@code threads} live threads remain, or {@code millis} have passed. */
    static void awaitThreads(int threads, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (Thread.activeCount() > threads && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }
}
