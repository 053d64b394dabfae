package io.futurist;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * How big a pool is and may get, read from the executor when a snapshot is taken: the numbers
 * that tell a saturated pool from a quiet one.
 *
 * <p>Every figure is optional: a {@code ForkJoinPool} has a parallelism but no core size, a
 * thread-per-task executor has neither, and a queue without a bound has no capacity. Absent
 * means "does not apply" (or "unbounded", for {@link #queueCapacity()}), never zero.
 *
 * <p>Instances are immutable. {@link #NONE} is the shape of an executor with no pool to speak
 * of (Futurist's {@link SynchronousExecutor}, an executor whose shape could not be read).
 */
public final class PoolShape {

    /** No figure known: the shape of an executor that has none. */
    public static final PoolShape NONE = new PoolShape(-1, -1, -1, -1, -1, -1);

    private final int poolSize;
    private final int corePoolSize;
    private final int maximumPoolSize;
    private final int largestPoolSize;
    private final int queueCapacity;
    private final int parallelism;

    private PoolShape(int poolSize, int corePoolSize, int maximumPoolSize, int largestPoolSize,
                      int queueCapacity, int parallelism) {
        this.poolSize = poolSize;
        this.corePoolSize = corePoolSize;
        this.maximumPoolSize = maximumPoolSize;
        this.largestPoolSize = largestPoolSize;
        this.queueCapacity = queueCapacity;
        this.parallelism = parallelism;
    }

    /**
     * The shape of a thread pool with a core and a maximum size (a {@code ThreadPoolExecutor},
     * Tomcat's or Jetty's request pool).
     *
     * @param queueCapacity the queue's bound, or a negative number or {@link Integer#MAX_VALUE}
     *                      when it has none
     */
    public static PoolShape threadPool(int poolSize, int corePoolSize, int maximumPoolSize,
                                       int largestPoolSize, int queueCapacity) {
        return new PoolShape(poolSize, corePoolSize, maximumPoolSize, largestPoolSize,
                bounded(queueCapacity), -1);
    }

    /** The shape of a {@code ForkJoinPool}: its current threads and its target parallelism; its queues are unbounded. */
    public static PoolShape forkJoinPool(int poolSize, int parallelism) {
        return new PoolShape(poolSize, -1, -1, -1, -1, parallelism);
    }

    /**
     * The shape of an executor that starts a thread per task, optionally bounded (Futurist's
     * {@link GreenExecutor} with a maximum concurrency).
     *
     * @param running        threads running its tasks now
     * @param maximumThreads the most that may run at once, or a negative number when unbounded
     */
    public static PoolShape threadPerTask(int running, int maximumThreads) {
        return new PoolShape(running, -1, maximumThreads < 0 ? -1 : maximumThreads, -1, -1, -1);
    }

    private static int bounded(int capacity) {
        return capacity < 0 || capacity == Integer.MAX_VALUE ? -1 : capacity;
    }

    private static OptionalInt optional(int value) {
        return value < 0 ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /** Threads the pool has now. */
    public OptionalInt poolSize() {
        return optional(poolSize);
    }

    /** Threads the pool keeps even when idle. */
    public OptionalInt corePoolSize() {
        return optional(corePoolSize);
    }

    /** The most threads the pool may have. */
    public OptionalInt maximumPoolSize() {
        return optional(maximumPoolSize);
    }

    /** The most threads the pool ever had at once. */
    public OptionalInt largestPoolSize() {
        return optional(largestPoolSize);
    }

    /** How many tasks the pool's queue can hold; absent when it has no bound. */
    public OptionalInt queueCapacity() {
        return optional(queueCapacity);
    }

    /** A {@code ForkJoinPool}'s target parallelism. */
    public OptionalInt parallelism() {
        return optional(parallelism);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof PoolShape)) {
            return false;
        }
        PoolShape that = (PoolShape) other;
        return poolSize == that.poolSize && corePoolSize == that.corePoolSize
                && maximumPoolSize == that.maximumPoolSize && largestPoolSize == that.largestPoolSize
                && queueCapacity == that.queueCapacity && parallelism == that.parallelism;
    }

    @Override
    public int hashCode() {
        return Objects.hash(poolSize, corePoolSize, maximumPoolSize, largestPoolSize, queueCapacity, parallelism);
    }

    @Override
    public String toString() {
        return "PoolShape{poolSize=" + poolSize() + ", corePoolSize=" + corePoolSize()
                + ", maximumPoolSize=" + maximumPoolSize() + ", largestPoolSize=" + largestPoolSize()
                + ", queueCapacity=" + queueCapacity() + ", parallelism=" + parallelism() + '}';
    }
}
