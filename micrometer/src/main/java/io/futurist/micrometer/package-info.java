/**
 * Futurist's executors in Micrometer: {@link io.futurist.micrometer.FuturistMetrics}, a
 * {@code MeterBinder} that publishes every executor Futurist tracks, present and future.
 *
 * <p>Micrometer is a provided dependency: the application brings its own (Spring Boot does).
 *
 * <p><b>Percentiles.</b> Micrometer's {@code FunctionTimer}, the only timer that can be fed
 * from totals, has no histogram, and a registry cannot be handed a ready-made distribution. So
 * the run- and queue-time percentiles that Futurist's histograms give are published as time
 * gauges named the way Micrometer names a timer's published percentiles
 * ({@code executor.percentile}, {@code executor.idle.percentile}, tag {@code phi}). They cover
 * the executor's whole life, like every other Futurist output, and cannot be averaged across
 * executors; averages over any window come from the timers' totals and counts.
 */
package io.futurist.micrometer;
