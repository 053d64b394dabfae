package example.scenarios;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The agent's own threads and work, seen from the application. {@code args[0]} chooses:
 * <ul>
 *   <li>{@code inventory}: prints the threads alive at start ({@code #threads start}) and the
 *       shutdown hooks registered ({@code #threads hooks}; needs
 *       {@code --add-opens java.base/java.lang=ALL-UNNAMED}), the executors Futurist knows
 *       before the application made any, after a JMX refresh — once the application has made
 *       the platform MBean server and the agent has published into it ({@code #result ownWork}); then,
 *       while application threads fight over application locks inside pool tasks, takes thread
 *       dumps and reports agent threads ({@code futurist-*}) found blocked or waiting on an
 *       application object ({@code #result dumps}).</li>
 *   <li>{@code exit-main} / {@code exit-worker}: leaves executors busy for ever (stuck tasks,
 *       a busy fork/join pool, a 1 ms periodic task), registers a shutdown hook of its own that
 *       still uses a pool, and calls {@code System.exit(3)} from {@code main} or from inside a
 *       pool task. The JVM must end, with the exit report if asked for.</li>
 * </ul>
 */
public final class AgentThreadsScenario {

    /** Where the threads of this JVM's agent are named from. */
    private static final String AGENT_PREFIX = "futurist";

    private AgentThreadsScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        switch (args[0]) {
            case "inventory":
                inventory();
                break;
            case "exit-main":
            case "exit-worker":
                exitWhileBusy(args[0].equals("exit-worker"));
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    private static void inventory() throws Exception {
        TreeSet<String> threads = new TreeSet<>();
        List<String> daemonAgentThreads = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            threads.add(thread.getName());
            if (thread.getName().startsWith(AGENT_PREFIX) && thread.isDaemon()) {
                daemonAgentThreads.add(thread.getName());
            }
        }
        Report.print("threads", "start", "names=" + String.join(",", threads),
                "daemonAgentThreads=" + String.join(",", daemonAgentThreads));
        Report.print("threads", "hooks", "names=" + String.join(",", shutdownHookNames()));
        if (Report.futuristPresent()) {
            boolean published = Mbeans.awaitAgent();
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName agent = new ObjectName("io.futurist:type=Agent");
            if (published) {
                server.invoke(agent, "refresh", null, null);
            }
            Report.result("ownWork", "jmxPublished=" + published, "executorsKnown=" + FuturistView.executorCount());
        } else {
            Report.result("ownWork", "futurist=absent");
        }
        dumpsWhileBusy();
    }

    /** The names of the application shutdown hooks, read from the JDK's private registry. */
    private static TreeSet<String> shutdownHookNames() throws Exception {
        Class<?> hooks = Class.forName("java.lang.ApplicationShutdownHooks");
        Field field = hooks.getDeclaredField("hooks");
        field.setAccessible(true);
        TreeSet<String> names = new TreeSet<>();
        synchronized (hooks) {
            for (Object hook : ((Map<?, ?>) field.get(null)).keySet()) {
                names.add(((Thread) hook).getName());
            }
        }
        return names;
    }

    /** An object of the application that its threads lock. */
    static final class Ledger {
        long balance;
    }

    private static void dumpsWhileBusy() throws Exception {
        // Many executors, so that each JMX pass has real work to do while we look.
        List<ExecutorService> idle = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>());
            pool.allowCoreThreadTimeOut(true);
            pool.submit(() -> { }).get();
            idle.add(pool);
        }
        Ledger ledger = new Ledger();
        ReentrantLock lock = new ReentrantLock();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ForkJoinPool forkJoin = new ForkJoinPool(2);
        LongAdder tasks = new LongAdder();
        CountDownLatch started = new CountDownLatch(1);
        List<Future<?>> feeders = new ArrayList<>();
        ExecutorService feederThreads = Executors.newFixedThreadPool(2);
        for (int f = 0; f < 2; f++) {
            feeders.add(feederThreads.submit(() -> {
                started.countDown();
                while (!stop.get()) {
                    List<Future<?>> batch = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        batch.add(pool.submit(() -> {
                            synchronized (ledger) {
                                ledger.balance++;
                            }
                            lock.lock();
                            try {
                                tasks.increment();
                            } finally {
                                lock.unlock();
                            }
                        }));
                        batch.add(forkJoin.submit(() -> {
                            synchronized (ledger) {
                                ledger.balance--;
                            }
                        }));
                    }
                    for (Future<?> future : batch) {
                        future.get();
                    }
                }
                return null;
            }));
        }
        started.await();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("io.futurist:type=Agent");
        int samples = 0;
        int agentThreadSightings = 0;
        List<String> suspicious = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline) {
            for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                if (!info.getThreadName().startsWith(AGENT_PREFIX)) {
                    continue;
                }
                agentThreadSightings++;
                String lockName = info.getLockName();
                boolean applicationLock = lockName != null && lockName.startsWith("example.");
                boolean ownedByApplication = info.getLockOwnerName() != null && !info.getLockOwnerName().startsWith(AGENT_PREFIX);
                if (info.getThreadState() == Thread.State.BLOCKED || applicationLock || ownedByApplication) {
                    suspicious.add(info.getThreadName() + ":" + info.getThreadState() + ":" + lockName + ":" + info.getLockOwnerName());
                }
            }
            samples++;
            if (samples % 10 == 0 && server.isRegistered(agent)) {
                server.invoke(agent, "refresh", null, null); // from an application thread, as a JMX client would
            }
        }
        stop.set(true);
        for (Future<?> feeder : feeders) {
            feeder.get();
        }
        for (ExecutorService each : List.of(pool, forkJoin, feederThreads)) {
            each.shutdown();
            each.awaitTermination(30, TimeUnit.SECONDS);
        }
        Report.result("dumps", "samples=" + samples, "agentThreadSightings=" + agentThreadSightings,
                "tasks=" + (tasks.sum() > 0), "ledgerBalanced=" + (ledger.balance == 0),
                "suspicious=" + (suspicious.isEmpty() ? "none" : String.join(";", suspicious.subList(0, Math.min(5, suspicious.size())))),
                "idlePools=" + idle.size());
    }

    private static void exitWhileBusy(boolean fromWorker) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Runnable stuck = () -> {
            while (true) {
                try {
                    never.await();
                    return;
                } catch (InterruptedException ignored) {
                    // stuck for good: interrupts do not get it out
                }
            }
        };
        ThreadPoolExecutor fixed = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        fixed.execute(stuck);
        fixed.execute(stuck);
        for (int i = 0; i < 100; i++) {
            fixed.execute(() -> { }); // queued behind the stuck ones for ever
        }
        ForkJoinPool forkJoin = new ForkJoinPool(2);
        AtomicBoolean spinning = new AtomicBoolean(true);
        for (int i = 0; i < 4; i++) {
            forkJoin.execute(() -> {
                while (spinning.get()) {
                    Thread.onSpinWait();
                }
            });
        }
        ScheduledThreadPoolExecutor ticking = new ScheduledThreadPoolExecutor(1);
        ticking.scheduleAtFixedRate(() -> { }, 0, 1, TimeUnit.MILLISECONDS);
        CompletableFuture.runAsync(stuck, ForkJoinPool.commonPool());
        ExecutorService forHook = Executors.newSingleThreadExecutor();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                // An application that flushes through a pool while the JVM goes down.
                forHook.submit(() -> System.out.println("#result\thook\tran=true")).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("#result\thook\tran=false\tfailure=" + e.getClass().getSimpleName());
            }
        }, "application-exit-hook"));
        Report.result("busy", "fixedActive=" + fixed.getActiveCount(), "queued=" + fixed.getQueue().size());
        System.out.flush();
        if (fromWorker) {
            Executors.newSingleThreadExecutor().execute(() -> System.exit(3));
            never.await(); // main waits; the JVM ends under it
        } else {
            System.exit(3);
        }
    }
}
