/**
 * Futurist's executors in OpenTelemetry:
 * {@link io.futurist.opentelemetry.FuturistTelemetry#register(io.opentelemetry.api.OpenTelemetry)}.
 *
 * <p>Only the OpenTelemetry API is needed (1.15 or later, for batch callbacks), as a provided
 * dependency: whatever hands the application its {@code OpenTelemetry} (the SDK, the
 * OpenTelemetry Java agent, the Spring Boot starter) brings the API with it, and this module
 * must not pin another copy.
 *
 * <p>Instruments, named after the draft JVM executor semantic conventions, with attributes
 * {@code jvm.executor.name} and {@code jvm.executor.type}:
 * <ul>
 *   <li>counters {@code jvm.executor.task.submitted}, {@code .completed}, {@code .failed},
 *       {@code .cancelled}, {@code .rejected} ({@code {task}});</li>
 *   <li>up-down counters {@code jvm.executor.queue.size}, {@code jvm.executor.thread.count}
 *       (attribute {@code jvm.executor.thread.state}: {@code active}, and {@code idle} where
 *       the pool's size is known), and, where the executor has them,
 *       {@code jvm.executor.queue.capacity} (bounded queues only),
 *       {@code jvm.executor.thread.core} and {@code jvm.executor.thread.limit};</li>
 *   <li>the durations {@code jvm.executor.task.duration} (run time) and
 *       {@code jvm.executor.task.queue.duration} (from acceptance to start), in seconds.</li>
 * </ul>
 *
 * <p><b>Why the durations are three counters, not a histogram instrument.</b> The
 * OpenTelemetry API has no asynchronous histogram: a histogram can only be fed one measurement
 * at a time, which would put work on every task's path (or replay every task at collection
 * time). Futurist already keeps an exact count, an exact total and a fine histogram per
 * executor, so each duration is published as what a cumulative histogram is made of, read at
 * collection time: {@code <name>.count} (timed runs), {@code <name>.sum} (seconds) and
 * {@code <name>.bucket}, the cumulative count of runs at or below the attribute {@code le}
 * (seconds: 0.0001 to 10 in 1-2.5-5 steps, then {@code +Inf}, which equals the count). This is
 * the layout of a Prometheus classic histogram, so {@code histogram_quantile} over the rate of
 * the bucket series gives percentiles over any window and across executors; averages are the
 * rate of the sum over the rate of the count. Bucket counts are exact to within the
 * histogram's relative error (3.2%) at the bound. (OpenTelemetry's Micrometer bridge publishes
 * a Micrometer function timer the same way, as {@code .count} and {@code .sum} counters.)
 *
 * <p>The bucket instruments have 17 series per executor: past about 110 live executors they
 * exceed the SDK's default cardinality limit (2,000 series per instrument), which the
 * application raises where it registers its metric reader.
 */
package io.futurist.opentelemetry;
