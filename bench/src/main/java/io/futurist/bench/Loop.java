package io.futurist.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The standalone loops of {@code bench/PROFILE.md} (§21 onwards): one case in a JVM of its own,
 * without JMH, reporting the median of 8 one-second iterations of process CPU per task and of
 * tasks per second, after 4 seconds of warm-up. Run one JVM per variant and alternate them
 * (bare, {@code -javaagent}, a scratch build), a few rounds each: on a shared 2-CPU machine the
 * spread between rounds is the error to quote.
 *
 * <pre>
 * java [-javaagent:agent/target/futurist-agent.jar] -cp bench/target/futurist-bench.jar \
 *     io.futurist.bench.Loop CASE [LABEL]
 * </pre>
 *
 * Cases, each the shape of the suite's benchmark of the same name:
 * <ul>
 *   <li>{@code tpe-noop}, {@code tpe-10us}, {@code tpe-10us-micrometer}: a 2-worker
 *       {@code ThreadPoolExecutor} fed batches of 1,000 tasks (no-op, or a 10 µs busy wait;
 *       optionally behind Micrometer's {@code ExecutorServiceMetrics.monitor}), a latch per
 *       batch (§30);</li>
 *   <li>{@code stpe-oneshot}: {@code schedule(task, 0)} on a 2-thread
 *       {@code ScheduledThreadPoolExecutor}, batches of 1,000 (§21, §28);</li>
 *   <li>{@code commonpool-runasync}: {@code CompletableFuture.runAsync(task, commonPool())}
 *       in batches of 10,000; start the JVM with
 *       {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=2} (§25, §27, §29);</li>
 *   <li>{@code actor-fjp}: a 2-worker async-mode {@code ForkJoinPool} in which 8 chains of
 *       tasks each submit the next from inside the pool, 80,000 hops a round (§18, §27).</li>
 * </ul>
 */
public final class Loop {

    private static final int ITERATIONS = 8;
    private static final long WARM_UP_NANOS = 4_000_000_000L;
    private static final long ITERATION_NANOS = 1_000_000_000L;
    /** The common-pool loop's batch: 10,000 as §29 measured it (the suite's case uses {@link Work#BATCH}). */
    private static final int COMMON_POOL_BATCH = 10_000;

    private Loop() {
    }

    /** One round of a case: runs some tasks and returns how many. */
    private interface Round {
        long run() throws InterruptedException;
    }

    /** Runs the case {@code args[0]}, printing one line labelled {@code args[1]} (default: the case). */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("futurist: usage: Loop CASE [LABEL] (see the class comment for the cases)");
            System.exit(2);
        }
        String label = args.length > 1 ? args[1] : args[0];
        ExecutorService owned = null;
        Round round;
        switch (args[0]) {
            case "tpe-noop":
                owned = Executors.newFixedThreadPool(2);
                round = batches(owned, 0);
                break;
            case "tpe-10us":
                owned = Executors.newFixedThreadPool(2);
                round = batches(owned, 10_000);
                break;
            case "tpe-10us-micrometer":
                owned = Executors.newFixedThreadPool(2);
                round = batches(ThreadPoolThroughput.wrap(owned, "micrometer"), 10_000);
                break;
            case "stpe-oneshot":
                ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(2);
                owned = scheduled;
                round = () -> {
                    CountDownLatch batch = new CountDownLatch(Work.BATCH);
                    for (int i = 0; i < Work.BATCH; i++) {
                        scheduled.schedule(new Work(batch, 0), 0, TimeUnit.NANOSECONDS);
                    }
                    batch.await();
                    return Work.BATCH;
                };
                break;
            case "commonpool-runasync":
                ForkJoinPool common = ForkJoinPool.commonPool();
                round = () -> {
                    CountDownLatch batch = new CountDownLatch(COMMON_POOL_BATCH);
                    for (int i = 0; i < COMMON_POOL_BATCH; i++) {
                        CompletableFuture.runAsync(new Work(batch, 0), common);
                    }
                    batch.await();
                    return COMMON_POOL_BATCH;
                };
                break;
            case "actor-fjp":
                ForkJoinPool actors = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
                owned = actors;
                round = () -> {
                    CountDownLatch chains = new CountDownLatch(ActorForkJoin.CHAINS);
                    for (int c = 0; c < ActorForkJoin.CHAINS; c++) {
                        actors.execute(new ActorForkJoin.Hop(actors, ActorForkJoin.HOPS / ActorForkJoin.CHAINS, chains));
                    }
                    chains.await();
                    return ActorForkJoin.HOPS;
                };
                break;
            default:
                System.err.println("futurist: unknown loop case '" + args[0] + "' (see the class comment for the cases)");
                System.exit(2);
                return;
        }
        measure(label, round);
        if (owned != null) {
            owned.shutdown();
        }
    }

    private static void measure(String label, Round round) throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long warm = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < warm) {
            round.run();
        }
        double[] cpu = new double[ITERATIONS];
        double[] rate = new double[ITERATIONS];
        for (int i = 0; i < ITERATIONS; i++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long end = t0 + ITERATION_NANOS;
            long tasks = 0;
            while (System.nanoTime() < end) {
                tasks += round.run();
            }
            long cpu1 = os.getProcessCpuTime();
            long t1 = System.nanoTime();
            cpu[i] = (cpu1 - cpu0) / (double) tasks;
            rate[i] = tasks * 1e9 / (t1 - t0);
        }
        Arrays.sort(cpu);
        Arrays.sort(rate);
        System.out.printf(Locale.ROOT, "%s: CPU per task %.1f ns, %.1f k tasks/s (medians of %d one-second iterations)%n",
                label, Extras.median(cpu), Extras.median(rate) / 1e3, ITERATIONS);
    }

    /** What {@link ThreadPoolThroughput#execute} does: batches of {@link Work}, each busy {@code workNanos}. */
    private static Round batches(ExecutorService executor, long workNanos) {
        return () -> {
            CountDownLatch batch = new CountDownLatch(Work.BATCH);
            for (int i = 0; i < Work.BATCH; i++) {
                executor.execute(new Work(batch, workNanos));
            }
            batch.await();
            return Work.BATCH;
        };
    }
}
