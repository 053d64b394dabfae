package example.scenarios;

import io.futurist.agent.testing.faults.FaultSwitch;
import io.futurist.agent.testing.faults.RefusingMBeanServerBuilder;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The same workload three times — before a fault is armed in the agent's own code, right after,
 * and once more — run under {@code io.futurist.agent.testing.faults.FaultAgent}. {@code args[0]}
 * is the kind of fault to arm after the first phase ({@code none} for a JMX refusal, which
 * needs no arming); {@code args[1] = anchor} adds an executor that lives through all phases.
 * Each phase also leaves one idle executor alive until the next phase begins, and prints
 * {@code #result published-phaseN} with the executor MBeans registered after the refresh. Each phase prints {@code #result phaseN}
 * (the application's results, which must not change) and {@code #stats phaseN-*} (what the agent
 * still counts). After each phase it asks the agent's MBean to publish at once, so that JMX work
 * happens on cue.
 *
 * <p>Like an application that uses JMX, it makes the platform MBean server first thing in
 * {@code main} (the agent publishes only into a server someone else made), and waits until the
 * agent's publisher has tried to register its MBean there.
 */
public final class FaultScenario {

    /** Tasks per phase on the thread pool; the other executors get fewer. */
    static final int TASKS = 200;

    /** The idle pool of the current phase: each phase has a new executor to publish over JMX. */
    private static ThreadPoolExecutor live;

    private FaultScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        ManagementFactory.getPlatformMBeanServer();
        if (RefusingMBeanServerBuilder.inUse() && Report.futuristPresent()
                && !RefusingMBeanServerBuilder.awaitAgentMBean(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the agent never tried to publish into the platform MBean server");
        }
        String kind = args[0];
        // An executor that lives through all phases, made before the others the scenario makes (the agent
        // knows the common pool from its start, so that one is published first of all).
        ThreadPoolExecutor anchor = args.length > 1 && args[1].equals("anchor")
                ? (ThreadPoolExecutor) Executors.newFixedThreadPool(1) : null;
        if (anchor != null) {
            anchor.submit(() -> { }).get();
        }
        for (int phase = 1; phase <= 3; phase++) {
            if (phase == 2 && !kind.equals("none")) {
                FaultSwitch.arm(kind);
                Report.result("armed", "kind=" + kind, "armed=" + FaultSwitch.isArmed(kind),
                        "bootstrapCopy=" + (FaultSwitch.class.getClassLoader() == null));
            }
            workload("phase" + phase);
            int published = publishNow();
            // The common pool counts too once ForkJoinPool is initialised (the agent registers it then).
            boolean common = Report.futuristPresent() && FuturistView.commonPoolTracked();
            Report.result("published-phase" + phase, "mbeans=" + published,
                    "liveExecutors=" + ((anchor == null ? 1 : 2) + (common ? 1 : 0)));
        }
        live.shutdown();
        if (anchor != null) {
            anchor.shutdown();
        }
        awaitPublisherEndIfOff();
    }

    /**
     * A refused agent MBean turns publication off, and the publisher's thread ends after saying
     * so: wait for that end, so that its line is surely out before the JVM exits.
     */
    private static void awaitPublisherEndIfOff() throws InterruptedException {
        if (!"all".equals(System.getProperty("futurist.test.refuse"))) {
            return;
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("futurist-jmx-publisher")) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    private static void workload(String phase) throws Exception {
        if (live != null) {
            live.shutdown();
            live.awaitTermination(30, TimeUnit.SECONDS);
        }
        live = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
        live.submit(() -> { }).get();
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            long value = i;
            futures.add(pool.submit(() -> value * value));
        }
        long sum = 0;
        for (Future<Long> future : futures) {
            sum += future.get();
        }
        LongAdder executed = new LongAdder();
        CountDownLatch done = new CountDownLatch(50);
        for (int i = 0; i < 50; i++) {
            pool.execute(() -> {
                executed.increment();
                done.countDown();
            });
        }
        done.await();
        String failure;
        try {
            pool.submit(() -> {
                throw new IllegalStateException("application failure");
            }).get();
            failure = "none";
        } catch (ExecutionException e) {
            failure = e.getCause().getMessage().replace(' ', '_');
        }
        Gate gate = new Gate();
        CountDownLatch holding = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                holding.countDown();
                gate.pass();
            });
        }
        holding.await();
        Future<Long> cancelled = pool.submit(() -> 1L);
        boolean cancel = cancelled.cancel(false);
        pool.submit(() -> 2L);
        pool.submit(() -> 3L);
        int neverRun = pool.shutdownNow().size();
        gate.open();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);

        ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1);
        long scheduledSum = 0;
        List<Future<Integer>> delayed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int value = i;
            delayed.add(scheduled.schedule(() -> value, 0, TimeUnit.MILLISECONDS));
        }
        for (Future<Integer> future : delayed) {
            scheduledSum += future.get();
        }
        scheduled.shutdown();
        boolean scheduledTerminated = scheduled.awaitTermination(30, TimeUnit.SECONDS);

        ForkJoinPool forkJoin = new ForkJoinPool(2);
        long fib = forkJoin.invoke(new Fibonacci(18));
        long forkJoinSum = 0;
        List<Future<Integer>> forked = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int value = i;
            forked.add(forkJoin.submit(() -> value));
        }
        for (Future<Integer> future : forked) {
            forkJoinSum += future.get();
        }
        int completable = CompletableFuture.supplyAsync(() -> 20, forkJoin).thenApplyAsync(v -> v + 1, forkJoin).get();
        forkJoin.shutdown();
        boolean forkJoinTerminated = forkJoin.awaitTermination(30, TimeUnit.SECONDS);

        Report.stats(phase + "-live", live);
        Report.stats(phase + "-pool", pool);
        Report.stats(phase + "-scheduled", scheduled);
        Report.stats(phase + "-forkJoin", forkJoin);
        Report.result(phase, "sum=" + sum, "executed=" + executed.sum(), "failure=" + failure, "cancel=" + cancel,
                "neverRun=" + neverRun, "terminated=" + terminated, "scheduledSum=" + scheduledSum,
                "scheduledTerminated=" + scheduledTerminated, "fib=" + fib, "forkJoinSum=" + forkJoinSum,
                "completable=" + completable, "forkJoinTerminated=" + forkJoinTerminated);
    }

    /**
     * Asks the agent to publish its MBeans now (what {@code stats} does), if it publishes at all.
     *
     * @return how many executor MBeans are registered then
     */
    private static int publishNow() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("io.futurist:type=Agent");
        if (server.isRegistered(agent)) {
            server.invoke(agent, "refresh", null, null);
        }
        return server.queryNames(new ObjectName("io.futurist:type=Executor,*"), null).size();
    }

    private static final class Fibonacci extends RecursiveTask<Long> {
        private final int n;

        Fibonacci(int n) {
            this.n = n;
        }

        @Override
        protected Long compute() {
            if (n < 2) {
                return (long) n;
            }
            Fibonacci left = new Fibonacci(n - 1);
            left.fork();
            return new Fibonacci(n - 2).compute() + left.join();
        }
    }
}
