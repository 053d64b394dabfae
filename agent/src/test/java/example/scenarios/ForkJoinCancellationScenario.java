package example.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tasks that leave a {@code ForkJoinPool} without running. Both workers of a
 * {@code new ForkJoinPool(2)} are held at a gate (a latch wait, which the pool does not
 * compensate with a spare worker), so whatever is submitted meanwhile stays queued: some of it
 * is cancelled with {@code cancel(false)} and {@code cancel(true)} and the rest runs after
 * {@code shutdown}; in a second pool the queued tasks are dropped by {@code shutdownNow}. Last,
 * tasks cancelled while they run, which are runs all the same.
 *
 * <p>The scenario never joins a queued task before cancelling it: an outside thread that
 * joins may take the task out of the queue and run it itself.
 */
public final class ForkJoinCancellationScenario {

    /** Tasks queued behind the held workers in each pool. */
    public static final int QUEUED = 6;
    /** Of those, the ones the first pool cancels. */
    public static final int CANCELLED = 4;

    private ForkJoinCancellationScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        cancelledBeforeStart();
        droppedByShutdownNow();
        cancelledWhileRunning();
    }

    private static void cancelledBeforeStart() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        Gate gate = new Gate();
        List<ForkJoinTask<?>> held = HeldWorkers.hold(pool, 2, gate);
        LongAdder ran = new LongAdder();
        List<ForkJoinTask<?>> queued = new ArrayList<>();
        for (int i = 0; i < QUEUED; i++) {
            queued.add(i % 2 == 0 ? pool.submit(ran::increment) : pool.submit(new Counting(ran)));
        }
        Report.stats("cancel-held", pool);
        // Even indexes are submit(Runnable)'s adapters, odd ones RecursiveActions.
        boolean cancelFalse = queued.get(0).cancel(false);
        boolean cancelTrue = queued.get(2).cancel(true);
        boolean actionFalse = queued.get(1).cancel(false);
        boolean actionTrue = queued.get(3).cancel(true);
        Report.stats("cancel-cancelled", pool);
        // shutdown, unlike shutdownNow, lets the queued tasks run.
        pool.shutdown();
        Report.stats("cancel-shutdown", pool);
        gate.open();
        for (ForkJoinTask<?> task : held) {
            task.join();
        }
        int done = 0;
        for (ForkJoinTask<?> task : queued) {
            if (!task.isCancelled()) {
                task.join();
                done++;
            }
        }
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("cancel", pool);
        Report.result("cancel", "terminated=" + terminated, "cancelFalse=" + cancelFalse, "cancelTrue=" + cancelTrue,
                "actionFalse=" + actionFalse, "actionTrue=" + actionTrue, "done=" + done, "ran=" + ran.sum(),
                "cancelledSeen=" + countCancelled(queued));
    }

    private static void droppedByShutdownNow() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        Gate gate = new Gate();
        List<ForkJoinTask<?>> held = HeldWorkers.hold(pool, 2, gate);
        LongAdder ran = new LongAdder();
        List<ForkJoinTask<?>> queued = new ArrayList<>();
        for (int i = 0; i < QUEUED; i++) {
            if (i % 3 == 0) {
                Counting action = new Counting(ran);
                pool.execute(action);
                queued.add(action);
            } else {
                queued.add(pool.submit(ran::increment));
            }
        }
        Report.stats("shutdownNow-held", pool);
        int returned = pool.shutdownNow().size();
        Report.stats("shutdownNow-dropped", pool);
        gate.open();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        int heldDone = 0;
        for (ForkJoinTask<?> task : held) {
            heldDone += task.isDone() && !task.isCompletedAbnormally() ? 1 : 0;
        }
        Report.stats("shutdownNow", pool);
        Report.result("shutdownNow", "terminated=" + terminated, "returned=" + returned, "heldDone=" + heldDone,
                "ran=" + ran.sum(), "cancelledSeen=" + countCancelled(queued));
    }

    /**
     * A task cancelled while it runs (the JDK lets {@code cancel} succeed on a running task; the
     * body goes on to its end): it ran, so it is executed, not cancelled — whether the pool is
     * still alive when the run ends, or was shut down meanwhile (as happens when an
     * application shuts a pool down right after {@code invokeAny}, which cancels the losers).
     */
    private static void cancelledWhileRunning() throws Exception {
        ForkJoinPool alive = new ForkJoinPool(1);
        Gate gate = new Gate();
        ForkJoinTask<?> running = HeldWorkers.hold(alive, 1, gate).get(0);
        boolean cancelled = running.cancel(false);
        gate.open();
        boolean quiet = alive.awaitQuiescence(30, TimeUnit.SECONDS);
        Report.stats("runningCancelled-alive-ended", alive);
        alive.shutdown();
        boolean terminated = alive.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("runningCancelled-alive", alive);
        Report.result("runningCancelled-alive", "terminated=" + terminated, "quiet=" + quiet, "cancelled=" + cancelled,
                "isCancelled=" + running.isCancelled());

        ForkJoinPool shutDown = new ForkJoinPool(1);
        Gate second = new Gate();
        ForkJoinTask<?> stillRunning = HeldWorkers.hold(shutDown, 1, second).get(0);
        boolean cancelledToo = stillRunning.cancel(false);
        shutDown.shutdown();
        second.open();
        terminated = shutDown.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("runningCancelled-shutdown", shutDown);
        Report.result("runningCancelled-shutdown", "terminated=" + terminated, "cancelled=" + cancelledToo,
                "isCancelled=" + stillRunning.isCancelled());
    }

    private static int countCancelled(List<ForkJoinTask<?>> tasks) {
        int cancelled = 0;
        for (ForkJoinTask<?> task : tasks) {
            cancelled += task.isCancelled() ? 1 : 0;
        }
        return cancelled;
    }

    /** Counts its run. */
    static final class Counting extends RecursiveAction {
        private final LongAdder ran;

        Counting(LongAdder ran) {
            this.ran = ran;
        }

        @Override
        protected void compute() {
            ran.increment();
        }
    }
}
