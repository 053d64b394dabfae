package io.futurist.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The order analytics pipeline. Its steps, in order, and where each runs:
 * <ol>
 *   <li>{@link FetchStage fetch} the deliveries of the feed: cached pool;</li>
 *   <li>{@link ParseStage parse} them, cancelling a redelivered batch's parse: fixed pool;</li>
 *   <li>{@link QuarantineRetry retry} batches that did not parse, after a delay: scheduler;</li>
 *   <li>{@link ValidationStage validate} the parsed batches with {@code invokeAll}: fixed pool;</li>
 *   <li>{@link AggregationStage aggregate} revenue and units: fork/join pool;</li>
 *   <li>{@link EnrichmentStage enrich} regions with net revenue: {@code CompletableFuture}s on
 *       the common pool;</li>
 *   <li>{@link RankingStage rank} customers: parallel streams;</li>
 *   <li>{@link AuditStage audit} the run: the bounded {@link AuditingExecutor}.</li>
 * </ol>
 * A {@link ProgressMonitor} watches from the scheduler throughout. Each run owns a fresh set of
 * executors and shuts all of them down before it returns, so runs are independent.
 */
final class OrderPipeline {
    /** How long the run waits for its executors to terminate at the end. */
    static final long TERMINATION_TIMEOUT_SECONDS = 5;

    /** Runs the pipeline once over the demo's fixed data set. */
    PipelineReport run() throws InterruptedException {
        OrderSource source = new OrderSource();
        AtomicInteger batchesParsed = new AtomicInteger();
        PipelineExecutors executors = PipelineExecutors.create();
        Results results;
        boolean terminated;
        try {
            results = runStages(source, executors, batchesParsed);
        } finally {
            terminated = executors.shutdownAndAwait(TERMINATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        // Read only now: afterExecute runs after the task's future completes, so the audit
        // executor's own tally is final only once its worker has terminated.
        long auditTasksByHooks = executors.audit().completedByHooks();
        return results.report(source, auditTasksByHooks, terminated);
    }

    private static Results runStages(OrderSource source, PipelineExecutors executors, AtomicInteger batchesParsed)
            throws InterruptedException {
        ProgressMonitor monitor = new ProgressMonitor(executors.scheduler(), batchesParsed);
        monitor.start();

        List<Batch> deliveries = new FetchStage(executors.fetchers(), source).fetchAll();
        ParseStage.ParseOutcome parsed = new ParseStage(executors.parsers(), batchesParsed).parseAll(deliveries);
        QuarantineRetry.Outcome retried = new QuarantineRetry(executors.scheduler(), source)
                .retryAll(parsed.quarantined());
        List<List<Order>> batches = new ArrayList<>(parsed.batches());
        batches.addAll(retried.recovered());
        List<Order> valid = new ValidationStage(executors.parsers()).validate(batches);
        AggregationStage.Totals totals = new AggregationStage(executors.aggregation()).aggregate(valid);
        EnrichmentStage.Enrichment enrichment = new EnrichmentStage().enrich(totals.revenueByRegion());
        RankingStage.Ranking ranking = new RankingStage().rank(valid);
        ProgressMonitor.Progress progress = monitor.stop();

        AuditStage.AuditResult audit = new AuditStage(executors.audit()).writeBurst(List.of(
                "run started: " + deliveries.size() + " deliveries",
                "run finished: " + valid.size() + " valid orders, "
                        + PipelineReport.money(totals.totalRevenue()) + " gross",
                "quarantined: " + retried.quarantined().size() + " batch(es)"));
        int ordersParsed = batches.stream().mapToInt(List::size).sum();
        return new Results(deliveries, parsed, retried.quarantined(), ordersParsed, valid, totals, enrichment,
                ranking, progress, audit);
    }

    /** Everything the stages produced, before the executors are shut down. */
    private record Results(
            List<Batch> deliveries,
            ParseStage.ParseOutcome parsed,
            List<ParseStage.Quarantine> stillQuarantined,
            int ordersParsed,
            List<Order> valid,
            AggregationStage.Totals totals,
            EnrichmentStage.Enrichment enrichment,
            RankingStage.Ranking ranking,
            ProgressMonitor.Progress progress,
            AuditStage.AuditResult audit) {

        PipelineReport report(OrderSource source, long auditTasksByHooks, boolean terminated) {
            Product topProduct = totals.topProduct();
            return new PipelineReport(
                    source.orderCount(),
                    (int) deliveries.stream().mapToInt(Batch::id).distinct().count(),
                    deliveries.size(),
                    parsed.duplicatesCancelled(),
                    parsed.quarantined().size(),
                    stillQuarantined,
                    ordersParsed,
                    valid.size(),
                    enrichment.revenues(),
                    topProduct,
                    totals.unitsByProduct().get(topProduct),
                    ranking,
                    progress.samples().size(),
                    progress.watchdogCancelled(),
                    audit.written(),
                    audit.dropped(),
                    auditTasksByHooks,
                    enrichment.commonPoolTasks(),
                    terminated);
        }
    }
}
