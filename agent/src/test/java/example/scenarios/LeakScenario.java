package example.scenarios;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Nothing the agent keeps holds on to what the application let go of:
 * <ul>
 *   <li>{@code churn}: {@code args[0]} short-lived executors (mostly {@code ThreadPoolExecutor},
 *       one in fifty a {@code ForkJoinPool}; one in twenty runs a task; one in five is abandoned
 *       without shutdown, with no thread left) — afterwards every one of them is collected, the
 *       registry is back to its size before and the heap after GC within a few MB of it;</li>
 *   <li>{@code tasks}: tasks, their results, their futures and their exceptions, submitted to
 *       executors that stay alive, are collectable once they ran (or were cancelled, removed or
 *       purged);</li>
 *   <li>{@code redeploy}: the class loader of an application that used executors
 *       ({@link RedeployedApp}) is collectable once the application is dropped.</li>
 * </ul>
 * Waits for the collector through reference queues, with bounded time; prints {@code #result}
 * lines. Runs with or without the agent (without it, the registry numbers are absent).
 */
public final class LeakScenario {

    private static final long GC_PATIENCE_MILLIS = 20_000;

    private LeakScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        int executors = Integer.parseInt(args[0]);
        long started = System.nanoTime();
        tasks();
        long tasksDone = System.nanoTime();
        redeploy();
        long redeployDone = System.nanoTime();
        churn(executors);
        Report.print("timing", "parts", "tasksMillis=" + (tasksDone - started) / 1_000_000,
                "redeployMillis=" + (redeployDone - tasksDone) / 1_000_000,
                "churnMillis=" + (System.nanoTime() - redeployDone) / 1_000_000);
    }

    private static void churn(int count) throws Exception {
        // Warm up every path once, so that the baseline holds the classes and histograms these use.
        churnOnce(50, new ReferenceQueue<>(), new ArrayList<>());
        collect(new ArrayList<>(), null, 0);
        long heapBefore = usedHeapAfterGc();
        int registryBefore = registrySize();
        long started = System.nanoTime();
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        List<Reference<?>> references = new ArrayList<>(count);
        long abandoned = churnOnce(count, queue, references);
        long churnMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long collecting = System.nanoTime();
        int collected = collect(references, queue, count);
        Report.print("timing", "collect", "millis=" + (System.nanoTime() - collecting) / 1_000_000);
        references = null;
        int registryAfter = registrySize();
        long heapAfter = usedHeapAfterGc();
        Report.result("churn", "executors=" + count, "abandoned=" + abandoned, "collected=" + collected,
                "registryBefore=" + registryBefore, "registryAfter=" + registryAfter,
                "heapGrowthKb=" + (heapAfter - heapBefore) / 1024, "churnMillis=" + churnMillis);
    }

    /** Builds and drops {@code count} executors; returns how many were abandoned without shutdown. */
    private static long churnOnce(int count, ReferenceQueue<Object> queue, List<Reference<?>> references) throws Exception {
        long abandoned = 0;
        AtomicLong ran = new AtomicLong();
        for (int i = 0; i < count; i++) {
            boolean runsTask = i % 20 == 0;
            boolean abandon = i % 5 == 1 || i % 40 == 0; // some that ran a task, some that never did
            ExecutorService executor;
            if (i % 50 == 0) {
                executor = new ForkJoinPool(1, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false,
                        0, 1, 1, null, 1, TimeUnit.MILLISECONDS);
            } else {
                ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
                pool.allowCoreThreadTimeOut(true);
                executor = pool;
            }
            if (runsTask) {
                executor.submit(ran::incrementAndGet).get();
            }
            if (abandon) {
                abandoned++;
            } else {
                executor.shutdown();
            }
            references.add(new WeakReference<>(executor, queue));
        }
        return abandoned;
    }

    private static void tasks() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1);
        ForkJoinPool forkJoin = new ForkJoinPool(2);
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        List<Reference<?>> references = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (ExecutorService executor : List.of(pool, scheduled, forkJoin)) {
            String name = executor.getClass().getSimpleName();
            submitAndForget(executor, name, queue, references, labels);
        }
        // CompletableFuture stages on each pool and on the common pool.
        for (java.util.concurrent.Executor executor : List.of(pool, forkJoin, ForkJoinPool.commonPool())) {
            completeAndForget(executor, queue, references, labels);
        }
        // Tasks that left without running: cancelled and purged, removed, drained by shutdownNow of another pool.
        Gate gate = new Gate();
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                holding.countDown();
                gate.pass();
            });
        }
        holding.await();
        Task cancelled = new Task();
        Future<Result> cancelledFuture = pool.submit(cancelled);
        cancelledFuture.cancel(false);
        pool.purge();
        Runnable removed = new Task()::call;
        pool.execute(removed);
        pool.remove(removed);
        track(cancelled, "cancelledTask", queue, references, labels);
        track(cancelledFuture, "cancelledFuture", queue, references, labels);
        track(removed, "removedTask", queue, references, labels);
        cancelled = null;
        cancelledFuture = null;
        removed = null;
        gate.open();
        List<String> alive = collectLabels(references, labels, queue);
        Report.result("tasks", "tracked=" + references.size(), "notCollected=" + (alive.isEmpty() ? "none" : String.join(",", alive)),
                "poolsAlive=" + !(pool.isShutdown() || scheduled.isShutdown() || forkJoin.isShutdown()));
        for (ExecutorService executor : List.of(pool, scheduled, forkJoin)) {
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** Runs two CompletableFuture stages on {@code executor}; keeps only weak references. */
    private static void completeAndForget(java.util.concurrent.Executor executor, ReferenceQueue<Object> queue,
                                          List<Reference<?>> references, List<String> labels) throws Exception {
        Result result = new Result();
        CompletableFuture<Result> future = CompletableFuture.supplyAsync(() -> result, executor).thenApplyAsync(r -> r, executor);
        future.get();
        track(future, "completableFuture@" + executor.getClass().getSimpleName(), queue, references, labels);
        track(result, "completableResult@" + executor.getClass().getSimpleName(), queue, references, labels);
    }

    /** Submits a task returning a fresh result, a failing task, and (scheduled pools) a scheduled one; keeps only weak references. */
    private static void submitAndForget(ExecutorService executor, String name, ReferenceQueue<Object> queue,
                                        List<Reference<?>> references, List<String> labels) throws Exception {
        Task task = new Task();
        Future<Result> future = executor.submit(task);
        Result result = future.get();
        track(task, "task@" + name, queue, references, labels);
        track(future, "future@" + name, queue, references, labels);
        track(result, "result@" + name, queue, references, labels);
        Failing failing = new Failing();
        Future<Result> failed = executor.submit(failing);
        try {
            failed.get();
        } catch (java.util.concurrent.ExecutionException expected) {
            track(expected.getCause(), "exception@" + name, queue, references, labels);
        }
        track(failing, "failingTask@" + name, queue, references, labels);
        track(failed, "failedFuture@" + name, queue, references, labels);
        Runnable plain = new Task()::call;
        java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
        Runnable executed = () -> {
            plain.run();
            ran.countDown();
        };
        executor.execute(executed);
        ran.await();
        track(executed, "executedRunnable@" + name, queue, references, labels);
        if (executor instanceof ScheduledThreadPoolExecutor) {
            Task scheduledTask = new Task();
            Future<Result> scheduledFuture = ((ScheduledThreadPoolExecutor) executor).schedule(scheduledTask, 1, TimeUnit.MILLISECONDS);
            track(scheduledFuture.get(), "scheduledResult@" + name, queue, references, labels);
            track(scheduledTask, "scheduledTask@" + name, queue, references, labels);
            track(scheduledFuture, "scheduledFuture@" + name, queue, references, labels);
        }
    }

    private static void redeploy() throws Exception {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        List<Reference<?>> references = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        long checksum = runRedeployed(queue, references, labels);
        List<String> alive = collectLabels(references, labels, queue);
        Report.result("redeploy", "checksum=" + checksum, "notCollected=" + (alive.isEmpty() ? "none" : String.join(",", alive)));
    }

    /** Loads {@link RedeployedApp} in a loader of its own, runs it and lets go of it; keeps only weak references. */
    private static long runRedeployed(ReferenceQueue<Object> queue, List<Reference<?>> references, List<String> labels)
            throws Exception {
        Path classes = Paths.get(LeakScenario.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (URLClassLoader loader = new URLClassLoader("redeployed", new URL[] {classes.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> app = loader.loadClass(RedeployedApp.class.getName());
            if (app == RedeployedApp.class) {
                throw new IllegalStateException("the application was not loaded by a loader of its own");
            }
            Method run = app.getMethod("run");
            long checksum = (Long) run.invoke(null);
            track(loader, "classLoader", queue, references, labels);
            track(app, "applicationClass", queue, references, labels);
            return checksum;
        }
    }

    // ----- waiting for the collector

    private static void track(Object object, String label, ReferenceQueue<Object> queue, List<Reference<?>> references,
                              List<String> labels) {
        references.add(new WeakReference<>(object, queue));
        labels.add(label);
    }

    /** Collects until every reference is cleared or patience runs out; returns the labels still reachable. */
    private static List<String> collectLabels(List<Reference<?>> references, List<String> labels, ReferenceQueue<Object> queue)
            throws InterruptedException {
        collect(references, queue, references.size());
        List<String> alive = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            if (references.get(i).get() != null) {
                alive.add(labels.get(i));
            }
        }
        return alive;
    }

    /**
     * Runs the collector until {@code expected} references have been enqueued on {@code queue}
     * (all of {@code references} cleared), or {@value #GC_PATIENCE_MILLIS} ms have passed.
     *
     * @return how many were cleared
     */
    private static int collect(List<Reference<?>> references, ReferenceQueue<Object> queue, int expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GC_PATIENCE_MILLIS);
        int cleared = 0;
        do {
            System.gc();
            if (queue != null) {
                // Wait for the collector's hand-over, not for time: remove() returns as soon as one arrives.
                Reference<?> gone = queue.remove(100);
                while (gone != null) {
                    cleared++;
                    gone = queue.poll();
                }
            }
        } while (cleared < expected && System.nanoTime() < deadline);
        return cleared;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        withdrawFinishedMBeans();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * The agent's JMX publisher withdraws the MBeans of finished executors once a second; until
     * then each holds its executor's statistics. Asking it to catch up now measures what stays,
     * not what is on its way out.
     */
    private static void withdrawFinishedMBeans() {
        try {
            javax.management.ObjectName agent = new javax.management.ObjectName("io.futurist:type=Agent");
            javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(agent)) {
                server.invoke(agent, "refresh", null, null);
            }
        } catch (javax.management.JMException unavailable) {
            // No agent, or JMX off: nothing is held there.
        }
    }

    private static int registrySize() {
        return Report.futuristPresent() ? FuturistView.executorCount() : -1;
    }

    /** A result object of its own, so that its collection can be watched. */
    static final class Result {
    }

    /** A task class of its own, returning a fresh result. */
    static final class Task implements Callable<Result> {
        @Override
        public Result call() {
            return new Result();
        }
    }

    /** A task that fails with a fresh exception. */
    static final class Failing implements Callable<Result> {
        @Override
        public Result call() {
            throw new IllegalStateException("failing task");
        }
    }
}
