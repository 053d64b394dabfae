package example.scenarios;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads the statistics of a {@code ThreadPoolExecutor} the moment {@code awaitTermination}
 * returns, when many tasks were dropped from its queue behind its back
 * ({@code getQueue().clear()}, as {@code DiscardOldestPolicy} does one at a time): those the
 * agent only learns about at termination. Round after round; prints {@code #result sweep} with
 * the number of rounds whose books did not balance at that moment.
 *
 * <p>Arguments: {@code rounds tasksPerRound}.
 */
public final class SweepRaceScenario {

    private SweepRaceScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        int rounds = Integer.parseInt(args[0]);
        int tasks = Integer.parseInt(args[1]);
        int unbalanced = 0;
        String first = "none";
        for (int i = 0; i < rounds; i++) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
            Gate gate = new Gate();
            CountDownLatch holding = new CountDownLatch(1);
            pool.execute(() -> {
                holding.countDown();
                gate.pass();
            });
            holding.await();
            for (int t = 0; t < tasks; t++) {
                pool.execute(() -> { });
            }
            pool.getQueue().clear();
            pool.shutdown();
            gate.open();
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("pool did not terminate");
            }
            if (!FuturistView.balanced(pool)) {
                unbalanced++;
                if (first.equals("none")) {
                    first = String.join(",", FuturistView.stats(pool));
                }
            }
        }
        Report.result("sweep", "rounds=" + rounds, "unbalancedAtTermination=" + unbalanced, "first=" + first);
    }
}
