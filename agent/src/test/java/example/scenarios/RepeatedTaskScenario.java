package example.scenarios;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One {@code Runnable} instance executed many times while the only worker is held, so that
 * all those submissions wait in the queue at once (as a shared "flush" or "drain" task does
 * in many applications). Each {@code execute} is a submission and each run a run.
 */
public final class RepeatedTaskScenario {

    private RepeatedTaskScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        int copies = Integer.parseInt(args[0]);
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
        Gate gate = new Gate();
        CountDownLatch holding = new CountDownLatch(1);
        pool.execute(() -> {
            holding.countDown();
            gate.pass();
        });
        holding.await();
        LongAdder runs = new LongAdder();
        Runnable shared = runs::increment;
        for (int i = 0; i < copies; i++) {
            pool.execute(shared);
        }
        int queued = pool.getQueue().size();
        gate.open();
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("repeated", pool);
        Report.result("repeated", "terminated=" + terminated, "queued=" + queued, "runs=" + runs.sum(),
                "jdkCompleted=" + pool.getCompletedTaskCount());
    }
}
