package example.scenarios;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scheduled one-shots racing everything that can account for them: the runs that start them,
 * {@code cancel} (with and without {@code removeOnCancelPolicy}), {@code shutdown} (whose
 * policy drops the delayed ones) or {@code shutdownNow} (whose list takes the queued ones), and
 * refusals once the pool is shut down. Under {@code timing=off} (and under {@code adaptive}
 * once the pool is busy) the agent keeps such a task's token in the task itself rather than in
 * a pending entry; either way every count must be exactly what the callers and the tasks saw.
 *
 * <ul>
 *   <li>{@code race}: {@value #ROUNDS} rounds, each with a fresh two-worker pool and three
 *       submitters (no-op tasks due now, failing callables due now, no-op tasks an hour away of
 *       which every other one is cancelled at once); this thread shuts the pool down once the
 *       first tasks are in. Prints {@code #result race} with the rounds whose books disagreed
 *       with what was seen, and the first of them.</li>
 *   <li>{@code unseen}: one-shots an hour away taken out of the queue behind the pool's back
 *       ({@code getQueue().clear()}), then the pool shut down: they never ran, so once it has
 *       terminated they count as cancelled. Prints {@code #stats unseen}.</li>
 * </ul>
 */
public final class ScheduledRaceScenario {

    /** Rounds of the race. */
    public static final int ROUNDS = 150;
    /** One-shots cleared from the queue in {@code unseen}. */
    public static final int UNSEEN = 10;

    private ScheduledRaceScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        race();
        unseen();
    }

    private static void race() throws Exception {
        int mismatches = 0;
        String first = "none";
        long acceptedInAll = 0;
        long ranInAll = 0;
        long refusedInAll = 0;
        for (int round = 0; round < ROUNDS; round++) {
            WorkerThreads workers = new WorkerThreads();
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, workers);
            pool.setRemoveOnCancelPolicy(round % 4 >= 2);
            // shutdown() then drops the one-shots still waiting for their hour (cancelled).
            pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            AtomicLong ran = new AtomicLong();
            AtomicLong failedRuns = new AtomicLong();
            SubmittersUntilRefused submitters = new SubmittersUntilRefused(3, 60, (kind, i) -> {
                if (kind == 0) {
                    pool.schedule(ran::incrementAndGet, 0, TimeUnit.NANOSECONDS);
                } else if (kind == 1) {
                    pool.schedule(() -> {
                        failedRuns.incrementAndGet();
                        throw new IllegalStateException("failing on purpose");
                    }, 0, TimeUnit.NANOSECONDS);
                } else {
                    ScheduledFuture<?> later = pool.schedule(ran::incrementAndGet, 1, TimeUnit.HOURS);
                    if (i % 2 == 0) {
                        later.cancel(i % 4 == 0);
                    }
                }
            });
            AtomicLong accepted = submitters.accepted;
            AtomicLong refused = submitters.refused;
            submitters.awaitSomeIn();
            List<Runnable> neverRun = round % 2 == 0 ? pool.shutdownNow() : new ArrayList<>();
            if (round % 2 != 0) {
                pool.shutdown();
            }
            submitters.join();
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("pool did not terminate");
            }
            workers.joinAll(); // see TerminationRaceScenario
            // submitted, executed, failures, cancelled, rejected, queued, active
            long[] c = FuturistView.counts(pool);
            long executed = ran.get() + failedRuns.get();
            boolean right = c[0] == accepted.get() && c[1] == executed && c[2] == failedRuns.get()
                    && c[3] == accepted.get() - executed && c[4] == refused.get() && c[5] == 0 && c[6] == 0;
            if (!right) {
                if (mismatches == 0) {
                    first = "round" + round + ":accepted" + accepted.get() + ",ran" + ran.get() + ",failed"
                            + failedRuns.get() + ",refused" + refused.get() + ",neverRun" + neverRun.size()
                            + ",books" + Arrays.toString(c).replace(" ", "");
                }
                mismatches++;
            }
            acceptedInAll += accepted.get();
            ranInAll += executed;
            refusedInAll += refused.get();
        }
        Report.result("race", "rounds=" + ROUNDS, "mismatches=" + mismatches, "first=" + first,
                "accepted=" + acceptedInAll, "ran=" + ranInAll, "refused=" + refusedInAll);
    }

    private static void unseen() throws Exception {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
        for (int i = 0; i < UNSEEN; i++) {
            pool.schedule(() -> { }, 1, TimeUnit.HOURS);
        }
        pool.getQueue().clear();
        Report.stats("unseen-cleared", pool);
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pool did not terminate");
        }
        Report.stats("unseen", pool);
    }
}
