package io.futurist.demo;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executors one pipeline run owns, created together and shut down together. (The common
 * pool, which the enrichment and ranking stages use, belongs to the JVM and is never shut down.)
 */
final class PipelineExecutors {
    /** Threads of the parser pool; parsing is CPU-bound, and four keep a laptop busy. */
    static final int PARSER_THREADS = 4;
    /** Parallelism of the aggregation pool. */
    static final int AGGREGATION_PARALLELISM = 2;

    private final ExecutorService fetchers;
    private final ExecutorService parsers;
    private final ScheduledExecutorService scheduler;
    private final ForkJoinPool aggregation;
    private final AuditingExecutor audit;

    private PipelineExecutors() {
        // Fetching waits on I/O in a real feed, so it gets as many threads as there are fetches.
        fetchers = Executors.newCachedThreadPool(new NamedThreadFactory("fetcher"));
        parsers = Executors.newFixedThreadPool(PARSER_THREADS, new NamedThreadFactory("parser"));
        scheduler = Executors.newScheduledThreadPool(1, new NamedThreadFactory("heartbeat"));
        if (scheduler instanceof ScheduledThreadPoolExecutor pool) {
            // A cancelled periodic task otherwise lingers in the queue until its next run time;
            // removing it at once frees the queue and makes the pipeline's bookkeeping exact.
            pool.setRemoveOnCancelPolicy(true);
        }
        aggregation = new ForkJoinPool(AGGREGATION_PARALLELISM);
        audit = new AuditingExecutor(new NamedThreadFactory("audit"));
    }

    /** Starts a fresh set of executors (their threads start lazily, on first use). */
    static PipelineExecutors create() {
        return new PipelineExecutors();
    }

    /** The cached pool that fetches batches from the feed. */
    ExecutorService fetchers() {
        return fetchers;
    }

    /** The fixed pool that parses and validates batches. */
    ExecutorService parsers() {
        return parsers;
    }

    /** The single-threaded scheduler that runs the progress heartbeat. */
    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The fork/join pool that aggregates the parsed orders. */
    ForkJoinPool aggregation() {
        return aggregation;
    }

    /** The bounded, best-effort executor that writes the audit trail. */
    AuditingExecutor audit() {
        return audit;
    }

    /**
     * Shuts every executor down, lets queued work finish, and waits for all of them.
     *
     * @return whether every executor terminated within the timeout
     */
    boolean shutdownAndAwait(long timeout, TimeUnit unit) throws InterruptedException {
        List<ExecutorService> all = List.of(fetchers, parsers, scheduler, aggregation, audit);
        // Shut all down first, then wait, so that they wind down in parallel.
        all.forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        boolean terminated = true;
        for (ExecutorService executor : all) {
            long remaining = deadline - System.nanoTime();
            terminated &= executor.awaitTermination(Math.max(remaining, 0L), TimeUnit.NANOSECONDS);
        }
        return terminated;
    }
}
