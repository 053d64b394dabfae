package io.futurist.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The retry step: gives each quarantined batch one more chance after a short back-off, as pipelines do
 * for feeds whose corruption is sometimes transient. The retry is a one-shot delayed task on the
 * scheduler; it re-fetches and re-parses the batch there, both being cheap.
 */
final class QuarantineRetry {
    /** How long to wait before the retry. */
    static final long BACKOFF_MILLIS = 10;

    private final ScheduledExecutorService scheduler;
    private final OrderSource source;

    /**
     * @param scheduler the scheduler to run the delayed retries on
     * @param source    the feed to fetch the batches from again
     */
    QuarantineRetry(ScheduledExecutorService scheduler, OrderSource source) {
        this.scheduler = scheduler;
        this.source = source;
    }

    /**
     * Retries every quarantined batch once, one after the other.
     *
     * @return the batches that parsed this time, and those still broken
     */
    Outcome retryAll(List<ParseStage.Quarantine> quarantined) throws InterruptedException {
        List<List<Order>> recovered = new ArrayList<>();
        List<ParseStage.Quarantine> stillBroken = new ArrayList<>();
        for (ParseStage.Quarantine quarantine : quarantined) {
            ScheduledFuture<List<Order>> attempt = scheduler.schedule(
                    () -> BatchParser.INSTANCE.parse(source.fetch(quarantine.batchId())),
                    BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
            try {
                recovered.add(attempt.get());
            } catch (ExecutionException e) {
                // Corrupt again (the demo's feed never heals): the batch stays out of the totals.
                stillBroken.add(quarantine);
            }
        }
        return new Outcome(recovered, stillBroken);
    }

    /**
     * What the retries achieved.
     *
     * @param recovered   the orders of each batch that parsed on retry
     * @param quarantined the batches that failed again
     */
    record Outcome(List<List<Order>> recovered, List<ParseStage.Quarantine> quarantined) {

        /** Copies the lists. */
        Outcome {
            recovered = List.copyOf(recovered);
            quarantined = List.copyOf(quarantined);
        }
    }
}
