package io.futurist.demo;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A best-effort executor for audit writes: one thread, room for one waiting write, and anything
 * beyond that refused with {@link java.util.concurrent.RejectedExecutionException}, so that a
 * slow audit store can never hold up the pipeline. It keeps its own small tally of the writes it
 * ran, the way many applications instrument a pool by subclassing it.
 */
final class AuditingExecutor extends ThreadPoolExecutor {
    /** How many writes may wait while the single writer is busy. */
    static final int QUEUE_CAPACITY = 1;

    private final ThreadLocal<Long> startedAt = new ThreadLocal<>();
    private final LongAdder completed = new LongAdder();
    private final LongAdder busyNanos = new LongAdder();

    /**
     * @param threadFactory names the single writer thread
     */
    AuditingExecutor(ThreadFactory threadFactory) {
        super(1, 1, 0L, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                threadFactory, new ThreadPoolExecutor.AbortPolicy());
    }

    // Neither hook calls super: ThreadPoolExecutor's versions are empty, and much real code
    // leaves the call out. Monitoring tools must not depend on it.

    @Override
    protected void beforeExecute(Thread worker, Runnable task) {
        startedAt.set(System.nanoTime());
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        Long start = startedAt.get();
        if (start != null) {
            busyNanos.add(System.nanoTime() - start);
            startedAt.remove();
        }
        completed.increment();
    }

    /** How many tasks this executor's worker has finished, by its own hooks' count. */
    long completedByHooks() {
        return completed.sum();
    }

    /** Total time the writer spent in tasks, by its own hooks' measure. */
    long busyNanos() {
        return busyNanos.sum();
    }
}
