package example.scenarios;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads the statistics of a scheduled pool the moment {@code awaitTermination} returns, many
 * times over. Under the default policies {@code shutdown} drops the waiting periodic task,
 * which only the agent's end-of-pool sweep counts as cancelled; the conservation law
 * {@code submitted == executed + cancelled} is promised once the pool has terminated.
 *
 * <p>Prints {@code #result race} with the number of rounds whose books did not balance then,
 * and how many of those had balanced once the pool's worker threads had ended.
 */
public final class TerminationRaceScenario {

    private TerminationRaceScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        int rounds = Integer.parseInt(args[0]);
        int unbalanced = 0;
        int balancedAfterJoin = 0;
        for (int i = 0; i < rounds; i++) {
            WorkerThreads workers = new WorkerThreads();
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, workers);
            pool.schedule(() -> { }, 0, TimeUnit.MILLISECONDS).get();
            pool.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.HOURS);
            pool.shutdown();
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("pool did not terminate");
            }
            if (!FuturistView.balanced(pool)) {
                unbalanced++;
                workers.joinAll();
                if (FuturistView.balanced(pool)) {
                    balancedAfterJoin++;
                }
            }
        }
        Report.result("race", "rounds=" + rounds, "unbalancedAtTermination=" + unbalanced,
                "balancedAfterJoin=" + balancedAfterJoin);
    }
}
