package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.internal.ExecutorRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The executor that runs each task in its caller's thread: where tasks run, what is counted, and its lifecycle. */
class SynchronousExecutorTest {

    private final SynchronousExecutor executor = new SynchronousExecutor();
    private final ExecutorService helpers = Executors.newCachedThreadPool();

    @AfterEach
    void stopHelpers() throws InterruptedException {
        helpers.shutdownNow();
        assertTrue(helpers.awaitTermination(10, TimeUnit.SECONDS));
        executor.shutdown();
    }

    @Test
    void hasNoPoolShape() {
        executor.execute(() -> { });
        assertSame(PoolShape.NONE, executor.statistics().shape());
    }

    @Test
    void runsTasksInTheCallersThread() throws Exception {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ranIn = new AtomicReference<>();
        executor.execute(() -> ranIn.set(Thread.currentThread()));
        assertSame(caller, ranIn.get());
        assertSame(caller, executor.submit(Thread::currentThread).get());
    }

    @Test
    void submitReturnsADoneFutureWithTheValue() throws Exception {
        Future<String> future = executor.submit(() -> "done");
        assertTrue(future.isDone());
        assertEquals("done", future.get(0, TimeUnit.NANOSECONDS));
        ExecutorStatistics stats = executor.statistics();
        assertEquals(1, stats.submitted());
        assertEquals(1, stats.executed());
        assertEquals(0, stats.failures());
    }

