package io.futurist.bench;

import io.futurist.micrometer.FuturistMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Scrapes the JVM's executor metrics about once a second while a throughput benchmark runs, so
 * that the benchmark shows what an exporter that is being read costs the tasks.
 *
 * <p>What it scrapes is the system property {@value #PROPERTY} of the fork: an {@code http://}
 * URL (the agent's {@code prometheus=} endpoint, on a port the suite chose free before starting
 * the fork, so nothing has to read the agent's stderr), or {@code micrometer} (a
 * {@link FuturistMetrics} binder bound to a {@link PrometheusMeterRegistry} in this JVM, whose
 * {@code scrape()} is called). Without the property there is no scraper.
 *
 * <p><b>Design.</b> One daemon {@link Thread} (not an executor, so the agent does not track it
 * and it adds no row of its own) scrapes on a fixed one-second schedule; {@link #stop()} sets a
 * volatile flag, wakes it and joins it. The body of every scrape is checked for the completed-
 * tasks family, so a scraper that reads nothing, or an endpoint that is not there, fails the
 * benchmark instead of measuring an idle exporter. Counts are written by the scraping thread and
 * read by {@link #stop()} after the join, which orders them.
 */
final class Scraper {

    /** The fork's system property naming what to scrape. */
    static final String PROPERTY = "futurist.bench.scrape";

    /** A family both the agent's endpoint and Micrometer's Prometheus registry write for every executor. */
    private static final String EXPECTED = "executor_completed_tasks_total";
    private static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String target;
    private final Supplier<String> scrape;
    private final AutoCloseable resources;
    private final Thread thread;
    private volatile boolean stopped;
    private int scrapes;
    private long scrapeNanos;
    private String failure;
    /** CPU time of the scraping thread, written when it ends. */
    private long scraperCpuNanos;

    private Scraper(String target, Supplier<String> scrape, AutoCloseable resources) {
        this.target = target;
        this.scrape = scrape;
        this.resources = resources;
        this.thread = new Thread(this::scrapeEverySecond, "futurist-bench-scraper");
        this.thread.setDaemon(true);
    }

    /** The scraper the fork's {@value #PROPERTY} asks for, started; {@code null} when it asks for none. */
    static Scraper startIfAsked() {
        String target = System.getProperty(PROPERTY);
        if (target == null || target.isEmpty()) {
            return null;
        }
        Scraper scraper;
        if (target.equals("micrometer")) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            FuturistMetrics metrics = new FuturistMetrics();
            metrics.bindTo(registry);
            scraper = new Scraper(target, registry::scrape, () -> {
                metrics.close();
                registry.close();
            });
        } else if (target.equals("micrometer-unscraped")) {
            // The binder bound once and never refreshed nor read: what binding alone costs.
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            FuturistMetrics metrics = new FuturistMetrics(Duration.ofHours(1));
            metrics.bindTo(registry);
            scraper = new Scraper(target, () -> EXPECTED, () -> {
                metrics.close();
                registry.close();
            });
        } else if (target.equals("micrometer-registry")) {
            // The control for "micrometer": the same registry scraped as often, with no binder
            // (and so nothing of Futurist's) in it.
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            scraper = new Scraper(target, () -> registry.scrape() + EXPECTED, registry::close);
        } else if (target.startsWith("http://")) {
            scraper = new Scraper(target, () -> get(target), () -> { });
        } else {
            throw new IllegalArgumentException(PROPERTY + ": an http:// URL, micrometer, micrometer-unscraped or micrometer-registry, not "
                    + target);
        }
        scraper.thread.start();
        return scraper;
    }

    private void scrapeEverySecond() {
        long next = System.nanoTime() + PERIOD_NANOS;
        while (!stopped) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            next += PERIOD_NANOS;
            long start = System.nanoTime();
            try {
                String body = scrape.get();
                scrapeNanos += System.nanoTime() - start;
                scrapes++;
                if (!body.contains(EXPECTED) && failure == null) {
                    failure = "scrape " + scrapes + " of " + target + " has no " + EXPECTED + ", only "
                            + body.lines().filter(line -> line.startsWith("# TYPE")).limit(20).toList();
                }
            } catch (RuntimeException failed) {
                if (failure == null) {
                    failure = "scrape of " + target + " failed: " + failed;
                }
            }
        }
        scraperCpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * Stops scraping and says how many scrapes there were and what they took.
     *
     * @throws IllegalStateException when a scrape failed, or none happened: the measurement did not have a scraper
     */
    void stop() throws Exception {
        stopped = true;
        LockSupport.unpark(thread);
        thread.join(TimeUnit.SECONDS.toMillis(30));
        resources.close();
        if (failure == null && scrapes == 0) {
            failure = "no scrape of " + target + " happened";
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        System.out.printf(Locale.ROOT, "futurist-bench: %d scrapes of %s, %.2f ms each on average; CPU per scrape:"
                + " %.2f ms the scraper, %.2f ms the exporter's threads%n", scrapes, target, scrapeNanos / 1e6 / scrapes,
                scraperCpuNanos / 1e6 / scrapes, exporterCpuNanos() / 1e6 / scrapes);
    }

    /**
     * CPU time so far of the threads that serve scrapes besides the scraper: the agent's
     * endpoint thread and the Micrometer binder's refresh thread (their whole lives, so it
     * includes starting up).
     */
    private static long exporterCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("futurist-prometheus") || thread.getName().startsWith("futurist-micrometer")) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return total;
    }

    private static String get(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(5_000);
            try (InputStream in = connection.getInputStream()) {
                if (connection.getResponseCode() != 200) {
                    throw new IOException("HTTP " + connection.getResponseCode());
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                connection.disconnect();
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
