package io.futurist.opentelemetry;

import io.futurist.Futurist;
import io.futurist.TrackedExecutor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableMeasurement;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Publishes every executor Futurist tracks to OpenTelemetry, present and future.
 *
 * <pre>{@code
 * AutoCloseable executorMetrics = FuturistTelemetry.register(openTelemetry);
 * ...
 * executorMetrics.close();   // the instruments stop reporting
 * }</pre>
 *
 * <p>The instruments are asynchronous: nothing is added to a task's path, and at each
 * collection one snapshot per live executor is read. Attributes {@code jvm.executor.name} and
 * {@code jvm.executor.type} on every point (a second executor with the same name and type gets
 * {@code #id} after its name). See the package documentation for the instruments and how the
 * duration histograms are carried.
 */
public final class FuturistTelemetry {

    /** The instrumentation scope of the instruments. */
    public static final String SCOPE = "io.futurist";

    private FuturistTelemetry() {
    }

    /**
     * Registers the executor instruments with {@code openTelemetry}'s meter provider.
     *
     * @return closing it unregisters the instruments' callback: they report nothing more
     */
    public static AutoCloseable register(OpenTelemetry openTelemetry) {
        return register(openTelemetry, Futurist::executors);
    }

    /** For tests: executors from {@code executors} instead of {@link Futurist#executors()}. */
    static AutoCloseable register(OpenTelemetry openTelemetry, Supplier<List<TrackedExecutor>> executors) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        Meter meter = openTelemetry.getMeter(SCOPE);
        ExecutorObserver observer = new ExecutorObserver(meter, executors);
        List<ObservableMeasurement> instruments = observer.instruments();
        return meter.batchCallback(observer, instruments.get(0),
                instruments.subList(1, instruments.size()).toArray(new ObservableMeasurement[0]));
    }
}
