package io.futurist.bench;

import java.util.concurrent.CountDownLatch;

/**
 * The task every throughput case submits: optionally busy for a fixed wall time, then counts
 * down its batch's latch.
 *
 * <p>A new instance per submission, as an application's lambda or {@code FutureTask} would be:
 * a pool never sees the same task object twice, and the agent pays for a fresh identity hash
 * each time, as it does in real use. The busy wait reads {@link System#nanoTime()} rather than
 * burning a calibrated amount of CPU, so "1 µs" means the same on every machine and JDK.
 */
final class Work implements Runnable {

    /** Tasks per benchmark operation: scores are divided by it, so they read as tasks per second. */
    static final int BATCH = 1_000;

    private final CountDownLatch batch;
    private final long nanos;

    Work(CountDownLatch batch, long nanos) {
        this.batch = batch;
        this.nanos = nanos;
    }

    @Override
    public void run() {
        busy(nanos);
        batch.countDown();
    }

    /** Spins for {@code nanos} of wall time; returns at once for zero. */
    static void busy(long nanos) {
        if (nanos <= 0) {
            return;
        }
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }
}
