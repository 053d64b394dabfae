package io.futurist.micrometer;

import io.futurist.Futurist;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application of the kind the agent is for: a plain {@code ThreadPoolExecutor} that knows
 * nothing of Futurist, exported through {@link FuturistMetrics} to a Prometheus registry. Prints
 * its pool's series, then whether they are still there after the pool terminated.
 */
public final class MeteredPoolMain {

    private MeteredPoolMain() {
    }

    public static void main(String[] args) throws Exception {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> new Thread(task, "metered-" + threads.incrementAndGet()));
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            futures.add(pool.submit(() -> { }));
        }
        futures.add(pool.submit(() -> {
            throw new IllegalStateException("fails on purpose");
        }));
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException expected) {
                // the one that fails on purpose
            }
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (FuturistMetrics metrics = new FuturistMetrics(Duration.ofHours(1))) {
            metrics.bindTo(registry);
            System.out.println("agent " + Futurist.isAgentActive());
            for (String line : registry.scrape().split("\n")) {
                if (line.contains("name=\"metered-*\"")) {
                    System.out.println(line);
                }
            }
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            metrics.refresh();
            System.out.println("after shutdown " + registry.scrape().contains("metered-*"));
        }
    }
}
