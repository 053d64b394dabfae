package io.futurist.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The enrichment step: works out each region's revenue net of sales tax with a two-stage
 * {@link CompletableFuture} chain per region, both stages given the common pool explicitly.
 *
 * <p>Where the stages really run is the JDK's choice, and it differs: JDK 17 does not use the
 * common pool when its parallelism is below 2 (on machines with two CPUs or fewer), and quietly
 * starts a new thread per stage instead; JDK 25 uses the common pool regardless. The stage
 * counts how many of its tasks ran outside the common pool, so the difference is visible.
 */
final class EnrichmentStage {
    /** Async stages per region: the tax-rate lookup and the net-revenue computation. */
    static final int STAGES_PER_REGION = 2;

    /** Computes net revenue for every region of {@code grossByRegion}, in its order. */
    Enrichment enrich(Map<Region, Long> grossByRegion) {
        ForkJoinPool commonPool = ForkJoinPool.commonPool();
        Thread caller = Thread.currentThread();
        AtomicInteger outsideCommonPool = new AtomicInteger();
        List<CompletableFuture<RegionRevenue>> chains = new ArrayList<>();
        grossByRegion.forEach((region, gross) -> chains.add(CompletableFuture
                .supplyAsync(() -> {
                    noteThread(caller, outsideCommonPool);
                    return lookUpTaxBasisPoints(region);
                }, commonPool)
                .thenApplyAsync(taxBasisPoints -> {
                    noteThread(caller, outsideCommonPool);
                    // Prices include tax: net = gross / (1 + rate), rounded down to the cent.
                    long net = gross * 10_000 / (10_000 + taxBasisPoints);
                    return new RegionRevenue(region, gross, net);
                }, commonPool)));
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).join();
        List<RegionRevenue> revenues = new ArrayList<>(chains.size());
        chains.forEach(chain -> revenues.add(chain.join()));
        int tasks = STAGES_PER_REGION * chains.size();
        return new Enrichment(revenues, tasks - outsideCommonPool.get());
    }

    /** Stands in for a call to the tax service. */
    private static int lookUpTaxBasisPoints(Region region) {
        return region.taxBasisPoints();
    }

    /**
     * Counts a stage that runs neither on a common-pool worker nor in the caller (which may
     * help the pool by running a queued stage itself while it waits).
     */
    private static void noteThread(Thread caller, AtomicInteger outsideCommonPool) {
        Thread current = Thread.currentThread();
        boolean inCommonPool = current instanceof ForkJoinWorkerThread worker
                && worker.getPool() == ForkJoinPool.commonPool();
        if (!inCommonPool && current != caller) {
            outsideCommonPool.incrementAndGet();
        }
    }

    /**
     * One region's revenue.
     *
     * @param region     the region
     * @param grossCents revenue including sales tax, in cents
     * @param netCents   revenue without sales tax, in cents
     */
    record RegionRevenue(Region region, long grossCents, long netCents) {
    }

    /**
     * What the enrichment produced.
     *
     * @param revenues        one entry per region, in region order
     * @param commonPoolTasks how many of the stage's async tasks the common pool received
     */
    record Enrichment(List<RegionRevenue> revenues, int commonPoolTasks) {

        /** Copies the list. */
        Enrichment {
            revenues = List.copyOf(revenues);
        }
    }
}
