package example.scenarios;

import io.futurist.GreenExecutor;
import io.futurist.SynchronousExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One workload, run on every kind of executor ({@link Kind}) in turn, so that the same exact
 * counts can be asserted for each (the agent's {@code ExecutorSuite} tests, one class per kind).
 *
 * <p>For each kind, on a fresh executor:
 * <ol>
 *   <li><b>held</b>: {@link #HOLDERS} tasks, submitted from threads of their own, wait at a
 *       {@link Gate} once they run; where the executor queues ({@link Kind#queues}),
 *       {@link #QUEUED} more wait behind them. {@code #stats KIND-held} shows them: all
 *       accepted, the holders active, the rest queued, nothing run. Then {@link #CANCELLED} of
 *       the queued futures are cancelled and the gate opens.</li>
 *   <li><b>work</b>: {@link #FAILING_EXECUTES} tasks given to {@code execute} throw (the
 *       exception ends where the kind sends it: {@link Kind#executeFailures}),
 *       {@link #FAILING_SUBMITS} submitted ones throw into their futures, {@link #EXECUTES}
 *       executes, {@link #SUBMITS} submits, an {@code invokeAll} of {@link #INVOKE_ALL}, and
 *       {@link #SUBMITTERS} threads submitting {@link #PER_SUBMITTER} tasks each at once.
 *       {@code #stats KIND-running}, then {@code shutdown} and {@code #stats KIND-shutdown}.</li>
 *   <li><b>refused</b>: {@link #REJECTED} executes after {@code shutdown}; then
 *       {@code awaitTermination} and {@code #stats KIND}, and {@code #result KIND} with what the
 *       application saw (the same with and without the agent).</li>
 * </ol>
 *
 * <p>Arguments name the kinds to run (all by default); a kind the JVM lacks prints
 * {@code #result KIND available=false} and nothing else. The API's own executors come from
 * the API jar or, under the agent, from the agent. Nothing waits for time to pass.
 */
public final class ExecutorSuiteScenario {

    /** Tasks that hold the executor's workers (or, synchronously, their callers) while the held state is read. */
    public static final int HOLDERS = 2;
    /** Tasks queued behind the holders, where the executor queues. */
    public static final int QUEUED = 6;
    /** Queued futures cancelled before they start. */
    public static final int CANCELLED = 2;
    public static final int FAILING_EXECUTES = 2;
    public static final int FAILING_SUBMITS = 3;
    public static final int EXECUTES = 20;
    public static final int SUBMITS = 10;
    public static final int INVOKE_ALL = 5;
    public static final int SUBMITTERS = 4;
    public static final int PER_SUBMITTER = 1000;
    /** Executes refused after {@code shutdown}. */
    public static final int REJECTED = 2;

    /** How the exception of a task given to {@code execute} reaches the application. */
    public enum Failure {
        /** The thread that ran it ends with it: its uncaught-exception handler sees it. */
        HANDLER,
        /** The executor wraps the task in a future, which keeps it. */
        FUTURE,
        /** The task ran in the caller of {@code execute}, which it is thrown to. */
        CALLER
    }

    /** The executors the suite runs on, each built fresh with two workers where it has workers. */
    public enum Kind {
        THREAD_POOL(true, Failure.HANDLER, true),
        SCHEDULED_THREAD_POOL(true, Failure.FUTURE, true),
        FORK_JOIN_POOL(true, Failure.HANDLER, true),
        /** {@code Executors.newVirtualThreadPerTaskExecutor()}, Java 21+: every task starts a thread of its own. */
        VIRTUAL_THREAD_PER_TASK(false, Failure.HANDLER, true),
        /** The API's {@code GreenExecutor} bounded to two tasks at once (Java 21+). */
        GREEN(true, Failure.HANDLER, true),
        /** The API's {@code SynchronousExecutor}: every task runs in its caller, nothing waits. */
        SYNCHRONOUS(false, Failure.CALLER, false);

        /** Whether tasks beyond the workers wait in a queue (rather than starting, or running in the caller). */
        public final boolean queues;
        public final Failure executeFailures;
        /** Whether a task waits between acceptance and start, so that a queue time is measured. */
        public final boolean waits;

        Kind(boolean queues, Failure executeFailures, boolean waits) {
            this.queues = queues;
            this.executeFailures = executeFailures;
            this.waits = waits;
        }

        /** The label of this kind's lines: {@code thread-pool}, {@code fork-join-pool}... */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Tasks queued behind the holders. */
        public int queued() {
            return queues ? QUEUED : 0;
        }

        /** Queued futures cancelled before they start. */
        public int cancelled() {
            return queues ? CANCELLED : 0;
        }

        /** Every task the executor accepts. */
        public long submitted() {
            return HOLDERS + queued() + FAILING_EXECUTES + FAILING_SUBMITS + EXECUTES + SUBMITS + INVOKE_ALL
                    + (long) SUBMITTERS * PER_SUBMITTER;
        }

        /**
         * The JDK's own count of completed tasks, where it keeps one ({@code ThreadPoolExecutor}s:
         * every task a worker took, a cancelled future included); -1 elsewhere.
         */
        long jdkCompleted(ExecutorService executor) {
            return executor instanceof ThreadPoolExecutor ? ((ThreadPoolExecutor) executor).getCompletedTaskCount() : -1;
        }

        /** A fresh executor of this kind, or {@code null} where this JVM has none. */
        ExecutorService create() throws ReflectiveOperationException {
            switch (this) {
                case THREAD_POOL:
                    return new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                case SCHEDULED_THREAD_POOL:
                    return new ScheduledThreadPoolExecutor(2);
                case FORK_JOIN_POOL:
                    return new ForkJoinPool(2);
                case VIRTUAL_THREAD_PER_TASK:
                    // Found the way an application would: by looking for it (it compiles for Java 17).
                    try {
                        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
                    } catch (NoSuchMethodException older) {
                        return null;
                    }
                case GREEN:
                    return GreenExecutor.isSupported() ? new GreenExecutor(2) : null;
                case SYNCHRONOUS:
                    return new SynchronousExecutor();
                default:
                    throw new AssertionError(this);
            }
        }
    }

    private static final AtomicInteger UNCAUGHT = new AtomicInteger();

    private ExecutorSuiteScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        // The failing executes of the HANDLER kinds end their threads: count them, keep stderr for the agent.
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            synchronized (UNCAUGHT) {
                UNCAUGHT.incrementAndGet();
                UNCAUGHT.notifyAll();
            }
        });
        List<Kind> kinds = new ArrayList<>();
        for (String arg : args) {
            kinds.add(Kind.valueOf(arg));
        }
        for (Kind kind : kinds.isEmpty() ? List.of(Kind.values()) : kinds) {
            ExecutorService executor = kind.create();
            if (executor == null) {
                Report.result(kind.label(), "available=false");
            } else {
                run(kind, executor);
            }
        }
    }

    private static void run(Kind kind, ExecutorService executor) throws Exception {
        String label = kind.label();
        int uncaughtBefore = UNCAUGHT.get();

        // 1. held
        Gate gate = new Gate();
        CountDownLatch holding = new CountDownLatch(HOLDERS);
        List<Thread> holderSubmitters = new ArrayList<>();
        for (int i = 0; i < HOLDERS; i++) {
            // A thread of its own each: a synchronous executor runs the holder in its caller.
            Thread submitter = new Thread(() -> executor.execute(() -> {
                holding.countDown();
                gate.pass();
            }), label + "-holder-" + i);
            holderSubmitters.add(submitter);
            submitter.start();
        }
        holding.await();
        LongAdder heldRan = new LongAdder();
        List<Future<?>> queued = new ArrayList<>();
        for (int i = 0; i < kind.queued(); i++) {
            queued.add(executor.submit(heldRan::increment));
        }
        Report.stats(label + "-held", executor);
        int cancelledSeen = 0;
        for (int i = 0; i < kind.cancelled(); i++) {
            cancelledSeen += queued.get(i).cancel(false) ? 1 : 0;
        }
        gate.open();
        for (Thread submitter : holderSubmitters) {
            submitter.join();
        }
        for (Future<?> future : queued.subList(kind.cancelled(), queued.size())) {
            future.get();
        }

        // 2. work
        int thrownToCaller = 0;
        int capturedByFuture = 0;
        CountDownLatch failedExecutes = new CountDownLatch(FAILING_EXECUTES);
        for (int i = 0; i < FAILING_EXECUTES; i++) {
            try {
                executor.execute(() -> {
                    failedExecutes.countDown();
                    throw new IllegalStateException("thrown through execute");
                });
            } catch (IllegalStateException inTheCaller) {
                thrownToCaller++;
            }
        }
        failedExecutes.await();
        if (kind.executeFailures == Failure.HANDLER) {
            awaitUncaught(uncaughtBefore + FAILING_EXECUTES);
        }
        for (int i = 0; i < FAILING_SUBMITS; i++) {
            try {
                executor.submit((Callable<Integer>) () -> {
                    throw new IllegalArgumentException("captured by the future");
                }).get();
            } catch (ExecutionException e) {
                capturedByFuture += e.getCause() instanceof IllegalArgumentException ? 1 : 0;
            }
        }
        LongAdder executeSum = new LongAdder();
        CountDownLatch executed = new CountDownLatch(EXECUTES);
        for (int i = 0; i < EXECUTES; i++) {
            int value = i;
            executor.execute(() -> {
                executeSum.add(value);
                executed.countDown();
            });
        }
        executed.await();
        long submitSum = 0;
        for (int i = 0; i < SUBMITS; i++) {
            int value = i;
            submitSum += executor.submit(() -> value + 100).get();
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < INVOKE_ALL; i++) {
            int value = i;
            calls.add(() -> value * value);
        }
        long invokeAllSum = 0;
        for (Future<Integer> future : executor.invokeAll(calls)) {
            invokeAllSum += future.get();
        }
        long checksum = submitAtOnce(executor);

        Report.stats(label + "-running", executor);
        executor.shutdown();
        Report.stats(label + "-shutdown", executor);

        // 3. refused
        int refused = 0;
        for (int i = 0; i < REJECTED; i++) {
            try {
                executor.execute(() -> { });
            } catch (RejectedExecutionException e) {
                refused++;
            }
        }
        boolean terminated = executor.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats(label, executor);
        Report.result(label, "available=true", "terminated=" + terminated, "heldRan=" + heldRan.sum(),
                "cancelledSeen=" + cancelledSeen, "uncaught=" + (UNCAUGHT.get() - uncaughtBefore),
                "thrownToCaller=" + thrownToCaller, "capturedByFuture=" + capturedByFuture,
                "executeSum=" + executeSum.sum(), "submitSum=" + submitSum, "invokeAllSum=" + invokeAllSum,
                "checksum=" + checksum, "refused=" + refused, "jdkCompleted=" + kind.jdkCompleted(executor));
    }

    /** {@link #SUBMITTERS} threads submit {@link #PER_SUBMITTER} tasks each at once; the sum of their results. */
    private static long submitAtOnce(ExecutorService executor) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<List<Future<Long>>> perSubmitter = new ArrayList<>();
        List<Thread> submitters = new ArrayList<>();
        for (int s = 0; s < SUBMITTERS; s++) {
            List<Future<Long>> futures = new ArrayList<>();
            perSubmitter.add(futures);
            long base = s * 1_000_000L;
            Thread submitter = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < PER_SUBMITTER; i++) {
                    long value = base + i;
                    futures.add(executor.submit(() -> value * 3 + 1));
                }
            }, "submitter-" + s);
            submitters.add(submitter);
            submitter.start();
        }
        start.countDown();
        for (Thread submitter : submitters) {
            submitter.join();
        }
        long checksum = 0;
        for (List<Future<Long>> futures : perSubmitter) {
            for (Future<Long> future : futures) {
                checksum += future.get();
            }
        }
        return checksum;
    }

    private static void awaitUncaught(int count) throws InterruptedException {
        synchronized (UNCAUGHT) {
            while (UNCAUGHT.get() < count) {
                UNCAUGHT.wait();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
