package example.scenarios;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tasks that leave a {@code ThreadPoolExecutor} without running: {@code remove}, {@code purge},
 * and {@code shutdownNow}'s list. The single worker is held at a gate meanwhile, so the queue is
 * exactly what the scenario put there. (A queued future cancelled before a worker reaches it,
 * on every kind of executor: {@link ExecutorSuiteScenario}.)
 */
public final class CancellationScenario {

    private CancellationScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        removedPurgedDrained();
    }

    private static void removedPurgedDrained() throws Exception {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
        Gate gate = new Gate();
        CountDownLatch holding = new CountDownLatch(1);
        LongAdder ran = new LongAdder();
        Future<?> held = pool.submit(() -> {
            holding.countDown();
            gate.pass();
            ran.increment();
        });
        Future<?> cancelledA = pool.submit(ran::increment);
        Runnable plain = ran::increment;
        pool.execute(plain);
        Future<?> cancelledB = pool.submit(ran::increment);
        pool.submit(ran::increment);
        pool.submit(ran::increment);
        holding.await();

        boolean removed = pool.remove(plain);
        boolean cancelA = cancelledA.cancel(false);
        boolean cancelB = cancelledB.cancel(true);
        int beforePurge = pool.getQueue().size();
        pool.purge();
        int afterPurge = pool.getQueue().size();
        List<Runnable> neverRun = pool.shutdownNow();
        Report.stats("drain-shutdownNow", pool);
        gate.open();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        held.get();
        Report.stats("drain", pool);
        Report.result("drain", "terminated=" + terminated, "removed=" + removed, "cancelA=" + cancelA,
                "cancelB=" + cancelB, "beforePurge=" + beforePurge, "afterPurge=" + afterPurge,
                "neverRun=" + neverRun.size(), "ran=" + ran.sum(), "jdkCompleted=" + pool.getCompletedTaskCount());
    }
}
