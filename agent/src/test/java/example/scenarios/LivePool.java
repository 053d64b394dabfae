package example.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One pool of {@link LiveScenario}: a fixed {@code ThreadPoolExecutor} or a {@code ForkJoinPool},
 * whose worker threads are named {@code <label>-worker-<n>} (so Futurist names the pool
 * {@code <label>-worker-*}) and remembered, so that the scenario can tell when they are idle.
 */
final class LivePool {

    /** Longer than anything here takes, even on a busy machine; reaching it is a failure. */
    static final long LIMIT_SECONDS = 30;

    private final String label;
    private final ExecutorService executor;
    private final int workers;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Future<Integer>> held = new ArrayList<>();
    private final List<Integer> heldExpected = new ArrayList<>();
    private Gate gate;

    private LivePool(String label, int workers, boolean forkJoin) {
        this(label, workers, forkJoin, false);
    }

    private LivePool(String label, int workers, boolean forkJoin, boolean overridingBeforeExecute) {
        this.label = label;
        this.workers = workers;
        AtomicInteger numbers = new AtomicInteger();
        if (forkJoin) {
            this.executor = new ForkJoinPool(workers, pool -> {
                ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                thread.setName(label + "-worker-" + numbers.incrementAndGet());
                threads.add(thread);
                return thread;
            }, null, false);
        } else {
            ThreadFactory factory = task -> {
                Thread thread = new Thread(task, label + "-worker-" + numbers.incrementAndGet());
                threads.add(thread);
                return thread;
            };
            this.executor = overridingBeforeExecute ? new OverridingBeforeExecute(workers, factory)
                    : Executors.newFixedThreadPool(workers, factory);
        }
    }

    /** A fixed thread pool of {@code workers} threads. */
    static LivePool fixed(String label, int workers) {
        return new LivePool(label, workers, false);
    }

    /**
     * A fixed pool of {@code workers} threads whose class overrides {@code beforeExecute}
     * without calling {@code super}, as Spring's {@code ThreadPoolTaskExecutor} does.
     */
    static LivePool overridingBeforeExecute(String label, int workers) {
        return new LivePool(label, workers, false, true);
    }

    /** A fixed pool with its own {@code beforeExecute}, which never calls the JDK's. */
    static final class OverridingBeforeExecute extends ThreadPoolExecutor {
        final LongAdder before = new LongAdder();

        OverridingBeforeExecute(int workers, ThreadFactory threads) {
            super(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads);
        }

        @Override
        protected void beforeExecute(Thread worker, Runnable task) {
            before.increment();
        }
    }

    /** A {@code ForkJoinPool} of parallelism {@code workers}. */
    static LivePool forkJoin(String label, int workers) {
        return new LivePool(label, workers, true);
    }

    String label() {
        return label;
    }

    ExecutorService executor() {
        return executor;
    }

    /** The name Futurist gives the pool: after its worker threads. */
    String futuristName() {
        return label + "-worker-*";
    }

    boolean isForkJoin() {
        return executor instanceof ForkJoinPool;
    }

