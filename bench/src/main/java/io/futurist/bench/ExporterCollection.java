package io.futurist.bench;

import io.futurist.SynchronousExecutor;
import io.futurist.micrometer.FuturistMetrics;
import io.futurist.opentelemetry.FuturistTelemetry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one scrape (Micrometer's Prometheus registry) or one collection (the OpenTelemetry SDK)
 * of {@value #EXECUTORS} tracked executors costs, each of which has run tasks (so both of its
 * histograms exist, and every snapshot copies them). Average time per scrape.
 *
 * <p>The executors are {@code SynchronousExecutor}s, tracked without the agent; a pool under
 * the agent has the same recorder, so a snapshot costs the same. The Micrometer binder keeps an
 * executor's numbers for up to a second so that the meters of one scrape share a snapshot, and
 * real scrapes are seconds apart: so each measurement is a single scrape after a pause longer
 * than that second, which pays every snapshot, as a real scrape does.
 *
 * <p>Run: {@code java -cp bench/target/futurist-bench.jar org.openjdk.jmh.Main ExporterCollection}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 30)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class ExporterCollection {

    static final int EXECUTORS = 1_000;

    private final List<SynchronousExecutor> executors = new ArrayList<>();
    private PrometheusMeterRegistry prometheus;
    private FuturistMetrics metrics;
    private SdkMeterProvider meterProvider;
    private InMemoryMetricReader reader;
    private AutoCloseable telemetry;

    @Setup(Level.Trial)
    public void start() {
        for (int i = 0; i < EXECUTORS; i++) {
            SynchronousExecutor executor = new SynchronousExecutor("bench-" + i);
            for (int task = 0; task < 10; task++) {
                executor.execute(() -> Work.busy(1_000));
            }
            executors.add(executor);
        }
        reader = InMemoryMetricReader.create();
        // Above the SDK's default of 2,000 series per instrument: 1,000 executors have 17,000 bucket series.
        meterProvider = SdkMeterProvider.builder().registerMetricReader(reader, instrumentType -> 100_000).build();
        telemetry = FuturistTelemetry.register(OpenTelemetrySdk.builder().setMeterProvider(meterProvider).build());
        prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = new FuturistMetrics(Duration.ofHours(1));
        metrics.bindTo(prometheus);
    }

    /** Lets every executor's kept numbers go stale, so that the scrape snapshots each one. */
    @Setup(Level.Iteration)
    public void pause() throws InterruptedException {
        Thread.sleep(1_100);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        metrics.close();
        prometheus.close();
        telemetry.close();
        meterProvider.close();
        executors.forEach(SynchronousExecutor::shutdown);
    }

    /** The snapshots alone, one per executor, with no exporter: the part of a scrape Futurist's recorder costs. */
    @Benchmark
    public void snapshotsAlone(Blackhole sink) {
        for (SynchronousExecutor executor : executors) {
            sink.consume(executor.statistics());
        }
    }

    /** One Prometheus scrape through the Micrometer binder: every meter read, the text rendered. */
    @Benchmark
    public String micrometerPrometheusScrape() {
        return prometheus.scrape();
    }

    /** One OpenTelemetry collection: the batch callback over every executor, the SDK's points built. */
    @Benchmark
    public Collection<MetricData> openTelemetryCollection() {
        return reader.collectAllMetrics();
    }
}
