package example.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What only {@code ThreadPoolExecutor}s have: a subclass whose hooks skip {@code super}; the
 * AbortPolicy and CallerRunsPolicy rejection paths. (The workload every kind of executor runs,
 * a plain pool's included, is {@link ExecutorSuiteScenario}.)
 */
public final class ThreadPoolScenario {

    private ThreadPoolScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        customHooks();
        abortPolicy();
        callerRunsPolicy();
    }

    /** A subclass whose beforeExecute/afterExecute do not call super. */
    static final class AuditedPool extends ThreadPoolExecutor {
        final LongAdder before = new LongAdder();
        final LongAdder after = new LongAdder();
        final LongAdder thrown = new LongAdder();

        AuditedPool(ThreadFactory threads) {
            super(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            before.increment();
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            after.increment();
            if (t != null) {
                thrown.increment();
            }
        }
    }

    private static void customHooks() throws Exception {
        CountDownLatch died = new CountDownLatch(1);
        AtomicInteger names = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "audited-" + names.incrementAndGet());
            thread.setUncaughtExceptionHandler((t, e) -> died.countDown());
            return thread;
        };
        AuditedPool pool = new AuditedPool(threads);
        long sum = 0;
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int value = i;
            futures.add(pool.submit(() -> value * 2));
        }
        for (Future<Integer> future : futures) {
            sum += future.get();
        }
        Future<?> failing = pool.submit(() -> {
            throw new IllegalArgumentException("captured");
        });
        boolean failed;
        try {
            failing.get();
            failed = false;
        } catch (ExecutionException e) {
            failed = true;
        }
        pool.execute(() -> {
            throw new IllegalArgumentException("thrown");
        });
        died.await();
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("custom", pool);
        Report.result("custom", "terminated=" + terminated, "sum=" + sum, "capturedFailure=" + failed,
                "before=" + pool.before.sum(), "after=" + pool.after.sum(), "afterSawThrown=" + pool.thrown.sum());
    }

    private static void abortPolicy() throws Exception {
        Gate gate = new Gate();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
        LongAdder ran = new LongAdder();
        pool.execute(() -> {
            gate.pass();
            ran.increment();
        });
        Future<?> queued = pool.submit(ran::increment);
        int refused = 0;
        try {
            pool.execute(ran::increment);
        } catch (RejectedExecutionException e) {
            refused++;
        }
        try {
            pool.submit(() -> 1);
        } catch (RejectedExecutionException e) {
            refused++;
        }
        gate.open();
        queued.get();
        pool.shutdown();
        try {
            pool.execute(ran::increment);
        } catch (RejectedExecutionException e) {
            refused++;
        }
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("abort", pool);
        Report.result("abort", "terminated=" + terminated, "refused=" + refused, "ran=" + ran.sum());
    }

    private static void callerRunsPolicy() throws Exception {
        Gate gate = new Gate();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
                new ThreadPoolExecutor.CallerRunsPolicy());
        Thread caller = Thread.currentThread();
        LongAdder ranInPool = new LongAdder();
        LongAdder ranInCaller = new LongAdder();
        Runnable work = () -> (Thread.currentThread() == caller ? ranInCaller : ranInPool).increment();
        pool.execute(() -> {
            gate.pass();
            work.run();
        });
        Future<?> queued = pool.submit(work);
        pool.execute(work);
        pool.execute(work);
        gate.open();
        queued.get();
        pool.shutdown();
        pool.execute(work); // shut down: CallerRunsPolicy discards it
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("callerRuns", pool);
        Report.result("callerRuns", "terminated=" + terminated, "ranInPool=" + ranInPool.sum(),
                "ranInCaller=" + ranInCaller.sum());
    }
}
