package example.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The JDK's thread-per-task executors (Java 21+): {@code Executors.newVirtualThreadPerTaskExecutor()}
 * and {@code newThreadPerTaskExecutor(factory)}, with a workload each, and ten thousand
 * virtual threads that park and wake, so that the virtual-thread scheduler carries many mounts.
 * This scenario compiles for Java 17 and reaches the Java 21 API by reflection; on a JVM without
 * it it prints {@code #result vthreads available=false} and does nothing else.
 *
 * <p>Without arguments it runs everything once and ends; with {@code live} it waits for an
 * agent to be attached, as {@code RunningChild} drives it: {@code before} builds an executor and
 * runs tasks on it, {@code after N} runs N more, closes it, runs the ten thousand virtual threads
 * and reports.
 *
 * <p>Nothing waits for time to pass: a task held back before it starts waits for a latch in its
 * thread, before the executor's runner is called.
 */
public final class VirtualThreadScenario {

    public static final int INVOKE_ALL = 5;
    public static final int INVOKE_ALL_FAILURES = 1;
    public static final int INVOKE_ANY = 3;
    public static final int HELD = 6;
    public static final int CANCELLED = 4;
    public static final int VIRTUAL_THREADS = 10_000;
    public static final int INTERRUPTED = 3;
    public static final int RACE_ROUNDS = 150;

    private static final Class<?> THREAD_PER_TASK = type("java.util.concurrent.ThreadPerTaskExecutor");
    private static final Class<?> BUILDER = type("java.lang.Thread$Builder");

    private VirtualThreadScenario() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("live")) {
            live();
            return;
        }
        if (args.length > 0 && args[0].equals("closeRace")) {
            if (THREAD_PER_TASK != null) {
                closeRace();
            }
            return;
        }
        // The common pool is known once ForkJoinPool is initialised: before the mark, so that only
        // a pool the virtual threads brought would count below.
        ForkJoinPool.commonPool();
        long mark = Report.mark();
        Report.env();
        // Found the way an application would: by looking for the JDK's executor, not at its version.
        if (THREAD_PER_TASK == null) {
            Report.result("vthreads", "available=false");
            return;
        }
        Report.result("vthreads", "available=true");
        // The failing tasks given to execute() end their threads with an exception: keep stderr for the agent.
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> { });
        knownWorkload();
        cancelledBeforeStart();
        shutdownNowInterrupts();
        named();
        manyVirtualThreads();
        // The virtual-thread scheduler carried every task above: it must not be a pool of its own.
        Report.trackedJdk("forkJoinPools", mark, ForkJoinPool.class);
    }

    /**
     * What only a thread-per-task executor does: invokeAll with a failing callable, invokeAny
     * (every callable starts a thread of its own), then execute and submit refused after
     * close(): exact counts. (The workload every kind runs is {@link ExecutorSuiteScenario}'s.)
     */
    private static void knownWorkload() throws Exception {
        long mark = Report.mark();
        ExecutorService executor = virtualThreadPerTask();
        int failed = 0;
        List<Callable<Integer>> all = new ArrayList<>();
        for (int i = 0; i < INVOKE_ALL; i++) {
            int value = i;
            all.add(i < INVOKE_ALL_FAILURES ? () -> {
                throw new IllegalStateException("failing on purpose");
            } : () -> value);
        }
        for (Future<Integer> future : executor.invokeAll(all)) {
            try {
                future.get();
            } catch (ExecutionException expected) {
                failed++;
            }
        }
        List<Callable<Integer>> any = new ArrayList<>();
        for (int i = 0; i < INVOKE_ANY; i++) {
            any.add(() -> 7);
        }
        int anyResult = executor.invokeAny(any);
        close(executor);
        int refused = 0;
        try {
            executor.execute(() -> { });
        } catch (RejectedExecutionException expected) {
            refused++;
        }
        try {
            executor.submit(() -> 1);
        } catch (RejectedExecutionException expected) {
            refused++;
        }
        Report.stats("known", executor);
        Report.tracked("knownTracked", mark, THREAD_PER_TASK);
        Report.result("known", "failedFutures=" + failed, "invokeAny=" + anyResult, "refused=" + refused,
                "terminated=" + executor.isTerminated());
    }

    /**
     * Submitters racing {@code close()}, {@value #RACE_ROUNDS} times: three platform threads
     * submit until refused (a no-op {@code execute}, a failing {@code submit}, a {@code submit}
     * cancelled at once) while this thread closes the executor once the first tasks are in; some
     * refusals come from the executor's shut-down check, some from a thread it could no longer
     * start. Whatever the interleaving, the books must say what the callers saw: every accepted
     * task submitted, then executed or cancelled; every refusal rejected; every failing task a
     * failure (nobody cancels those, and {@code close} waits for them).
     */
    private static void closeRace() throws Exception {
        int mismatches = 0;
        String first = "none";
        long acceptedInAll = 0;
        long refusedInAll = 0;
        for (int round = 0; round < RACE_ROUNDS; round++) {
            ExecutorService executor = virtualThreadPerTask();
            AtomicLong failing = new AtomicLong();
            SubmittersUntilRefused submitters = new SubmittersUntilRefused(3, 30, (kind, i) -> {
                int which = (kind + i) % 3;
                if (which == 0) {
                    executor.execute(() -> { });
                } else if (which == 1) {
                    executor.submit(() -> {
                        throw new IllegalStateException("failing on purpose");
                    });
                    failing.incrementAndGet();
                } else {
                    executor.submit(() -> 1).cancel(true);
                }
            });
            AtomicLong accepted = submitters.accepted;
            AtomicLong refused = submitters.refused;
            submitters.awaitSomeIn();
            close(executor);
            submitters.join();
            // submitted, executed, failures, cancelled, rejected, queued, active
            long[] c = FuturistView.counts(executor);
            boolean right = c[0] == accepted.get() && c[1] + c[3] == c[0] && c[2] == failing.get()
                    && c[4] == refused.get() && c[5] == 0 && c[6] == 0;
            if (!right) {
                if (mismatches == 0) {
                    first = "round" + round + ":accepted" + accepted.get() + ",refused" + refused.get() + ",failing"
                            + failing.get() + ",books" + java.util.Arrays.toString(c).replace(" ", "");
                }
                mismatches++;
            }
            acceptedInAll += accepted.get();
            refusedInAll += refused.get();
        }
        Report.result("closeRace", "rounds=" + RACE_ROUNDS, "mismatches=" + mismatches, "first=" + first,
                "accepted=" + acceptedInAll, "refused=" + refusedInAll);
    }

    /**
     * Futures cancelled while their threads wait at a gate, before the executor's runner: they
     * count as cancelled, and as queued until then; the ones left alone run.
     */
    private static void cancelledBeforeStart() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ThreadFactory virtual = virtualFactory(null);
        ThreadFactory gated = task -> virtual.newThread(() -> {
            awaitQuietly(gate);
            task.run();
        });
        ExecutorService executor = threadPerTask(gated);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < HELD; i++) {
            futures.add(executor.submit(() -> 1));
        }
        int cancelled = 0;
        for (int i = 0; i < CANCELLED; i++) {
            if (futures.get(i).cancel(false)) {
                cancelled++;
            }
        }
        Report.shape("heldBack", executor);
        gate.countDown();
        int ran = 0;
        for (int i = CANCELLED; i < HELD; i++) {
            ran += futures.get(i).get();
        }
        executor.shutdown();
        boolean terminated = executor.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("cancelled", executor);
        Report.result("cancelled", "cancelled=" + cancelled, "ran=" + ran, "terminated=" + terminated);
    }

    /**
     * {@code shutdownNow()} interrupts the running tasks and returns no task (a thread-per-task
     * executor queues none): the interrupted runs end and count as executed, the one that
     * throws on its interrupt as a failure.
     */
    private static void shutdownNowInterrupts() throws Exception {
        ExecutorService executor = virtualThreadPerTask();
        CountDownLatch running = new CountDownLatch(INTERRUPTED);
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < INTERRUPTED; i++) {
            boolean throwing = i == 0;
            executor.execute(() -> {
                running.countDown();
                try {
                    never.await();
                } catch (InterruptedException interrupted) {
                    if (throwing) {
                        throw new IllegalStateException("interrupted", interrupted);
                    }
                }
            });
        }
        running.await();
        int returned = executor.shutdownNow().size();
        boolean terminated = executor.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("shutdownNow", executor);
        Report.result("shutdownNow", "returned=" + returned, "terminated=" + terminated);
    }

    /** A factory that names its threads names the executor; a platform-thread factory works alike. */
    private static void named() throws Exception {
        ExecutorService virtual = threadPerTask(virtualFactory("vworker-"));
        virtual.submit(() -> 1).get();
        close(virtual);
        Report.lookup("namedVirtual", virtual, "vworker-*");
        ExecutorService platform = threadPerTask(namedFactory("ofPlatform", "pworker-"));
        platform.execute(() -> { });
        close(platform);
        Report.lookup("namedPlatform", platform, "pworker-*");
    }

    /** Ten thousand virtual threads, each parking and woken once: every one is several mounts. */
    private static void manyVirtualThreads() throws InterruptedException {
        List<Thread> threads = new ArrayList<>(VIRTUAL_THREADS);
        for (int i = 0; i < VIRTUAL_THREADS; i++) {
            threads.add(startVirtual(() -> LockSupport.parkNanos(1_000L)));
        }
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
            thread.join();
        }
        Report.result("virtualThreads", "joined=" + threads.size());
    }

    /** The conversation for a dynamic attach (see the class comment). */
    private static void live() throws Exception {
        ExecutorService[] executor = new ExecutorService[1];
        Conversation.run(words -> {
            switch (words[1]) {
                case "before":
                    executor[0] = virtualThreadPerTask();
                    runAll(executor[0], Integer.parseInt(words[2]));
                    break;
                case "after":
                    long mark = Report.mark();
                    runAll(executor[0], Integer.parseInt(words[2]));
                    manyVirtualThreads();
                    close(executor[0]);
                    Report.stats("afterAttach", executor[0]);
                    Report.trackedJdk("afterAttachTracked", -1, THREAD_PER_TASK);
                    Report.trackedJdk("afterAttachForkJoinPools", mark, ForkJoinPool.class);
                    break;
                default:
                    throw new IllegalArgumentException("unknown command " + words[1]);
            }
        });
    }

    private static void runAll(ExecutorService executor, int tasks) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(tasks);
        for (int i = 0; i < tasks; i++) {
            executor.execute(done::countDown);
        }
        done.await();
    }

    private static ExecutorService virtualThreadPerTask() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    private static ExecutorService threadPerTask(ThreadFactory factory) throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
                .invoke(null, factory);
    }

    /** {@code Thread.ofVirtual().factory()}, or {@code .name(prefix, 0).factory()}. */
    private static ThreadFactory virtualFactory(String prefix) throws ReflectiveOperationException {
        return prefix == null ? (ThreadFactory) BUILDER.getMethod("factory").invoke(Thread.class.getMethod("ofVirtual").invoke(null))
                : namedFactory("ofVirtual", prefix);
    }

    /** {@code Thread.<builder>().name(prefix, 0).factory()}. */
    private static ThreadFactory namedFactory(String builder, String prefix) throws ReflectiveOperationException {
        Object named = BUILDER.getMethod("name", String.class, long.class)
                .invoke(Thread.class.getMethod(builder).invoke(null), prefix, 0L);
        return (ThreadFactory) BUILDER.getMethod("factory").invoke(named);
    }

    /** {@code Thread.ofVirtual().start(task)}. */
    private static Thread startVirtual(Runnable task) {
        try {
            return (Thread) BUILDER.getMethod("start", Runnable.class).invoke(Thread.class.getMethod("ofVirtual").invoke(null), task);
        } catch (ReflectiveOperationException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@code ExecutorService.close()} (Java 19+): shuts down and waits for the tasks to finish. */
    private static void close(ExecutorService executor) throws Exception {
        ((AutoCloseable) executor).close();
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException older) {
            return null;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
