package example.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Occupies every worker of a {@code ForkJoinPool} until a {@link Gate} opens, so that what is
 * submitted meanwhile stays queued. The tasks wait on a latch, which a pool does not
 * compensate with a spare worker (only {@code ManagedBlocker}s and joins are).
 */
final class HeldWorkers {

    private HeldWorkers() {
    }

    /** Executes {@code workers} holding tasks on {@code pool} and returns once all of them run. */
    static List<ForkJoinTask<?>> hold(ForkJoinPool pool, int workers, Gate gate) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(workers);
        List<ForkJoinTask<?>> held = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Holder holder = new Holder(holding, gate);
            pool.execute(holder);
            held.add(holder);
        }
        holding.await();
        return held;
    }

    /** Occupies a worker until the gate opens. */
    private static final class Holder extends RecursiveAction {
        private final CountDownLatch holding;
        private final Gate gate;

        Holder(CountDownLatch holding, Gate gate) {
            this.holding = holding;
            this.gate = gate;
        }

        @Override
        protected void compute() {
            holding.countDown();
            gate.pass();
        }
    }
}
