package io.futurist.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What the agent's once-a-second health reading costs in a JVM with many executors: builds
 * {@code N} pools, runs 20 tasks on each (so each has counts and histograms), lets their
 * threads time out, and prints the CPU the {@code futurist-health} thread used over ten
 * seconds. Not a JMH benchmark (the cost is a background thread's, not a task's): run it under
 * the agent,
 * {@code java -javaagent:agent/target/futurist-agent.jar -cp bench/target/futurist-bench.jar io.futurist.bench.HealthReadingCost 10000}.
 */
public final class HealthReadingCost {

    private HealthReadingCost() {
    }

    public static void main(String[] args) throws Exception {
        int pools = args.length == 0 ? 10_000 : Integer.parseInt(args[0]);
        List<ExecutorService> kept = new ArrayList<>();
        for (int i = 0; i < pools; i++) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
            pool.allowCoreThreadTimeOut(true);
            for (int t = 0; t < 20; t++) {
                pool.submit(() -> { }).get();
            }
            kept.add(pool);
        }
        Thread.sleep(3000); // the pools' threads time out; a few readings pass
        Thread health = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("futurist-health")).findFirst().orElse(null);
        if (health == null) {
            System.out.println("no futurist-health thread: run this under the agent");
            return;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        @SuppressWarnings("deprecation") long id = health.getId();
        long cpuBefore = threads.getThreadCpuTime(id);
        long before = System.nanoTime();
        Thread.sleep(10_000);
        long cpu = threads.getThreadCpuTime(id) - cpuBefore;
        long elapsed = System.nanoTime() - before;
        System.out.printf("executors=%d health thread: %.2f%% of a core, %.1f ms per reading%n",
                kept.size(), 100.0 * cpu / elapsed, cpu / 1e6 / (elapsed / 1e9));
    }
}