    @Test
    void submitReturnsADoneFutureWithTheExceptionAndCountsAFailure() {
        IllegalStateException boom = new IllegalStateException("boom");
        Future<Object> future = executor.submit(() -> {
            throw boom;
        });
        assertTrue(future.isDone());
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(0, TimeUnit.NANOSECONDS));
        assertSame(boom, thrown.getCause());
        ExecutorStatistics stats = executor.statistics();
        assertEquals(1, stats.submitted());
        assertEquals(1, stats.executed());
        assertEquals(1, stats.failures());
    }

    @Test
    void executePropagatesTheExceptionAndCountsAFailure() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> executor.execute(() -> {
            throw boom;
        }));
        assertSame(boom, thrown);
        ExecutorStatistics stats = executor.statistics();
        assertEquals(1, stats.submitted());
        assertEquals(1, stats.executed());
        assertEquals(1, stats.failures());
        assertEquals(0, stats.active());
    }

    @Test
    void executePropagatesErrorsAndCountsAFailure() {
        assertThrows(StackOverflowError.class, () -> executor.execute(() -> {
            throw new StackOverflowError("deliberate");
        }));
        assertEquals(1, executor.statistics().failures());
    }

    @Test
    void nullTaskIsRefusedAndNotCounted() {
        assertThrows(NullPointerException.class, () -> executor.execute(null));
        assertEquals(ExecutorStatistics.EMPTY, executor.statistics());
    }

    @Test
    void countsAreExactWithSeveralSubmittingThreads() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        List<Future<?>> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            submitters.add(helpers.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    int n = i;
                    Future<?> f = executor.submit(() -> {
                        ran.incrementAndGet();
                        if (n % 4 == 0) {
                            throw new IllegalStateException("every fourth fails");
                        }
                    });
                    assertTrue(f.isDone());
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> submitter : submitters) {
            submitter.get(30, TimeUnit.SECONDS);
        }
        ExecutorStatistics stats = executor.statistics();
        assertEquals(threads * perThread, ran.get());
        assertEquals(threads * perThread, stats.submitted());
        assertEquals(threads * perThread, stats.executed());
        assertEquals(threads * perThread / 4, stats.failures());
        assertEquals(0, stats.cancelled());
        assertEquals(0, stats.active());
        assertEquals(0, stats.queued());
        assertEquals(Duration.ZERO, stats.queueTime());
        assertEquals(Duration.ZERO, stats.queueTimePercentile(100));
    }

    @Test
    void submissionsAfterShutdownAreRejectedAndNotSubmitted() {
        executor.execute(() -> { });
        executor.shutdown();
        AtomicBoolean ran = new AtomicBoolean();
        assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> ran.set(true)));
        assertThrows(RejectedExecutionException.class, () -> executor.submit(() -> ran.set(true)));
        assertFalse(ran.get());
        ExecutorStatistics stats = executor.statistics();
        assertEquals(1, stats.submitted());
        assertEquals(2, stats.rejected());
        assertEquals(1, stats.executed());
    }

    @Test
    void shutdownOfAnIdleExecutorTerminatesAtOnce() throws InterruptedException {
        assertTrue(executor.isAlive());
        assertFalse(executor.isShutdown());
        assertFalse(executor.isTerminated());
        executor.shutdown();
        assertFalse(executor.isAlive());
        assertTrue(executor.isShutdown());
        assertTrue(executor.isTerminated());
        assertTrue(executor.awaitTermination(0, TimeUnit.NANOSECONDS));
    }

    @Test
    void terminationWaitsForTasksRunningInOtherThreads() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Future<?> caller = helpers.submit(() -> executor.execute(() -> {
            running.countDown();
            awaitUninterruptibly(release);
            interrupted.set(Thread.currentThread().isInterrupted());
        }));
        assertTrue(running.await(10, TimeUnit.SECONDS));

        assertEquals(0, executor.shutdownNow().size());
        assertTrue(executor.isShutdown());
        assertFalse(executor.isTerminated());
        assertFalse(executor.awaitTermination(1, TimeUnit.MILLISECONDS));
        assertEquals(1, executor.statistics().active());

        release.countDown();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(executor.isTerminated());
        caller.get(10, TimeUnit.SECONDS);
        assertFalse(interrupted.get(), "shutdownNow must not interrupt a caller's task");
        assertEquals(1, executor.statistics().executed());
    }

    @Test
    void shutdownNowReturnsAnEmptyList() {
        List<Runnable> neverRun = executor.shutdownNow();
        assertTrue(neverRun.isEmpty());
        assertTrue(executor.isTerminated());
    }

    @Test
    void restartRevivesAndStartsStatisticsAfresh() throws Exception {
        executor.execute(() -> { });
        executor.submit(() -> {
            throw new IllegalStateException();
        });
        executor.shutdown();
        assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));

        executor.restart();
        assertTrue(executor.isAlive());
        assertFalse(executor.isShutdown());
        assertFalse(executor.isTerminated());
        assertFalse(executor.awaitTermination(0, TimeUnit.NANOSECONDS));
        assertEquals(ExecutorStatistics.EMPTY, executor.statistics());

        assertEquals(42, executor.submit(() -> 42).get());
        ExecutorStatistics stats = executor.statistics();
        assertEquals(1, stats.submitted());
        assertEquals(1, stats.executed());
        assertEquals(0, stats.failures());
        assertEquals(0, stats.rejected());
    }

    @Test
    void restartWhileAliveDoesNothing() {
        executor.execute(() -> { });
        executor.execute(() -> { });
        ExecutorStatistics before = executor.statistics();
        executor.restart();
        assertTrue(executor.isAlive());
        assertEquals(before.submitted(), executor.statistics().submitted());
        assertEquals(2, executor.statistics().executed());
    }

    @Test
    void invokeAllCountsEveryTask() throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            tasks.add(() -> {
                if (n % 2 == 1) {
                    throw new IllegalStateException("odd");
                }
                return n;
            });
        }
        List<Future<Integer>> futures = executor.invokeAll(tasks);
        assertEquals(5, futures.size());
        assertEquals(4, futures.get(4).get());
        assertThrows(ExecutionException.class, () -> futures.get(1).get());
        ExecutorStatistics stats = executor.statistics();
        assertEquals(5, stats.submitted());
        assertEquals(5, stats.executed());
        assertEquals(2, stats.failures());
    }

    @Test
    void invokeAnyCountsTheTasksItRan() throws Exception {
        AtomicBoolean thirdRan = new AtomicBoolean();
        List<Callable<String>> tasks = Arrays.asList(
                () -> {
                    throw new IllegalStateException("first fails");
                },
                () -> "second",
                () -> {
                    thirdRan.set(true);
                    return "third";
                });
        assertEquals("second", executor.invokeAny(tasks));
        assertFalse(thirdRan.get());
        ExecutorStatistics stats = executor.statistics();
        assertEquals(2, stats.submitted());
        assertEquals(2, stats.executed());
        assertEquals(1, stats.failures());
    }

    @Test
    void invokeAnyOfFailingTasksCountsEachFailure() {
        List<Callable<String>> tasks = Arrays.asList(
                () -> {
                    throw new IllegalStateException("one");
                },
                () -> {
                    throw new IllegalStateException("two");
                });
        assertThrows(ExecutionException.class, () -> executor.invokeAny(tasks));
        ExecutorStatistics stats = executor.statistics();
        assertEquals(2, stats.executed());
        assertEquals(2, stats.failures());
    }

    @Test
    void invokeAnyOfNoTasksIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> executor.invokeAny(new ArrayList<Callable<String>>()));
        assertThrows(NullPointerException.class, () -> executor.invokeAny(null));
        assertEquals(ExecutorStatistics.EMPTY, executor.statistics());
    }

    @Test
    void preCancelledFutureTaskCountsAsCancelled() {
        AtomicBoolean ran = new AtomicBoolean();
        FutureTask<Void> task = new FutureTask<>(() -> ran.set(true), null);
        task.cancel(false);
        executor.execute(task);
        assertFalse(ran.get());
        ExecutorStatistics stats = executor.statistics();
        assertEquals(1, stats.submitted());
        assertEquals(1, stats.cancelled());
        assertEquals(0, stats.executed());
        assertEquals(0, stats.queued());
        assertEquals(stats.submitted(), stats.executed() + stats.cancelled());
    }

    @Test
    void namedExecutorIsListedUnderItsName() {
        String name = "orders-" + System.nanoTime();
        SynchronousExecutor named = new SynchronousExecutor(name);
        try {
            TrackedExecutor tracked = Futurist.executors().stream()
                    .filter(t -> t.name().equals(name)).findFirst().orElse(null);
            assertNotNull(tracked, "no executor named " + name);
            assertEquals(SynchronousExecutor.class.getName(), tracked.type());
            assertTrue(named.toString().contains(name));
        } finally {
            named.shutdown();
        }
    }

    @Test
    void unnamedExecutorIsNamedAfterItsTypeAndId() {
        TrackedExecutor tracked = tracked(executor);
        assertEquals("SynchronousExecutor#" + tracked.id(), tracked.name());
    }

    @Test
    void emptyOrNullNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SynchronousExecutor(""));
        assertThrows(NullPointerException.class, () -> new SynchronousExecutor(null));
    }

    @Test
    void creationSiteIsThisTest() {
        assertTrue(tracked(executor).creationSite().startsWith(
                SynchronousExecutorTest.class.getName() + ".<init>(SynchronousExecutorTest.java:"),
                tracked(executor).creationSite());
    }

    /** The registry's entry for an executor: the record {@link Futurist#executors()} lists. */
    private static TrackedExecutor tracked(SynchronousExecutor executor) {
        return ExecutorRegistry.global().find(executor);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
