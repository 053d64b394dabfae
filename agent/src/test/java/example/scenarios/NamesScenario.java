package example.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names and creation sites of pools, as {@code Futurist.executors()} lists them. Each pool is
 * built on one source line together with {@link Report#here()}, so the test knows the line its
 * creation site must name.
 */
public final class NamesScenario {

    /**
     * The pools, held until the JVM exits as an application holds its own: Futurist tracks
     * executors weakly, and the exit report can only list those not yet collected.
     */
    private static final List<ExecutorService> POOLS = new ArrayList<>();

    /** The line of {@link #buildIndexers()} that builds its pool. */
    private static int indexersLine;

    private NamesScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        AtomicInteger parserNumbers = new AtomicInteger();
        ThreadFactory parserThreads = task -> new Thread(task, "parser-" + parserNumbers.incrementAndGet());

        long mark = Report.mark();
        int parsersLine = Report.here(); ExecutorService parsers = Executors.newFixedThreadPool(2, parserThreads);
        String parserWorkers = runOnEachWorker(parsers, 2);
        Report.tracked("parsers", mark, ThreadPoolExecutor.class);
        Report.result("parsers", "line=" + parsersLine, "workers=" + parserWorkers);

        mark = Report.mark();
        int defaultLine = Report.here(); ExecutorService plain = Executors.newFixedThreadPool(1);
        String plainWorker = runOnEachWorker(plain, 1);
        Report.tracked("default", mark, ThreadPoolExecutor.class);
        Report.result("default", "line=" + defaultLine, "workers=" + plainWorker);

        mark = Report.mark();
        int idleLine = Report.here(); ThreadPoolExecutor idle = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        Report.tracked("idle", mark, ThreadPoolExecutor.class);
        Report.result("idle", "line=" + idleLine);

        mark = Report.mark();
        int scheduledLine = Report.here(); ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1);
        scheduled.schedule(() -> { }, 0, TimeUnit.MILLISECONDS).get();
        Report.tracked("scheduled", mark, ScheduledThreadPoolExecutor.class);
        Report.result("scheduled", "line=" + scheduledLine);

        mark = Report.mark();
        ExecutorService indexers = buildIndexers();
        Report.tracked("indexers", mark, ThreadPoolExecutor.class);
        Report.result("indexers", "line=" + indexersLine);

        POOLS.addAll(List.of(parsers, plain, idle, scheduled, indexers));
        for (ExecutorService pool : POOLS) {
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        Report.stats("parsers", parsers);
    }

    /** A pool built in a helper method: the creation site names the helper. */
    private static ExecutorService buildIndexers() {
        indexersLine = Report.here(); return Executors.newSingleThreadExecutor();
    }

    /** Runs {@code workers} tasks that each wait for all of them, so every worker starts. */
    private static String runOnEachWorker(ExecutorService pool, int workers) throws Exception {
        CountDownLatch all = new CountDownLatch(workers);
        List<Future<String>> names = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            names.add(pool.submit(() -> {
                all.countDown();
                all.await();
                return Thread.currentThread().getName();
            }));
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (Future<String> name : names) {
            sorted.add(name.get());
        }
        return String.join(",", sorted);
    }
}
