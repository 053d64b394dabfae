package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The virtual-thread executor on Java 21+: one virtual thread per task, the concurrency bound, counting and lifecycle. */
@RequiresJava(min = 21, reason = "GreenExecutor runs its tasks on virtual threads, which arrived in Java 21")
class GreenExecutorTest {

    private static final long WAIT_SECONDS = 10;

    private final List<ExecutorService> toStop = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (ExecutorService executor : toStop) {
            executor.shutdownNow();
        }
        for (ExecutorService executor : toStop) {
            assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), executor + " did not terminate");
        }
    }

    @Test
    void isSupported() {
        assertTrue(GreenExecutor.isSupported());
    }

    @Test
    void anUnnamedExecutorStartsUnnamedThreads() throws Exception {
        // Like Executors.newVirtualThreadPerTaskExecutor(): no name String built per task.
        GreenExecutor executor = stopLater(new GreenExecutor());
        assertEquals("", executor.submit(() -> Thread.currentThread().getName()).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(executor.toString().contains("GreenExecutor#"), executor.toString());
    }

    @Test
    void eachTaskRunsOnAVirtualThreadOfItsOwn() throws Exception {
        String name = "green-" + System.nanoTime();
        GreenExecutor executor = stopLater(new GreenExecutor(name, GreenExecutor.UNBOUNDED));
        int tasks = 20;
        CountDownLatch allRunning = new CountDownLatch(tasks);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<Future<Boolean>> virtual = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            virtual.add(executor.submit(() -> {
                threads.add(Thread.currentThread());
                allRunning.countDown();
                // Every task waits until all run at once, so none could have reused another's thread.
                assertTrue(allRunning.await(WAIT_SECONDS, TimeUnit.SECONDS));
                return isVirtual(Thread.currentThread());
            }));
        }
        for (Future<Boolean> f : virtual) {
            assertTrue(f.get(WAIT_SECONDS, TimeUnit.SECONDS), "ran on a platform thread");
        }
        assertEquals(tasks, threads.size());
        assertFalse(threads.contains(Thread.currentThread()));
        for (Thread thread : threads) {
            assertTrue(thread.getName().startsWith(name + "-"), thread.getName());
        }
    }

    @ParameterizedTest(name = "maxConcurrency {0}")
    @ValueSource(ints = {1, 3, GreenExecutor.UNBOUNDED})
    void countsAreExactUnderConcurrency(int maxConcurrency) throws Exception {
        GreenExecutor executor = stopLater(new GreenExecutor(maxConcurrency));
        ExecutorService submitters = stopLater(Executors.newFixedThreadPool(8));
        int perThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        List<Future<?>> submitted = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            submitted.add(submitters.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    int n = i;
                    executor.submit(() -> {
                        ran.incrementAndGet();
                        if (n % 5 == 0) {
                            throw new IllegalStateException("every fifth fails");
                        }
                    });
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : submitted) {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        executor.shutdown();
        assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        ExecutorStatistics stats = executor.statistics();
        assertEquals(8 * perThread, ran.get());
        assertEquals(8 * perThread, stats.submitted());
        assertEquals(8 * perThread, stats.executed());
        assertEquals(8 * perThread / 5, stats.failures());
        assertEquals(0, stats.cancelled());
        assertEquals(0, stats.rejected());
        assertEquals(0, stats.active());
        assertEquals(0, stats.queued());
    }

    @Test
    void exceptionThrownFromExecuteIsCountedAndReachesTheUncaughtHandler() throws Exception {
        GreenExecutor executor = stopLater(new GreenExecutor());
        IllegalStateException boom = new IllegalStateException("deliberate");
        AtomicReference<Throwable> uncaught = new AtomicReference<>();
        CountDownLatch handled = new CountDownLatch(1);
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            uncaught.set(e);
            handled.countDown();
        });
        try {
            executor.execute(() -> {
                throw boom;
            });
            assertTrue(handled.await(WAIT_SECONDS, TimeUnit.SECONDS));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertSame(boom, uncaught.get());
        executor.shutdown();
        assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(1, executor.statistics().executed());
        assertEquals(1, executor.statistics().failures());
    }

    @Test
    void submitCapturesTheFailureInTheFuture() throws Exception {
        GreenExecutor executor = stopLater(new GreenExecutor());
        Future<Object> future = executor.submit(() -> {
            throw new IllegalStateException("captured");
        });
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals("captured", thrown.getCause().getMessage());
        executor.shutdown();
        assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(1, executor.statistics().failures());
    }

    @Test
    void maxConcurrencyIsNeverExceeded() throws Exception {
        int bound = 3;
        int tasks = 40;
        GreenExecutor executor = stopLater(new GreenExecutor(bound));
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        CountDownLatch boundReached = new CountDownLatch(bound);
        CountDownLatch gate = new CountDownLatch(1);
        for (int i = 0; i < tasks; i++) {
            executor.execute(() -> {
                maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                boundReached.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    concurrent.decrementAndGet();
                }
            });
        }
        assertTrue(boundReached.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(bound, concurrent.get());
        assertEquals(bound, executor.statistics().active());
        assertEquals(tasks - bound, executor.statistics().queued());
        gate.countDown();
        executor.shutdown();
        assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(bound, maxConcurrent.get());
        assertEquals(tasks, executor.statistics().executed());
    }

    @Test
    void statisticsCarryTheRunningThreadsAndTheBound() throws Exception {
        GreenExecutor bounded = stopLater(new GreenExecutor(2));
        assertEquals(PoolShape.threadPerTask(0, 2), bounded.statistics().shape());
        CountDownLatch twoRunning = new CountDownLatch(2);
        CountDownLatch gate = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            bounded.execute(() -> {
                twoRunning.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue(twoRunning.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(PoolShape.threadPerTask(2, 2), bounded.statistics().shape());
        assertEquals(Optional.of(bounded.statistics().shape()), Futurist.statistics(bounded).map(ExecutorStatistics::shape));
        gate.countDown();
        bounded.shutdown();
        assertTrue(bounded.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(PoolShape.threadPerTask(0, 2), bounded.statistics().shape());
        GreenExecutor unbounded = stopLater(new GreenExecutor());
        assertEquals(OptionalInt.empty(), unbounded.statistics().maximumPoolSize());
        assertEquals(OptionalInt.of(0), unbounded.statistics().poolSize());
    }

    @Test
    void submitDoesNotBlockWhenTheBoundIsReached() throws Exception {
        GreenExecutor executor = stopLater(new GreenExecutor(2));
        CountDownLatch twoRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        Runnable task = () -> {
            ran.incrementAndGet();
            twoRunning.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        executor.submit(task);
        executor.submit(task);
        assertTrue(twoRunning.await(WAIT_SECONDS, TimeUnit.SECONDS));
        // Both permits are held until release opens: a submit that waited for one would never return.
        assertTimeoutPreemptively(Duration.ofSeconds(WAIT_SECONDS), () -> {
            for (int i = 0; i < 98; i++) {
                executor.submit(task);
            }
        });
        ExecutorStatistics stats = executor.statistics();
        assertEquals(100, stats.submitted());
        assertEquals(2, stats.active());
        assertEquals(98, stats.queued());
        assertEquals(2, ran.get());

        release.countDown();
        executor.shutdown();
        assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(100, ran.get());
        assertEquals(100, executor.statistics().executed());
        assertEquals(0, executor.statistics().queued());
    }

    @Test
    void queueTimeIsTheWaitForAPermit() throws Exception {
        GreenExecutor executor = stopLater(new GreenExecutor(1));
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        executor.execute(() -> {
            firstRunning.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(firstRunning.await(WAIT_SECONDS, TimeUnit.SECONDS));
        executor.execute(() -> { });
        long waitNanos = TimeUnit.MILLISECONDS.toNanos(5);
        long until = System.nanoTime() + waitNanos;
        while (System.nanoTime() - until < 0) {
            LockSupport.parkNanos(until - System.nanoTime()); // the second task is kept waiting at least this long
        }
        release.countDown();
        executor.shutdown();
        assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        ExecutorStatistics stats = executor.statistics();
        assertTrue(stats.queueTime().toNanos() >= waitNanos, stats::toString);
        assertTrue(stats.queueTimePercentile(100).toNanos() >= waitNanos * 0.95, stats::toString);
        assertTrue(stats.queueTime().compareTo(Duration.ofSeconds(WAIT_SECONDS)) < 0, stats::toString);
        assertEquals(stats.queueTime().dividedBy(2), stats.averageQueueTime());
    }

    @Test
    void shutdownLetsWaitingTasksRun() throws Exception {
        GreenExecutor executor = stopLater(new GreenExecutor(1));
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        executor.execute(() -> {
            firstRunning.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.incrementAndGet();
        });
        for (int i = 0; i < 5; i++) {
            executor.execute(ran::incrementAndGet);
        }
        assertTrue(firstRunning.await(WAIT_SECONDS, TimeUnit.SECONDS));

        executor.shutdown();
        assertTrue(executor.isShutdown());
        assertFalse(executor.isAlive());
        assertFalse(executor.isTerminated());
        assertFalse(executor.awaitTermination(1, TimeUnit.MILLISECONDS));
        assertThrows(RejectedExecutionException.class, () -> executor.execute(ran::incrementAndGet));

        release.countDown();
        assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(executor.isTerminated());
        assertEquals(6, ran.get());
        ExecutorStatistics stats = executor.statistics();
        assertEquals(6, stats.submitted());
        assertEquals(6, stats.executed());
        assertEquals(0, stats.cancelled());
        assertEquals(1, stats.rejected());
    }

    @Test
    void shutdownNowReturnsWaitingTasksCountsThemCancelledAndInterruptsRunningOnes() throws Exception {
        GreenExecutor executor = stopLater(new GreenExecutor(2));
        CountDownLatch twoRunning = new CountDownLatch(2);
        CountDownLatch interrupted = new CountDownLatch(2);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(executor.submit(() -> {
                ran.incrementAndGet();
                twoRunning.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
            }));
        }
        assertTrue(twoRunning.await(WAIT_SECONDS, TimeUnit.SECONDS));

        List<Runnable> neverRun = executor.shutdownNow();
        assertEquals(8, neverRun.size());
        Set<Object> submittedFutures = Collections.newSetFromMap(new IdentityHashMap<>());
        submittedFutures.addAll(futures);
        assertTrue(submittedFutures.containsAll(neverRun), "shutdownNow returned tasks never submitted");
        assertTrue(interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS), "running tasks were not interrupted");
        assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));

        assertEquals(2, ran.get());
        ExecutorStatistics stats = executor.statistics();
        assertEquals(10, stats.submitted());
        assertEquals(2, stats.executed());
        assertEquals(8, stats.cancelled());
        assertEquals(stats.submitted(), stats.executed() + stats.cancelled());
        assertEquals(0, stats.queued());
        assertEquals(0, stats.active());
    }

    @Test
    void shutdownNowInterruptsEveryRunningTaskAlsoBeyondTheTableOfRunningThreads() throws Exception {
        // More tasks running at once than RunningThreads has slots (256): the rest are in its overflow set.
        int tasks = 600;
        GreenExecutor executor = stopLater(new GreenExecutor());
        CountDownLatch allRunning = new CountDownLatch(tasks);
        CountDownLatch interrupted = new CountDownLatch(tasks);
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < tasks; i++) {
            executor.execute(() -> {
                allRunning.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
            });
        }
        assertTrue(allRunning.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(tasks, executor.statistics().active());

        assertEquals(List.of(), executor.shutdownNow());
        assertTrue(interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS),
                interrupted.getCount() + " of " + tasks + " running tasks were not interrupted");
        assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        ExecutorStatistics stats = executor.statistics();
        assertEquals(tasks, stats.submitted());
        assertEquals(tasks, stats.executed());
        assertEquals(0, stats.active());
    }

    @ParameterizedTest(name = "maxConcurrency {0}")
    @ValueSource(ints = {1, GreenExecutor.UNBOUNDED})
    void shutdownNowInterruptsATaskWhoseThreadHasJustBeenStarted(int maxConcurrency) throws Exception {
        for (int i = 0; i < 20; i++) {
            GreenExecutor executor = stopLater(new GreenExecutor(maxConcurrency));
            CountDownLatch never = new CountDownLatch(1);
            // Only an interrupt ends this task; shutdownNow follows at once, before its thread is likely to run.
            executor.submit(() -> {
                never.await();
                return null;
            });
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "attempt " + i + ": task not interrupted");
            ExecutorStatistics stats = executor.statistics();
            assertEquals(1, stats.submitted());
            assertEquals(1, stats.executed() + stats.cancelled());
        }
    }

    @Test
    void futuresCancelledWhileWaitingCountAsCancelled() throws Exception {
        GreenExecutor executor = stopLater(new GreenExecutor(1));
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        executor.execute(() -> {
            firstRunning.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<Future<?>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(executor.submit(ran::incrementAndGet));
        }
        assertTrue(firstRunning.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(waiting.get(1).cancel(false));
        assertTrue(waiting.get(3).cancel(true));
        release.countDown();
        executor.shutdown();
        assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(3, ran.get());
        ExecutorStatistics stats = executor.statistics();
        assertEquals(6, stats.submitted());
        assertEquals(4, stats.executed());
        assertEquals(2, stats.cancelled());
    }

    @Test
    void invokeAnyCountsWhatRanAndWhatWasCancelled() throws Exception {
        GreenExecutor executor = stopLater(new GreenExecutor(1));
        AtomicInteger ran = new AtomicInteger();
        List<Callable<String>> tasks = Arrays.asList(
                () -> {
                    ran.incrementAndGet();
                    throw new IllegalStateException("first fails");
                },
                () -> {
                    ran.incrementAndGet();
                    return "second";
                },
                () -> {
                    ran.incrementAndGet();
                    return "third";
                });
        // One at a time, in order: the first fails, so the second wins.
        assertEquals("second", executor.invokeAny(tasks, WAIT_SECONDS, TimeUnit.SECONDS));
        executor.shutdown();
        assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        ExecutorStatistics stats = executor.statistics();
        assertEquals(1, stats.failures());
        assertEquals(ran.get(), stats.executed());
        assertEquals(stats.submitted() - ran.get(), stats.cancelled());
    }

    @Test
    void timedInvokeAnyGivesUpAndInterruptsTheRunningTask() throws Exception {
        GreenExecutor executor = stopLater(new GreenExecutor());
        CountDownLatch interrupted = new CountDownLatch(1);
        Callable<String> endless = () -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "interrupted";
        };
        assertThrows(TimeoutException.class, () -> executor.invokeAny(Collections.singletonList(endless), 1, TimeUnit.MILLISECONDS));
        executor.shutdown();
        // The task ends only if invokeAny cancelled it: before it started, or by interrupting it.
        assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "the task was not cancelled");
        ExecutorStatistics stats = executor.statistics();
        assertEquals(1, stats.submitted());
        assertEquals(1, stats.executed() + stats.cancelled());
        assertEquals(stats.executed(), 1 - interrupted.getCount(), "a task that ran must have been interrupted");
        assertEquals(0, stats.failures());
    }

    @Test
    void submissionsAfterShutdownAreRejected() throws InterruptedException {
        GreenExecutor executor = stopLater(new GreenExecutor());
        executor.shutdown();
        assertTrue(executor.isTerminated());
        assertTrue(executor.awaitTermination(0, TimeUnit.NANOSECONDS));
        assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
        assertThrows(RejectedExecutionException.class, () -> executor.submit(() -> 1));
        ExecutorStatistics stats = executor.statistics();
        assertEquals(2, stats.rejected());
        assertEquals(0, stats.submitted());
        assertTrue(executor.isTerminated());
    }

    @Test
    void nullTaskIsRefusedAndDoesNotHoldUpTermination() {
        GreenExecutor executor = stopLater(new GreenExecutor(2));
        assertThrows(NullPointerException.class, () -> executor.execute(null));
        executor.shutdown();
        assertTrue(executor.isTerminated());
        assertEquals(ExecutorStatistics.EMPTY.withShape(PoolShape.threadPerTask(0, 2)), executor.statistics());
    }

    @Test
    void constructorArgumentsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new GreenExecutor(0));
        assertThrows(IllegalArgumentException.class, () -> new GreenExecutor(-1));
        assertThrows(IllegalArgumentException.class, () -> new GreenExecutor(Integer.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> new GreenExecutor("ok", 0));
        assertThrows(IllegalArgumentException.class, () -> new GreenExecutor("", 4));
        assertEquals(GreenExecutor.UNBOUNDED, stopLater(new GreenExecutor()).maxConcurrency());
        assertEquals(1, stopLater(new GreenExecutor(1)).maxConcurrency());
        assertEquals(7, stopLater(new GreenExecutor(null, 7)).maxConcurrency());
    }

    @Test
    void unnamedExecutorsGetDistinctGeneratedNames() {
        GreenExecutor first = stopLater(new GreenExecutor(null, 2));
        GreenExecutor second = stopLater(new GreenExecutor(null, 2));
        assertTrue(first.toString().contains("GreenExecutor#"), first.toString());
        assertNotEquals(first.toString(), second.toString());
    }

    private <E extends ExecutorService> E stopLater(E executor) {
        toStop.add(executor);
        return executor;
    }

    /** {@code Thread.isVirtual()}, reached at run time: this code is compiled for Java 17. */
    static boolean isVirtual(Thread thread) {
        try {
            MethodHandle isVirtual = MethodHandles.publicLookup()
                    .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
            return (boolean) isVirtual.invoke(thread);
        } catch (Throwable e) {
            throw new AssertionError("Thread.isVirtual() is missing on Java " + Java.feature(), e);
        }
    }
}
