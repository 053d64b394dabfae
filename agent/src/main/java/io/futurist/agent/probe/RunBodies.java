package io.futurist.agent.probe;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * Tells whether the body of a {@code FutureTask} that a pool worker runs really started.
 *
 * <p>Why: a worker decides that a task runs when it takes it from the queue, but a
 * {@code FutureTask} can still be cancelled between that moment and the start of its callable
 * — by another thread, or by itself: a {@code ScheduledThreadPoolExecutor} task that finds its
 * pool shut down cancels itself inside {@code run()} instead of running. Such a task never ran
 * and must be counted as cancelled, not executed, yet from outside both end as a cancelled
 * future. So the {@code callable.call()} inside {@code FutureTask.run()} and
 * {@code runAndReset()} is replaced by {@link #call(Callable)}, which marks the current
 * thread's run as started just before the callable is entered.
 *
 * <p>The mark is one {@code boolean} per thread, armed by the worker only around runs of
 * tracked futures; a nested future run inside a task's body saves and restores it. When the
 * substitution is not in place (it failed to install), nothing can be told, and every run is
 * taken as started — the behaviour without this class.
 */
public final class RunBodies {

    private static final ThreadLocal<boolean[]> STARTED = new ThreadLocal<>();

    /**
     * Whether {@code FutureTask}'s callable calls really arrive here: learnt once by running a
     * future of our own on the thread that first needs to know.
     */
    private static final boolean WORKING = calibrate();

    private RunBodies() {
    }

    /**
     * Replaces {@code callable.call()} inside {@code FutureTask.run()} and
     * {@code runAndReset()}: marks the body as started, then calls it exactly as before.
     */
    public static Object call(Callable<?> callable) throws Exception {
        boolean[] started = STARTED.get();
        if (started != null) {
            started[0] = true;
        }
        return callable.call();
    }

    /**
     * Arms the current thread's mark before a worker runs {@code task}.
     *
     * @return the mark — slot 0: whether the body started, slot 1: the enclosing run's slot 0,
     *         which the caller gives back after the run — or {@code null} when {@code task} is
     *         not a {@code FutureTask} or nothing can be told
     */
    static boolean[] arm(Object task) {
        if (!WORKING || !(task instanceof FutureTask)) {
            return null;
        }
        boolean[] started = STARTED.get();
        if (started == null) {
            started = new boolean[2];
            STARTED.set(started);
        }
        // Slot 1 keeps the mark of an enclosing run (a future run inside another task's body).
        started[1] = started[0];
        started[0] = false;
        return started;
    }

    private static boolean calibrate() {
        boolean[] started = STARTED.get();
        boolean installed = started == null;
        if (installed) {
            started = new boolean[2];
            STARTED.set(started);
        }
        boolean saved = started[0];
        started[0] = false;
        try {
            new FutureTask<>(new Nothing()).run();
            return started[0];
        } catch (Throwable unexpected) {
            return false;
        } finally {
            started[0] = saved;
            if (installed) {
                STARTED.remove();
            }
        }
    }

    /** The callable of the calibration run (a class, not a lambda: this runs inside the JDK's own executor code). */
    private static final class Nothing implements Callable<Object> {
        @Override
        public Object call() {
            return null;
        }
    }
}
