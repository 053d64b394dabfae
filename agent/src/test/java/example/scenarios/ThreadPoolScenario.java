package example.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Plain {@code ThreadPoolExecutor}s: a fixed pool fed from four threads at once and through
 * execute, invokeAll and failing tasks; a subclass whose hooks skip {@code super}; the
 * AbortPolicy and CallerRunsPolicy rejection paths.
 */
public final class ThreadPoolScenario {

    public static final int SUBMITTERS = 4;
    public static final int PER_SUBMITTER = 2500;
    public static final int EXECUTES = 100;
    public static final int INVOKE_ALL = 50;
    public static final int AFTER_FAILURE = 10;

    private ThreadPoolScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        fixedPool();
        customHooks();
        abortPolicy();
        callerRunsPolicy();
    }

    private static void fixedPool() throws Exception {
        CountDownLatch uncaught = new CountDownLatch(1);
        AtomicInteger uncaughtCount = new AtomicInteger();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            uncaughtCount.incrementAndGet();
            uncaught.countDown();
        });
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(3);

        // Four threads submit at once.
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
                    futures.add(pool.submit(() -> value * 3 + 1));
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

        // execute()
        LongAdder executeSum = new LongAdder();
        CountDownLatch executed = new CountDownLatch(EXECUTES);
        for (int i = 0; i < EXECUTES; i++) {
            int value = i;
            pool.execute(() -> {
                executeSum.add(value);
                executed.countDown();
            });
        }
        executed.await();

        // invokeAll
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < INVOKE_ALL; i++) {
            int value = i;
            calls.add(() -> value * value);
        }
        long invokeAllSum = 0;
        for (Future<Integer> future : pool.invokeAll(calls)) {
            invokeAllSum += future.get();
        }

        // A failure captured by submit's FutureTask.
        String captured;
        try {
            pool.submit(() -> {
                throw new IllegalStateException("captured by the future");
            }).get();
            captured = "none";
        } catch (ExecutionException e) {
            captured = e.getCause().getMessage().replace(' ', '_');
        }

        // A failure thrown through execute(): the worker dies and is replaced.
        pool.execute(() -> {
            throw new IllegalStateException("thrown through execute");
        });
        uncaught.await();
        long afterFailure = 0;
        List<Future<Integer>> more = new ArrayList<>();
        for (int i = 0; i < AFTER_FAILURE; i++) {
            int value = i;
            more.add(pool.submit(() -> value + 100));
        }
        for (Future<Integer> future : more) {
            afterFailure += future.get();
        }

        Report.stats("fixed-running", pool);
        pool.shutdown();
        Report.stats("fixed-shutdown", pool);
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("fixed", pool);
        Report.result("fixed", "terminated=" + terminated, "checksum=" + checksum, "executeSum=" + executeSum.sum(),
                "invokeAllSum=" + invokeAllSum, "captured=" + captured, "uncaught=" + uncaughtCount.get(),
                "afterFailure=" + afterFailure, "jdkCompleted=" + pool.getCompletedTaskCount());
        Thread.setDefaultUncaughtExceptionHandler(null);
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

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
