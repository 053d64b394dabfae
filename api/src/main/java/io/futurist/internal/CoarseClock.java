package io.futurist.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A millisecond clock that costs one plain memory read: a value a daemon thread
 * ({@code futurist-clock}) refreshes, for decisions on a task's path that need to know roughly
 * when, not exactly ({@link System#nanoTime()} costs tens of nanoseconds on some machines, more
 * than a no-op task).
 *
 * <p>Design: readers call {@link #ticks()} (a volatile read of a field written once per refresh:
 * the cache line is shared by every reader and changes hands once per refresh). The value is
 * always milliseconds since an origin; how often it is refreshed depends on who uses it:
 * <ul>
 *   <li>every {@value #FINE_MILLIS} ms once a slow-task threshold is set
 *       ({@link #refreshEveryMillisecond()}): thresholds judge untimed runs and waits by this
 *       clock;
 *   <li>every {@value #COARSE_MILLIS} ms otherwise: timing's sampler only needs to notice that
 *       time has passed (a new decision, a new rate estimate every 16 ms).
 * </ul>
 * A thread that wakes every millisecond costs a busy 2-CPU machine far more than its own work:
 * a scheduled pool's task cost about 60 ns more with it running, measured against the same
 * agent without it, and about 15 ns more when it woke every 16 ms (bench/PROFILE.md §28). So
 * the fast refresh is paid only where a threshold needs it.
 *
 * <p>The thread runs only while someone wants it: callers on slower paths say so with
 * {@link #demand()}, which writes only when the wish is not already
 * recorded. A second without demand and the thread ends; the next demand starts a new one. So an
 * idle JVM pays nothing, and after a detach no thread stays behind. While the thread is not
 * running {@link #ticks()} stands still; whoever needs it to move calls {@link #demand()}.
 *
 * <p>Start and stop race safely: the thread clears {@code running} before it looks at
 * {@code wanted} a last time; a demand sets {@code wanted} before it looks at {@code running}.
 * Both are volatile, so at least one of them sees the other's write: either the thread goes on,
 * or a new one is started.
 *
 * <p>The thread is created without inheriting the creating thread's inheritable
 * thread-locals or context class loader: it may be started from inside any application
 * thread, and must keep nothing of it alive.
 */
public final class CoarseClock {

    /** The unit of {@link #ticks()}: a millisecond. */
    public static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How often the value is refreshed once {@link #refreshEveryMillisecond()} was called. */
    private static final int FINE_MILLIS = 1;
    /** How often the value is refreshed otherwise. */
    private static final int COARSE_MILLIS = 16;
    /** Milliseconds without demand after which the thread ends. */
    private static final int IDLE_MILLIS = 1000;
    private static final long ORIGIN = System.nanoTime();

    private static volatile int ticks;
    private static volatile boolean wanted;
    private static volatile boolean running;
    /** Whether the value is refreshed every {@value #FINE_MILLIS} ms; set once, never cleared. */
    private static volatile boolean fine;

    private CoarseClock() {
    }

    /**
     * Milliseconds since an arbitrary origin, as of the last refresh; wraps after 24 days
     * (compare by subtraction). Stands still while nobody has {@link #demand() demanded} the
     * clock for a second.
     */
    public static int ticks() {
        return ticks;
    }

    /**
     * Keeps the clock running for at least another second, starting its thread if need be;
     * refreshed at least every {@value #COARSE_MILLIS} ms.
     */
    public static void demand() {
        if (!wanted) {
            wanted = true;
        }
        if (!running) {
            start();
        }
    }

    /**
     * From now on the value is refreshed every {@value #FINE_MILLIS} ms while the clock runs, not
     * every {@value #COARSE_MILLIS}: for slow-task thresholds, set once at the agent's start.
     */
    public static void refreshEveryMillisecond() {
        fine = true;
    }

    private static synchronized void start() {
        if (running) {
            return;
        }
        ticks = now();
        try {
            Thread thread = new Thread(null, CoarseClock::tick, "futurist-clock", 0, false);
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            thread.start();
            running = true;
        } catch (Throwable refused) {
            // No thread to be had (out of memory, a security manager): the clock stands still,
            // which only slows the adaptation of whoever reads it; the next demand tries again.
        }
    }

    private static void tick() {
        int idle = 0;
        while (true) {
            int period = fine ? FINE_MILLIS : COARSE_MILLIS;
            LockSupport.parkNanos(period * TICK_NANOS);
            ticks = now();
            if (wanted) {
                wanted = false;
                idle = 0;
            } else if ((idle += period) >= IDLE_MILLIS) {
                running = false;
                // A demand() that saw running still true has set wanted first: go on for it.
                if (!wanted || !restart()) {
                    return;
                }
                idle = 0;
            }
        }
    }

    private static synchronized boolean restart() {
        if (running) {
            return false; // demand() started a new thread meanwhile: this one ends
        }
        running = true;
        return true;
    }

    private static int now() {
        return (int) ((System.nanoTime() - ORIGIN) / TICK_NANOS);
    }
}