    /** Starts every worker: all of them run one task at the same time, then the pool is idle. */
    void warmUp() throws Exception {
        CountDownLatch together = new CountDownLatch(workers);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            futures.add(executor.submit(() -> {
                together.countDown();
                if (!together.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new TimeoutException(label + ": not every worker started");
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        }
        awaitIdle();
    }

    /**
     * Keeps every worker busy with a task that waits at a gate, and queues {@code queued} more
     * tasks behind them; returns once every worker is inside its held task.
     */
    void hold(int queued) throws Exception {
        gate = new Gate();
        Gate current = gate;
        CountDownLatch inside = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            int value = 1000 + i;
            held.add(executor.submit(() -> {
                inside.countDown();
                current.pass();
                return value;
            }));
            heldExpected.add(value);
        }
        if (!inside.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException(label + ": the held tasks did not all start");
        }
        for (int i = 0; i < queued; i++) {
            int value = 2000 + i;
            held.add(executor.submit(() -> value));
            heldExpected.add(value);
        }
    }

    /** Opens the gate of {@link #hold}; returns the held and queued tasks' {@code tasks} and {@code wrong}. */
    String[] release() throws Exception {
        if (gate != null) {
            gate.open();
        }
        int wrong = 0;
        for (int i = 0; i < held.size(); i++) {
            if (held.get(i).get(LIMIT_SECONDS, TimeUnit.SECONDS).intValue() != heldExpected.get(i)) {
                wrong++;
            }
        }
        String[] fields = {"tasks=" + held.size(), "wrong=" + wrong};
        held.clear();
        heldExpected.clear();
        gate = null;
        return fields;
    }

    /**
     * Runs exactly {@code tasks} tasks: even ones through {@code submit(Callable)}, odd ones
     * through {@code execute(Runnable)}. Each records its own runs, so the result says how many
     * never ran ({@code lost}), ran more than once ({@code twice}) or returned a wrong value.
     */
    String[] batch(int tasks) throws Exception {
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        LongAdder executedSum = new LongAdder();
        CountDownLatch executes = new CountDownLatch(tasks / 2);
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            int task = i;
            if (task % 2 == 0) {
                Callable<Long> call = () -> {
                    runs.incrementAndGet(task);
                    return task * 31L + 7;
                };
                futures.add(executor.submit(call));
            } else {
                executor.execute(() -> {
                    runs.incrementAndGet(task);
                    executedSum.add(task);
                    executes.countDown();
                });
            }
        }
        int wrong = 0;
        for (int i = 0; i < futures.size(); i++) {
            if (futures.get(i).get(LIMIT_SECONDS, TimeUnit.SECONDS) != (2L * i) * 31L + 7) {
                wrong++;
            }
        }
        if (!executes.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException(label + ": " + executes.getCount() + " executed tasks never ran");
        }
        long expectedSum = 0;
        for (int i = 1; i < tasks; i += 2) {
            expectedSum += i;
        }
        if (executedSum.sum() != expectedSum) {
            wrong++;
        }
        int lost = 0;
        int twice = 0;
        for (int i = 0; i < tasks; i++) {
            lost += runs.get(i) == 0 ? 1 : 0;
            twice += runs.get(i) > 1 ? 1 : 0;
        }
        return new String[] {"tasks=" + tasks, "lost=" + lost, "twice=" + twice, "wrong=" + wrong};
    }

    /**
     * Waits until every worker is idle, waiting for work inside the pool
     * ({@code ThreadPoolExecutor.getTask}, {@code ForkJoinPool.awaitWork}).
     *
     * <p>Why look at the threads: a task's future completes inside its run, a little before the
     * worker finishes that run — which is when the agent records it (for a worker older than
     * the agent, even later: when it asks for its next task). A worker waiting for work has
     * done all that, and nothing else in the application can tell. This is the one place where
     * the scenario checks a state repeatedly; it never waits for a time to pass.
     */
    void awaitIdle() throws TimeoutException {
        String waitsIn = isForkJoin() ? "awaitWork" : "getTask";
        String owner = isForkJoin() ? ForkJoinPool.class.getName() : ThreadPoolExecutor.class.getName();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        for (Thread thread : threads) {
            while (thread.isAlive() && !waitsForWork(thread, owner, waitsIn)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(thread.getName() + " is not idle: " + thread.getState());
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    private static boolean waitsForWork(Thread thread, String owner, String method) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(owner) && frame.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }

    /** Shuts the pool down and waits until it has terminated and its worker threads have ended. */
    void shutDown() throws Exception {
        if (gate != null) {
            gate.open();
        }
        executor.shutdown();
        if (!executor.awaitTermination(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException(label + " did not terminate");
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
        }
    }
}
