package io.futurist;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How many tasks an executor has accepted and not yet finished, kept as two counts that only
 * grow, so that the submitting thread and the task threads do not write the same cache line:
 * entries go to one counter (written by submitters), exits to stripes picked by thread id, each
 * on a line of its own. Whether the count is zero is a read of all of them; it is asked rarely
 * (once the executor is shut down), and it is exact when asked as {@link #isZero()} says.
 *
 * <p>One shared counter, incremented by the submitter and decremented by every task at its
 * end, cost a cache-line transfer between cores per task in the virtual-thread benchmark.
 */
final class InFlightCount {

    /** Longs between two stripes: 128 bytes, so that neighbouring stripes share no line. */
    private static final int SPACING = 16;
    private static final int STRIPES = LatencyHistogram.STRIPES;

    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);

    /** At {@code SPACING}: entries. At {@code (2 + s) * SPACING}: exits counted by stripe {@code s}. */
    private final long[] counts = new long[(STRIPES + 3) * SPACING];

    /** A task enters (before the executor checks whether it is shut down). */
    void enter() {
        COUNT.getAndAdd(counts, SPACING, 1L);
    }

    /**
     * A task that {@link #enter entered} has ended (or was refused). Followed by a read of the
     * executor's shut-down flag, the atomic add makes sure that of this exit and a concurrent
     * shutdown, at least one sees the other.
     */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is Java 19+, and this is the same number.
    void exit() {
        int stripe = (int) Thread.currentThread().getId() & (STRIPES - 1);
        COUNT.getAndAdd(counts, (2 + stripe) * SPACING, 1L);
    }

    /**
     * Whether every task that entered has exited. Exits are read before entries: both only
     * grow, and each task's entry comes before its exit, so equal sums mean that at the moment
     * the exits were read, nothing was in flight and nothing entered until the entries were
     * read. Exact for a caller that has seen the executor shut down (no new task then stays).
     */
    boolean isZero() {
        long exited = 0;
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            exited += (long) COUNT.getVolatile(counts, (2 + stripe) * SPACING);
        }
        return exited == (long) COUNT.getVolatile(counts, SPACING);
    }
}
