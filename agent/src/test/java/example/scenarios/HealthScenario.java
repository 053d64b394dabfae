package example.scenarios;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The questions of a person on call, played out: which pool is busy ({@code top}), which pools
 * were left behind ({@code leaks}), and what pools that came and went did (the exit report).
 *
 * <p>{@code live}: answers commands as {@link Conversation} speaks them:
 * <ul>
 *   <li>{@code pools} — a pool {@code busy-*} of two threads kept busy by a feeder (each task
 *       parks a millisecond; four tasks are always in the pool), and a pool {@code quiet-*} of
 *       two threads that ran two tasks and then waits;</li>
 *   <li>{@code requests <n>} — {@code n} "requests", each handled by
 *       {@link #handleRequest(int)}, which builds a fixed pool of two threads, runs two tasks on
 *       it (both threads started) and never shuts it down: a pool per request;</li>
 *   <li>{@code abandon} — {@link #abandonPool()}: one more such pool, built once and forgotten;</li>
 *   <li>{@code strand} — {@link #strandPool()}: a pool the JDK leaves stuck, shut down with a
 *       task queued and no thread; {@code drain} takes the task back with {@code shutdownNow}
 *       and waits for the pool's end;</li>
 *   <li>{@code mbeans} — what JMX shows of the busy and the quiet pool's health
 *       ({@code #jmx busy}, {@code #jmx quiet}), and the first line of the agent's
 *       {@code Leaks} ({@code #jmx agent}).</li>
 * </ul>
 * <p>{@code exit <n> gc|nogc}: {@code n} pools, each built by {@link #shortLived(int)}, run three
 * tasks, are shut down and terminate; with {@code gc}, the scenario then waits until every one of
 * them has been garbage-collected ({@code #result collect collected=<n>}); then the JVM exits.
 */
public final class HealthScenario {

    private static final int IN_FLIGHT = 4;

    private HealthScenario() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("live")) {
            Conversation.run(HealthScenario::answer);
            System.exit(0);
        }
        int pools = Integer.parseInt(args[1]);
        List<WeakReference<ExecutorService>> gone = new ArrayList<>();
        for (int i = 0; i < pools; i++) {
            gone.add(new WeakReference<>(shortLived(i)));
        }
        if (args[2].equals("gc")) {
            long collected = 0;
            for (int attempt = 0; attempt < 200 && collected < pools; attempt++) {
                System.gc();
                collected = gone.stream().filter(ref -> ref.get() == null).count();
                if (collected < pools) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // let terminated workers finish dying
                }
            }
            Report.result("collect", "collected=" + collected);
        }
        Report.result("exit", "pools=" + pools);
    }

    private static void answer(String[] words) throws Exception {
        switch (words[1]) {
            case "pools":
                startBusyAndQuiet();
                break;
            case "requests":
                int requests = Integer.parseInt(words[2]);
                for (int i = 0; i < requests; i++) {
                    handleRequest(i);
                }
                Report.result("requests", "handled=" + requests);
                break;
            case "abandon":
                abandonPool();
                Report.result("abandon", "done=true");
                break;
            case "strand":
                strandPool();
                break;
            case "drain":
                int drained = STRANDED.get(0).shutdownNow().size();
                Report.result("drain", "drained=" + drained,
                        "terminated=" + STRANDED.get(0).awaitTermination(30, TimeUnit.SECONDS));
                break;
            case "mbeans":
                mbeans();
                break;
            default:
                throw new IllegalArgumentException("unknown command " + String.join(" ", words));
        }
    }

    private static void mbeans() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : server.queryNames(new ObjectName("io.futurist:type=Executor,*"), null)) {
            String pool = (String) server.getAttribute(name, "Name");
            if (pool.equals("busy-*") || pool.equals("quiet-*")) {
                Report.print("jmx", pool.substring(0, pool.length() - 2),
                        "utilization=" + server.getAttribute(name, "Utilization"),
                        "queueFill=" + server.getAttribute(name, "QueueFill"),
                        "rejecting=" + server.getAttribute(name, "Rejecting"),
                        "idleMillis=" + server.getAttribute(name, "IdleMillis"));
            }
        }
        String[] leaks = (String[]) server.getAttribute(new ObjectName("io.futurist:type=Agent"), "Leaks");
        Report.print("jmx", "agent", "leaks=" + leaks[0], "lines=" + leaks.length);
    }

    private static void startBusyAndQuiet() throws Exception {
        ExecutorService busy = Executors.newFixedThreadPool(2, named("busy-"));
        Semaphore room = new Semaphore(IN_FLIGHT);
        Thread feeder = new Thread(() -> {
            while (true) {
                room.acquireUninterruptibly();
                busy.execute(() -> {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // the work of a task
                    room.release();
                });
            }
        }, "feeder");
        feeder.setDaemon(true);
        feeder.start();
        ExecutorService quiet = Executors.newFixedThreadPool(2, named("quiet-"));
        runOnBothThreads(quiet);
        Report.result("pools", "started=true");
    }

    /** One "request": a pool of its own, used and left running. */
    static void handleRequest(int request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        runOnBothThreads(pool);
    }

    /** A pool built once, used, and forgotten: its idle threads keep it alive. */
    /** The stranded pool, held so that it stays tracked. */
    private static final List<ThreadPoolExecutor> STRANDED = new ArrayList<>();

    /**
     * The JDK's own race, made to happen: the pool is shut down while a submitter makes its first
     * worker (a thread factory that waits for the shutdown); the task submitted meanwhile is
     * queued, the worker is refused, and no thread is left to run the task.
     */
    static void strandPool() throws Exception {
        CountDownLatch makingWorker = new CountDownLatch(1);
        CountDownLatch shutDown = new CountDownLatch(1);
        ThreadFactory waitsForTheShutdown = task -> {
            makingWorker.countDown();
            try {
                shutDown.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Thread(task);
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                waitsForTheShutdown);
        STRANDED.add(pool);
        Thread first = new Thread(() -> {
            try {
                pool.execute(() -> { });
            } catch (RejectedExecutionException refused) {
                // the pool refuses the worker its first task: expected
            }
        }, "strand-first");
        first.start();
        makingWorker.await();
        pool.execute(() -> { }); // queued: the worker count already counts the first's worker
        pool.shutdown();
        shutDown.countDown();
        first.join();
        Report.result("strand", "queued=" + pool.getQueue().size(), "poolSize=" + pool.getPoolSize(),
                "terminated=" + pool.isTerminated());
    }

    static void abandonPool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        runOnBothThreads(pool);
    }

    /** A pool that does its work and is shut down properly. */
    static ExecutorService shortLived(int index) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        for (int i = 0; i < 3; i++) {
            pool.submit(() -> index).get();
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a short-lived pool did not terminate");
        }
        return pool;
    }

    /** Two tasks that wait for each other: both threads of the pool start. */
    private static void runOnBothThreads(ExecutorService pool) throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            futures.add(pool.submit(() -> {
                both.countDown();
                return both.await(30, TimeUnit.SECONDS);
            }));
        }
        for (java.util.concurrent.Future<?> future : futures) {
            if (!Boolean.TRUE.equals(future.get())) {
                throw new IllegalStateException("the pool's two threads did not meet");
            }
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger numbers = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + numbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
