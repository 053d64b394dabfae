package example.scenarios;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Futures of a {@code ScheduledThreadPoolExecutor} cancelled while they wait an hour in its
 * queue: a one-shot task and a periodic one, with the default policy (the cancelled future
 * stays in the queue until its delay passes) and with {@code removeOnCancelPolicy} (the pool
 * takes it out at once). Each cancelled future must count as cancelled when it is cancelled;
 * what the pool does with it afterwards ({@code purge}, {@code shutdownNow}, termination) must
 * not count it again.
 */
public final class ScheduledCancelScenario {

    private ScheduledCancelScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        cancelWhileQueued("kept", false, false);
        cancelWhileQueued("purged", false, true);
        cancelWhileQueued("removed", true, false);
    }

    private static void cancelWhileQueued(String label, boolean removeOnCancel, boolean purge) throws Exception {
        WorkerThreads workers = new WorkerThreads();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, workers);
        pool.setRemoveOnCancelPolicy(removeOnCancel);
        ScheduledFuture<?> oneShot = pool.schedule(() -> { }, 1, TimeUnit.HOURS);
        ScheduledFuture<?> periodic = pool.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.HOURS);
        ScheduledFuture<?> waiting = pool.schedule(() -> { }, 1, TimeUnit.HOURS);
        Report.stats(label + "-scheduled", pool);
        boolean first = oneShot.cancel(false);
        Report.stats(label + "-one-cancelled", pool);
        boolean second = periodic.cancel(true);
        boolean again = oneShot.cancel(true); // a second cancel changes nothing
        Report.stats(label + "-both-cancelled", pool);
        if (purge) {
            pool.purge();
        }
        Report.stats(label + "-cleared", pool);
        List<Runnable> neverRun = pool.shutdownNow();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        workers.joinAll(); // see TerminationRaceScenario
        Report.stats(label + "-terminated", pool);
        Report.result(label, "cancelled=" + first + "," + second + "," + again, "terminated=" + terminated,
                "neverRun=" + neverRun.size(), "waitingCancelled=" + waiting.isCancelled());
    }
}
