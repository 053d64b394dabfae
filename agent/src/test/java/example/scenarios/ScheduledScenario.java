package example.scenarios;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ScheduledThreadPoolExecutor}: one-shot tasks, a failing one, a periodic task dropped
 * by {@code shutdown} under the default policies, a delayed task that still runs after it, and
 * a fixed-rate task cancelled while it waits for its next run.
 */
public final class ScheduledScenario {

    /** Runs of the fixed-rate task before it is cancelled. */
    public static final int RATE_RUNS = 5;

    private ScheduledScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        defaultPolicies();
        fixedRate();
    }

    private static void defaultPolicies() throws Exception {
        WorkerThreads workers = new WorkerThreads();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, workers);
        AtomicInteger ran = new AtomicInteger();
        pool.schedule(ran::incrementAndGet, 0, TimeUnit.MILLISECONDS).get();
        int callable = pool.schedule(() -> 42, 1, TimeUnit.MILLISECONDS).get();
        int submitted = pool.submit(() -> 8).get();
        String failure;
        try {
            pool.schedule(() -> {
                throw new IllegalStateException("scheduled_failure");
            }, 0, TimeUnit.MILLISECONDS).get();
            failure = "none";
        } catch (ExecutionException e) {
            failure = e.getCause().getMessage();
        }
        ScheduledFuture<?> periodic = pool.scheduleAtFixedRate(ran::incrementAndGet, 1, 1, TimeUnit.HOURS);
        Future<Integer> late = pool.schedule(() -> 5, 50, TimeUnit.MILLISECONDS);
        pool.shutdown();
        Report.stats("scheduled-shutdown", pool);
        int lateValue = late.get();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        workers.joinAll(); // see TerminationRaceScenario
        Report.stats("scheduled", pool);
        Report.result("scheduled", "terminated=" + terminated, "ran=" + ran.get(), "callable=" + callable,
                "submitted=" + submitted, "failure=" + failure, "late=" + lateValue,
                "periodicCancelled=" + periodic.isCancelled());
    }

    /**
     * Holds its only worker in {@code afterExecute} after the N-th run of the periodic task; by
     * then the task has re-armed itself (that happens inside its run), so it is cancelled while
     * waiting in the queue.
     */
    static final class RearmPool extends ScheduledThreadPoolExecutor {
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch reArmed = new CountDownLatch(1);
        final Gate gate = new Gate();
        private boolean held;

        final WorkerThreads workers;

        RearmPool(WorkerThreads workers) {
            super(1, workers);
            this.workers = workers;
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            if (!held && runs.get() == RATE_RUNS) {
                held = true;
                reArmed.countDown();
                gate.pass();
            }
        }
    }

    private static void fixedRate() throws Exception {
        RearmPool pool = new RearmPool(new WorkerThreads());
        ScheduledFuture<?> rate = pool.scheduleAtFixedRate(pool.runs::incrementAndGet, 0, 1, TimeUnit.MILLISECONDS);
        pool.reArmed.await();
        boolean cancelled = rate.cancel(false);
        Report.stats("rate-cancelled", pool);
        pool.gate.open();
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        pool.workers.joinAll(); // see TerminationRaceScenario
        Report.stats("rate", pool);
        Report.result("rate", "terminated=" + terminated, "runs=" + pool.runs.get(), "cancelled=" + cancelled);
    }
}
