package example.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Load that goes on while the agent is attached and detached: one thread submits windows of
 * small tasks to its own pools, waits for each window and checks every task ran exactly once
 * with the right value. Only the application's view is checked: which of these tasks the agent
 * counts depends on when the attach happened.
 */
final class Churn {

    private static final int WINDOW = 16;
    /** Pacing between windows, so that the load leaves the machine to the rest of the test. */
    private static final long PAUSE_NANOS = 200_000;

    private final List<LivePool> pools;
    private final Thread thread;
    private volatile boolean stop;
    private long tasks;
    private long lost;
    private long twice;
    private long wrong;
    private Throwable failure;

    Churn(List<LivePool> pools) {
        this.pools = pools;
        this.thread = new Thread(this::run, "churn");
    }

    void start() {
        thread.start();
    }

    /** Stops the load and returns what it saw, as {@code #result} fields. */
    String[] stop() throws InterruptedException {
        stop = true;
        thread.join();
        return new String[] {"tasks=" + tasks, "lost=" + lost, "twice=" + twice, "wrong=" + wrong,
            "failure=" + (failure == null ? "none" : failure.toString().replaceAll("\\s+", " "))};
    }

    private void run() {
        try {
            long next = 0;
            while (!stop) {
                for (LivePool pool : pools) {
                    List<AtomicInteger> runs = new ArrayList<>();
                    List<Future<Long>> futures = new ArrayList<>();
                    long first = next;
                    for (int i = 0; i < WINDOW; i++) {
                        AtomicInteger ran = new AtomicInteger();
                        long value = next++;
                        runs.add(ran);
                        futures.add(pool.executor().submit(() -> {
                            ran.incrementAndGet();
                            return value * 13 + 5;
                        }));
                    }
                    for (int i = 0; i < WINDOW; i++) {
                        if (futures.get(i).get(LivePool.LIMIT_SECONDS, TimeUnit.SECONDS) != (first + i) * 13 + 5) {
                            wrong++;
                        }
                        int count = runs.get(i).get();
                        lost += count == 0 ? 1 : 0;
                        twice += count > 1 ? 1 : 0;
                    }
                    tasks += WINDOW;
                }
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        } catch (Throwable unexpected) {
            failure = unexpected;
        }
    }
}
