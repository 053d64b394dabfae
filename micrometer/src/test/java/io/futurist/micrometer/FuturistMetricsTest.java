package io.futurist.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.futurist.ExecutorStatistics;
import io.futurist.Futurist;
import io.futurist.GreenExecutor;
import io.futurist.PoolShape;
import io.futurist.SynchronousExecutor;
import io.futurist.TrackedExecutor;
import io.futurist.internal.RecorderCorrections;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FuturistMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private FuturistMetrics metrics;

    @AfterEach
    void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    private Search find(String meter, String executor) {
        return registry.find(meter).tag("name", executor);
    }

    private double counter(String meter, String executor) {
        return find(meter, executor).functionCounter().count();
    }

    private double gauge(String meter, String executor) {
        return find(meter, executor).gauge().value();
    }

    @Test
    void aSynchronousExecutorsMetersHoldItsExactNumbers() {
        SynchronousExecutor executor = new SynchronousExecutor("mm-sync");
        executor.execute(() -> { });
        executor.execute(() -> { });
        executor.submit(() -> {
            throw new IllegalStateException("fails on purpose");
        });
        executor.shutdown();
        assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> executor.execute(() -> { }));
        executor.restart(); // alive again, with fresh statistics
        executor.execute(() -> { });
        executor.execute(() -> { });
        executor.submit(() -> {
            throw new IllegalStateException("fails on purpose");
        });
        ExecutorStatistics expected = executor.statistics();

        metrics = new FuturistMetrics();
        metrics.bindTo(registry);

        assertEquals(SynchronousExecutor.class.getName(), find("executor.completed", "mm-sync").functionCounter()
                .getId().getTag("type"));
        assertEquals(3, counter("executor.completed", "mm-sync"));
        assertEquals(3, counter("executor.submitted", "mm-sync"));
        assertEquals(1, counter("executor.failed", "mm-sync"));
        assertEquals(0, counter("executor.cancelled", "mm-sync"));
        assertEquals(0, counter("executor.rejected", "mm-sync"));
        assertEquals("tasks", find("executor.completed", "mm-sync").functionCounter().getId().getBaseUnit());
        assertEquals(0, gauge("executor.active", "mm-sync"));
        assertEquals(0, gauge("executor.queued", "mm-sync"));

        FunctionTimer run = find("executor", "mm-sync").functionTimer();
        assertEquals(3, run.count());
        // Exact to the nanosecond; the registry's unit conversion leaves a rounding error in the double.
        assertEquals(expected.runtime().toNanos(), Math.round(run.totalTime(TimeUnit.NANOSECONDS)));
        FunctionTimer idle = find("executor.idle", "mm-sync").functionTimer();
        assertEquals(3, idle.count());
        assertEquals(0, idle.totalTime(TimeUnit.NANOSECONDS)); // a synchronous executor never queues

        assertEquals(expected.runtimePercentile(50).toNanos(),
                Math.round(find("executor.percentile", "mm-sync").tag("phi", "0.5").timeGauge().value(TimeUnit.NANOSECONDS)));
        assertEquals(expected.runtimePercentile(99).toNanos(),
                Math.round(find("executor.percentile", "mm-sync").tag("phi", "0.99").timeGauge().value(TimeUnit.NANOSECONDS)));
        assertEquals(0, find("executor.idle.percentile", "mm-sync").tag("phi", "0.99").timeGauge()
                .value(TimeUnit.NANOSECONDS));

        // No pool: no pool meters, rather than zeros that would read as an empty pool.
        assertNull(find("executor.pool.size", "mm-sync").gauge());
        assertNull(find("executor.queue.remaining", "mm-sync").gauge());
    }

    @Test
    void poolMetersComeFromThePoolsShape() {
        ShapedExecutor pool = new ShapedExecutor(1, "mm-shaped", PoolShape.threadPool(4, 2, 8, 5, 10));
        ShapedExecutor forkJoin = new ShapedExecutor(2, "mm-fj", PoolShape.forkJoinPool(3, 6));
        for (int i = 0; i < 3; i++) {
            pool.recorder.recordSubmitted();
        }
        pool.recorder.recordStarted(1_000); // one running, two queued
        pool.utilization = 0.6;
        metrics = new FuturistMetrics(Duration.ofHours(1), () -> List.of(pool, forkJoin));
        metrics.bindTo(registry);

        assertEquals(1, gauge("executor.active", "mm-shaped"));
        assertEquals(2, gauge("executor.queued", "mm-shaped"));
        assertEquals(4, gauge("executor.pool.size", "mm-shaped"));
        assertEquals(2, gauge("executor.pool.core", "mm-shaped"));
        assertEquals(8, gauge("executor.pool.max", "mm-shaped"));
        assertEquals(8, gauge("executor.queue.remaining", "mm-shaped")); // capacity 10, 2 queued
        assertEquals("threads", find("executor.pool.size", "mm-shaped").gauge().getId().getBaseUnit());
        assertNull(find("executor.parallelism", "mm-shaped").gauge());
        // The load of the last interval, as a ratio; no meter while it is not known.
        assertEquals(0.6, gauge("executor.utilization", "mm-shaped"));
        assertEquals("ratio", find("executor.utilization", "mm-shaped").gauge().getId().getBaseUnit());
        assertNull(find("executor.queue.fill", "mm-shaped").gauge());

        assertEquals(3, gauge("executor.pool.size", "mm-fj"));
        assertEquals(6, gauge("executor.parallelism", "mm-fj"));
        assertNull(find("executor.pool.core", "mm-fj").gauge());
        assertNull(find("executor.queue.remaining", "mm-fj").gauge()); // unbounded
    }

    @Test
    void aRefreshKeepsTheMetersOfExecutorsItAlreadyBound() {
        // Futurist.executors() hands out a new view of each executor on every call (equal, not
        // identical): a refresh must recognise them, not take the meters out and put new ones in.
        SynchronousExecutor executor = new SynchronousExecutor("mm-stable");
        executor.execute(() -> { });
        metrics = new FuturistMetrics(Duration.ofHours(1));
        metrics.bindTo(registry);
        Object before = find("executor.completed", "mm-stable").functionCounter();
        assertNotNull(before);
        metrics.refresh();
        metrics.refresh();
        assertSame(before, find("executor.completed", "mm-stable").functionCounter());
        executor.shutdown();
    }

    @Test
    void underSampledTimingATimersTotalIsTheTimedRunsOwn() {
        ShapedExecutor pool = new ShapedExecutor(3, "mm-sampled", PoolShape.NONE);
        for (int i = 0; i < 4; i++) {
            pool.recorder.recordSubmitted();
        }
        pool.recorder.recordStarted(1_000);
        pool.recorder.recordFinished(10_000, false);
        pool.recorder.recordStarted(3_000);
        pool.recorder.recordFinished(30_000, false);
        // Two runs not chosen for timing, recorded as the agent records them.
        RecorderCorrections.startedUntimed(pool.recorder);
        RecorderCorrections.finishedUntimed(pool.recorder, false);
        RecorderCorrections.startedUntimed(pool.recorder);
        RecorderCorrections.finishedUntimed(pool.recorder, false);
        ExecutorStatistics expected = pool.statistics();
        assertEquals(4, expected.executed());
        assertEquals(2, expected.timedRuns());
        metrics = new FuturistMetrics(Duration.ofHours(1), () -> List.of(pool));
        metrics.bindTo(registry);

        FunctionTimer run = find("executor", "mm-sampled").functionTimer();
        assertEquals(2, run.count());
        assertEquals(40_000, Math.round(run.totalTime(TimeUnit.NANOSECONDS)), "the two timed runs' own total");
        assertEquals(20_000, Math.round(run.mean(TimeUnit.NANOSECONDS)));
        FunctionTimer idle = find("executor.idle", "mm-sampled").functionTimer();
        assertEquals(expected.timedQueueWaits(), (long) idle.count());
        assertEquals(expected.timedQueueTime().toNanos(), Math.round(idle.totalTime(TimeUnit.NANOSECONDS)));
        assertEquals(4, counter("executor.completed", "mm-sampled"));
    }

    @Test
    void executorsThatAppearAfterBindingAreBoundAtTheNextRefresh() {
        metrics = new FuturistMetrics(Duration.ofHours(1));
        metrics.bindTo(registry);
        SynchronousExecutor later = new SynchronousExecutor("mm-later");
        later.execute(() -> { });
        assertNull(find("executor.completed", "mm-later").functionCounter());

        metrics.refresh();

        assertEquals(1, counter("executor.completed", "mm-later"));
    }

    @Test
    void theRefreshThreadBindsNewExecutorsByItself() throws InterruptedException {
        AtomicReference<CountDownLatch> refreshes = new AtomicReference<>(new CountDownLatch(0));
        // The new executor is shown to the binder only once its task has run: a refresh racing
        // between its creation and its task would bind it and serve the numbers it read then
        // (executed 0) for up to Reading.MAX_AGE_NANOS.
        AtomicBoolean ran = new AtomicBoolean();
        metrics = new FuturistMetrics(Duration.ofMillis(5), () -> {
            refreshes.get().countDown();
            List<TrackedExecutor> all = new ArrayList<>(Futurist.executors());
            if (!ran.get()) {
                all.removeIf(executor -> executor.name().equals("mm-periodic"));
            }
            return all;
        });
        metrics.bindTo(registry);
        SynchronousExecutor later = new SynchronousExecutor("mm-periodic");
        later.execute(() -> { });
        ran.set(true);
        // Two refreshes begun after the executor was made: the first of them has finished.
        CountDownLatch two = new CountDownLatch(2);
        refreshes.set(two);
        assertEquals(true, two.await(30, TimeUnit.SECONDS));

        assertEquals(1, counter("executor.completed", "mm-periodic"));
        assertEquals("futurist-micrometer", refresherThread().getName());
        assertEquals(true, refresherThread().isDaemon());
    }

    private static Thread refresherThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("futurist-micrometer")).findFirst().orElseThrow();
    }

    @Test
    void aShutDownExecutorsMetersAreRemoved() {
        SynchronousExecutor executor = new SynchronousExecutor("mm-gone");
        executor.execute(() -> { });
        metrics = new FuturistMetrics(Duration.ofHours(1));
        metrics.bindTo(registry);
        assertNotNull(find("executor.completed", "mm-gone").functionCounter());

        executor.shutdown();
        metrics.refresh();

        assertEquals(0, find("executor.completed", "mm-gone").meters().size() + find("executor", "mm-gone").meters().size()
                + find("executor.percentile", "mm-gone").meters().size());
        assertEquals(0, registry.find("executor.active").tag("name", "mm-gone").meters().size());
    }

    @Test
    void executorsWithTheSameNameAreToldApartById() {
        SynchronousExecutor first = new SynchronousExecutor("mm-twin");
        SynchronousExecutor second = new SynchronousExecutor("mm-twin");
        first.execute(() -> { });
        metrics = new FuturistMetrics(Duration.ofHours(1));
        metrics.bindTo(registry);

        assertEquals(1, counter("executor.completed", "mm-twin"));
        long secondId = Futurist.executors().stream().filter(e -> e.name().equals("mm-twin"))
                .mapToLong(TrackedExecutor::id).max().orElseThrow();
        assertEquals(0, counter("executor.completed", "mm-twin#" + secondId));
        second.shutdown();
        first.shutdown();
    }

    @Test
    void aFailingRefreshNeverReachesTheApplication() {
        metrics = new FuturistMetrics(Duration.ofHours(1), () -> {
            throw new IllegalStateException("the executor list fails on purpose");
        });
        metrics.bindTo(registry); // reported on stderr, not thrown
        metrics.refresh();

        assertEquals(0, registry.getMeters().size());
    }

    @Test
    void closeTakesTheMetersOut() {
        SynchronousExecutor executor = new SynchronousExecutor("mm-closed");
        metrics = new FuturistMetrics(Duration.ofHours(1));
        metrics.bindTo(registry);
        assertNotNull(find("executor.completed", "mm-closed").functionCounter());

        metrics.close();

        assertEquals(0, registry.find("executor.completed").meters().size());
        assertThrows(IllegalStateException.class, () -> metrics.bindTo(registry));
        executor.shutdown();
    }

    @Test
    void aGreenExecutorsRunningAndWaitingTasksAreGauged() throws Exception {
        assumeTrue(GreenExecutor.isSupported(), "virtual threads need Java 21");
        GreenExecutor executor = new GreenExecutor("mm-green", 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            executor.execute(() -> {
                started.countDown();
                await(release);
            });
            executor.execute(() -> { });
            started.await();
            metrics = new FuturistMetrics(Duration.ofHours(1));
            metrics.bindTo(registry);

            assertEquals(1, gauge("executor.active", "mm-green"));
            assertEquals(1, gauge("executor.queued", "mm-green"));
            assertEquals(2, counter("executor.submitted", "mm-green"));
            assertEquals(0, counter("executor.completed", "mm-green"));
        } finally {
            release.countDown();
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
