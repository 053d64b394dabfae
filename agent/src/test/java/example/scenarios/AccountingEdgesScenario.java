package example.scenarios;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The interleavings the stress test ({@link StressScenario}) hits by chance, made to happen
 * every time, each on a fresh executor:
 * <ul>
 *   <li>{@code recheck}: {@code ThreadPoolExecutor.execute} queues a task, finds the pool shut
 *       down meanwhile, takes the task back out ({@code remove}) and refuses it;</li>
 *   <li>{@code cancelledBeforeBody}: a {@code FutureTask} is cancelled after the worker took it
 *       and before its body starts — here by the task itself, first thing in {@code run()},
 *       which is the interleaving a {@code cancel} from another thread meets when it lands
 *       just then;</li>
 *   <li>{@code cancelledAtRun}: a worker of a {@code ScheduledThreadPoolExecutor} has taken a
 *       task when the pool is stopped; the task cancels itself instead of running its body;</li>
 *   <li>{@code cancelledWhileRunning}: a {@code ForkJoinPool} task is cancelled while its body
 *       runs, after the pool was shut down; the body runs to its end.</li>
 *   <li>{@code stranded}: the JDK's own race (JDK 17 and 25 alike, without any agent): a
 *       {@code ThreadPoolExecutor} shut down while its first worker is being made. The worker
 *       count already counts that worker, so a task submitted meanwhile is queued without a
 *       worker being asked for; the shut-down pool then refuses the worker its first task, and
 *       the queued task is left with no thread to run it and the pool never terminates. The
 *       books must say exactly that ({@code stranded}), and balance once {@code shutdownNow}
 *       takes the task back ({@code strandedDrained}).</li>
 * </ul>
 * Each prints {@code #stats} and {@code #result} with what the application saw.
 */
public final class AccountingEdgesScenario {

    private AccountingEdgesScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        recheck();
        cancelledBeforeBody();
        cancelledAtRun();
        cancelledWhileRunning();
        stranded();
    }

    private static void stranded() throws Exception {
        CountDownLatch makingWorker = new CountDownLatch(1);
        CountDownLatch shutDown = new CountDownLatch(1);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            makingWorker.countDown();
            try {
                shutDown.await(); // a slow thread factory: any factory the scheduler preempts just here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Thread(task);
        });
        AtomicInteger ran = new AtomicInteger();
        String[] firstRefused = {"unknown"};
        Thread first = new Thread(() -> {
            try {
                pool.execute(ran::incrementAndGet);
                firstRefused[0] = "false";
            } catch (RejectedExecutionException refused) {
                firstRefused[0] = "true";
            }
        }, "stranded-first");
        first.start();
        makingWorker.await();
        pool.execute(ran::incrementAndGet); // queued: the worker count already counts the first's worker
        pool.shutdown();
        shutDown.countDown();
        first.join();
        int queued = pool.getQueue().size();
        boolean terminatedBefore = pool.isTerminated(); // for good: no thread is left to run the queued task
        Report.stats("stranded", pool);
        int drained = pool.shutdownNow().size();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("strandedDrained", pool);
        Report.result("stranded", "firstRefused=" + firstRefused[0], "queued=" + queued, "poolSize=" + pool.getPoolSize(),
                "terminatedBefore=" + terminatedBefore, "drained=" + drained, "terminated=" + terminated, "ran=" + ran.get());
    }

    private static void recheck() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        ThreadPoolExecutor[] self = new ThreadPoolExecutor[1];
        LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>() {
            @Override
            public boolean offer(Runnable task) {
                boolean queued = super.offer(task);
                self[0].shutdown(); // another thread could do this at exactly this moment
                return queued;
            }
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 1, 0, TimeUnit.SECONDS, queue);
        self[0] = pool;
        String refused;
        try {
            pool.execute(ran::incrementAndGet);
            refused = "false";
        } catch (RejectedExecutionException expected) {
            refused = "true";
        }
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("recheck", pool);
        Report.result("recheck", "refused=" + refused, "ran=" + ran.get(), "terminated=" + terminated);
    }

    private static void cancelledBeforeBody() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        FutureTask<Integer> task = new FutureTask<>(ran::incrementAndGet) {
            @Override
            public void run() {
                cancel(false);
                super.run();
            }
        };
        pool.execute(task);
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("cancelledBeforeBody", pool);
        Report.result("cancelledBeforeBody", "ran=" + ran.get(), "cancelled=" + task.isCancelled(),
                "terminated=" + terminated);
    }

    private static void cancelledAtRun() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1) {
            @Override
            protected void beforeExecute(Thread t, Runnable r) {
                shutdownNow(); // the task is already in the worker's hands
            }
        };
        Future<?> task = pool.submit(ran::incrementAndGet);
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("cancelledAtRun", pool);
        Report.result("cancelledAtRun", "ran=" + ran.get(), "cancelled=" + task.isCancelled(), "terminated=" + terminated);
    }

    private static void cancelledWhileRunning() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(1);
        CountDownLatch running = new CountDownLatch(1);
        Gate gate = new Gate();
        ForkJoinTask<?> task = pool.submit(() -> {
            ran.incrementAndGet();
            running.countDown();
            gate.pass();
            finished.incrementAndGet();
            return 1;
        });
        running.await();
        pool.shutdown();
        boolean cancelled = task.cancel(false);
        gate.open();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("cancelledWhileRunning", pool);
        Report.result("cancelledWhileRunning", "ran=" + ran.get(), "bodyFinished=" + finished.get(),
                "cancelled=" + cancelled, "terminated=" + terminated);
    }
}
