package io.futurist.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.futurist.ExecutorStatistics;
import io.futurist.Futurist;
import io.futurist.GreenExecutor;
import io.futurist.PoolShape;
import io.futurist.SynchronousExecutor;
import io.futurist.TrackedExecutor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FuturistTelemetryTest {

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder().setMeterProvider(provider).build();
    private Collection<MetricData> collected;

    @AfterEach
    void close() {
        provider.close();
    }

    private void collect() {
        collected = reader.collectAllMetrics();
    }

    /** One collection while {@code registration} is in place, then closes it. */
    private void collectOnce(AutoCloseable registration) throws Exception {
        try {
            collect();
        } finally {
            registration.close();
        }
    }

    private MetricData metric(String name) {
        return collected.stream().filter(m -> m.getName().equals(name)).findFirst().orElse(null);
    }

    /** The value of {@code metric}'s point for the executor {@code executor} (and {@code extra} attributes), or null. */
    private Number value(String metric, String executor, String... extra) {
        MetricData data = metric(metric);
        if (data == null) {
            return null;
        }
        Collection<? extends PointData> points = data.getData().getPoints();
        for (PointData point : points) {
            Attributes attributes = point.getAttributes();
            if (!executor.equals(attributes.get(ExecutorObserver.NAME))) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < extra.length; i += 2) {
                matches &= extra[i + 1].equals(attributes.get(AttributeKey.stringKey(extra[i])));
            }
            if (matches) {
                return point instanceof LongPointData ? (Number) ((LongPointData) point).getValue()
                        : (Number) ((DoublePointData) point).getValue();
            }
        }
        return null;
    }

    private long longValue(String metric, String executor, String... extra) {
        Number value = value(metric, executor, extra);
        assertTrue(value != null, metric + " has no point for " + executor);
        return value.longValue();
    }

    @Test
    void aSynchronousExecutorsInstrumentsHoldItsExactNumbers() throws Exception {
        SynchronousExecutor executor = new SynchronousExecutor("otel-sync");
        for (int i = 0; i < 4; i++) {
            executor.execute(() -> { });
        }
        executor.submit(() -> {
            throw new IllegalStateException("fails on purpose");
        });
        ExecutorStatistics expected = executor.statistics();

        collectOnce(FuturistTelemetry.register(openTelemetry));

        assertEquals(5, longValue("jvm.executor.task.completed", "otel-sync"));
        assertEquals(5, longValue("jvm.executor.task.submitted", "otel-sync"));
        assertEquals(1, longValue("jvm.executor.task.failed", "otel-sync"));
        assertEquals(0, longValue("jvm.executor.task.cancelled", "otel-sync"));
        assertEquals(0, longValue("jvm.executor.task.rejected", "otel-sync"));
        assertEquals(0, longValue("jvm.executor.queue.size", "otel-sync"));
        assertEquals(0, longValue("jvm.executor.thread.count", "otel-sync", "jvm.executor.thread.state", "active"));
        // No pool size: no idle threads claimed, no capacity, no limits.
        assertNull(value("jvm.executor.thread.count", "otel-sync", "jvm.executor.thread.state", "idle"));
        assertNull(value("jvm.executor.queue.capacity", "otel-sync"));
        assertNull(value("jvm.executor.thread.limit", "otel-sync"));

        assertEquals(5, longValue("jvm.executor.task.duration.count", "otel-sync"));
        assertEquals(expected.runtime().toNanos() / 1e9, value("jvm.executor.task.duration.sum", "otel-sync"));
        assertEquals(5, longValue("jvm.executor.task.duration.bucket", "otel-sync", "le", "+Inf"));
        assertEquals(expected.runsAtOrBelow(Duration.ofMillis(1)),
                longValue("jvm.executor.task.duration.bucket", "otel-sync", "le", "0.001"));
        assertEquals(5, longValue("jvm.executor.task.queue.duration.count", "otel-sync"));
        assertEquals(0.0, value("jvm.executor.task.queue.duration.sum", "otel-sync"));
        // Nothing waits in a synchronous executor: every wait is in the lowest bucket.
        assertEquals(5, longValue("jvm.executor.task.queue.duration.bucket", "otel-sync", "le", "0.0001"));

        MetricData completed = metric("jvm.executor.task.completed");
        assertEquals("{task}", completed.getUnit());
        assertTrue(completed.getLongSumData().isMonotonic());
        assertFalse(metric("jvm.executor.queue.size").getLongSumData().isMonotonic());
        assertEquals("s", metric("jvm.executor.task.duration.sum").getUnit());
        assertEquals(FuturistTelemetry.SCOPE, completed.getInstrumentationScopeInfo().getName());
        LongPointData point = completed.getLongSumData().getPoints().stream()
                .filter(p -> "otel-sync".equals(p.getAttributes().get(ExecutorObserver.NAME))).findFirst().orElseThrow();
        assertEquals(SynchronousExecutor.class.getName(), point.getAttributes().get(ExecutorObserver.TYPE));
        assertEquals(2, point.getAttributes().size());
        executor.shutdown();
    }

    @Test
    void poolInstrumentsComeFromThePoolsShape() throws Exception {
        ShapedExecutor pool = new ShapedExecutor(1, "otel-shaped", PoolShape.threadPool(4, 2, 8, 5, 10));
        for (int i = 0; i < 3; i++) {
            pool.recorder.recordSubmitted();
        }
        pool.recorder.recordStarted(3_000_000); // one running after 3 ms in the queue, two queued
        pool.utilization = 0.25;
        collectOnce(FuturistTelemetry.register(openTelemetry, () -> List.of(pool)));

        assertEquals(1, longValue("jvm.executor.thread.count", "otel-shaped", "jvm.executor.thread.state", "active"));
        assertEquals(3, longValue("jvm.executor.thread.count", "otel-shaped", "jvm.executor.thread.state", "idle"));
        assertEquals(2, longValue("jvm.executor.thread.core", "otel-shaped"));
        assertEquals(8, longValue("jvm.executor.thread.limit", "otel-shaped"));
        assertEquals(2, longValue("jvm.executor.queue.size", "otel-shaped"));
        assertEquals(10, longValue("jvm.executor.queue.capacity", "otel-shaped"));
        assertEquals(0, longValue("jvm.executor.task.queue.duration.bucket", "otel-shaped", "le", "0.0025"));
        assertEquals(1, longValue("jvm.executor.task.queue.duration.bucket", "otel-shaped", "le", "0.005"));
        assertEquals(0.003, value("jvm.executor.task.queue.duration.sum", "otel-shaped"));
        // The load of the last interval, as a ratio; no point while it is not known.
        assertEquals(0.25, value("jvm.executor.utilization", "otel-shaped"));
        assertEquals("1", metric("jvm.executor.utilization").getUnit());
        assertNull(value("jvm.executor.queue.utilization", "otel-shaped"));
    }

    @Test
    void aThousandExecutorsKeepEveryBucketOnceTheCardinalityLimitIsRaised() throws Exception {
        List<TrackedExecutor> many = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ShapedExecutor executor = new ShapedExecutor(i, "otel-many-" + i, PoolShape.NONE);
            executor.recorder.recordSubmitted();
            executor.recorder.recordStarted(i * 1_000_000L); // waited i ms
            many.add(executor);
        }
        InMemoryMetricReader roomy = InMemoryMetricReader.create();
        try (SdkMeterProvider provider = SdkMeterProvider.builder()
                .registerMetricReader(roomy, instrumentType -> 100_000).build()) {
            AutoCloseable registration = FuturistTelemetry.register(
                    OpenTelemetrySdk.builder().setMeterProvider(provider).build(), () -> many);
            try {
                collected = roomy.collectAllMetrics();
            } finally {
                registration.close();
            }
        }

        MetricData buckets = metric("jvm.executor.task.queue.duration.bucket");
        assertEquals(1_000 * (InstrumentTable.BUCKET_BOUNDS_NANOS.length + 1), buckets.getLongSumData().getPoints().size());
        assertEquals(1, longValue("jvm.executor.task.queue.duration.bucket", "otel-many-999", "le", "1"));
        assertEquals(0, longValue("jvm.executor.task.queue.duration.bucket", "otel-many-999", "le", "0.5"));
        assertEquals(1, longValue("jvm.executor.task.queue.duration.bucket", "otel-many-7", "le", "0.01"));
        assertEquals(0, longValue("jvm.executor.task.queue.duration.bucket", "otel-many-7", "le", "0.005"));
    }

    @Test
    void executorsAppearAtTheNextCollectionAndGoWhenShutDown() throws Exception {
        AutoCloseable registration = FuturistTelemetry.register(openTelemetry);
        try {
            collect();
            assertNull(value("jvm.executor.task.completed", "otel-later"));

            SynchronousExecutor later = new SynchronousExecutor("otel-later");
            later.execute(() -> { });
            collect();
            assertEquals(1, longValue("jvm.executor.task.completed", "otel-later"));

            later.shutdown();
            collect();
            assertNull(value("jvm.executor.task.completed", "otel-later"));
        } finally {
            registration.close();
        }
    }

    @Test
    void closingStopsTheReports() throws Exception {
        SynchronousExecutor executor = new SynchronousExecutor("otel-closed");
        AutoCloseable registration = FuturistTelemetry.register(openTelemetry);
        collect();
        assertEquals(0, longValue("jvm.executor.task.completed", "otel-closed"));

        registration.close();
        collect();
        assertNull(value("jvm.executor.task.completed", "otel-closed"));
        executor.shutdown();
    }

    @Test
    void executorsWithTheSameNameAreToldApartById() throws Exception {
        SynchronousExecutor first = new SynchronousExecutor("otel-twin");
        SynchronousExecutor second = new SynchronousExecutor("otel-twin");
        second.execute(() -> { });
        long secondId = Futurist.executors().stream().filter(e -> e.name().equals("otel-twin"))
                .mapToLong(TrackedExecutor::id).max().orElseThrow();
        AutoCloseable registration = FuturistTelemetry.register(openTelemetry);
        try {
            collect();
            assertEquals(0, longValue("jvm.executor.task.completed", "otel-twin"));
            assertEquals(1, longValue("jvm.executor.task.completed", "otel-twin#" + secondId));

            // The first one gone, the second is shown under the plain name.
            first.shutdown();
            collect();
            assertEquals(1, longValue("jvm.executor.task.completed", "otel-twin"));
            assertNull(value("jvm.executor.task.completed", "otel-twin#" + secondId));
        } finally {
            registration.close();
            second.shutdown();
        }
    }

    @Test
    void aGreenExecutorsRunningAndWaitingTasksAreCounted() throws Exception {
        assumeTrue(GreenExecutor.isSupported(), "virtual threads need Java 21");
        GreenExecutor executor = new GreenExecutor("otel-green", 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AutoCloseable registration = FuturistTelemetry.register(openTelemetry);
        try {
            executor.execute(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            executor.execute(() -> { });
            started.await();
            collect();
            assertEquals(1, longValue("jvm.executor.thread.count", "otel-green", "jvm.executor.thread.state", "active"));
            assertEquals(1, longValue("jvm.executor.queue.size", "otel-green"));
            assertEquals(2, longValue("jvm.executor.task.submitted", "otel-green"));
        } finally {
            registration.close();
            release.countDown();
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
