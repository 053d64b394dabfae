package io.futurist.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The fetch step: fetches every delivery of the manifest concurrently on the cached pool, one task per
 * delivery, and hands the batches on in manifest order.
 */
final class FetchStage {
    private final ExecutorService fetchers;
    private final OrderSource source;

    /**
     * @param fetchers the cached pool the fetches run on
     * @param source   the feed to fetch from
     */
    FetchStage(ExecutorService fetchers, OrderSource source) {
        this.fetchers = fetchers;
        this.source = source;
    }

    /** Fetches all deliveries; one {@code submit} per manifest entry, duplicates included. */
    List<Batch> fetchAll() throws InterruptedException {
        List<Future<Batch>> pending = new ArrayList<>();
        for (int batchId : source.manifest()) {
            pending.add(fetchers.submit(() -> source.fetch(batchId)));
        }
        List<Batch> delivered = new ArrayList<>(pending.size());
        for (Future<Batch> fetch : pending) {
            try {
                delivered.add(fetch.get());
            } catch (ExecutionException e) {
                // The simulated feed does not fail; a real one would be retried here.
                throw new IllegalStateException("fetch failed", e.getCause());
            }
        }
        return delivered;
    }
}
