package io.futurist.demo;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The outcome of one pipeline run. Every component is deterministic: two runs of the same build
 * on the same JVM produce equal reports.
 *
 * @param ordersInFeed        order lines in the feed, duplicates not counted
 * @param batches             distinct batches delivered
 * @param deliveries          batch deliveries, duplicates included
 * @param duplicatesCancelled parse tasks cancelled because their batch had been delivered before
 * @param retried             batches that did not parse and were retried once
 * @param quarantined         batches that did not parse, even when retried
 * @param ordersParsed        orders in the batches that parsed
 * @param validOrders         parsed orders that are not test orders
 * @param regions             gross and net revenue per region, in region order
 * @param topProduct          the product with the most units sold
 * @param topProductUnits     units sold of the top product
 * @param ranking             customer ranking and large orders
 * @param heartbeats          how many times the progress heartbeat ran
 * @param watchdogCancelled   whether the stall watchdog was cancelled before it ever ran
 * @param auditWritten        the audit records written
 * @param auditDropped        the audit records the audit executor refused
 * @param auditTasksByHooks   tasks the audit executor ran, by its own before/after hooks
 * @param commonPoolTasks     async enrichment tasks the JDK gave to the common pool (see
 *                            {@link EnrichmentStage})
 * @param executorsTerminated whether every executor the run owned terminated in time
 */
record PipelineReport(
        int ordersInFeed,
        int batches,
        int deliveries,
        int duplicatesCancelled,
        int retried,
        List<ParseStage.Quarantine> quarantined,
        int ordersParsed,
        int validOrders,
        List<EnrichmentStage.RegionRevenue> regions,
        Product topProduct,
        long topProductUnits,
        RankingStage.Ranking ranking,
        int heartbeats,
        boolean watchdogCancelled,
        List<String> auditWritten,
        int auditDropped,
        long auditTasksByHooks,
        int commonPoolTasks,
        boolean executorsTerminated) {

    /** Copies the lists. */
    PipelineReport {
        quarantined = List.copyOf(quarantined);
        regions = List.copyOf(regions);
        auditWritten = List.copyOf(auditWritten);
    }

    /** Gross revenue over all regions, in cents. */
    long grossRevenueCents() {
        return regions.stream().mapToLong(EnrichmentStage.RegionRevenue::grossCents).sum();
    }

    /** Net revenue over all regions, in cents. */
    long netRevenueCents() {
        return regions.stream().mapToLong(EnrichmentStage.RegionRevenue::netCents).sum();
    }

    /** The region with the highest gross revenue; the first in region order on a tie. */
    EnrichmentStage.RegionRevenue topRegion() {
        return regions.stream()
                .max(Comparator.comparingLong(EnrichmentStage.RegionRevenue::grossCents)
                        .thenComparing(EnrichmentStage.RegionRevenue::region, Comparator.reverseOrder()))
                .orElseThrow();
    }

    /** The human-readable summary the demo prints, one line per element. */
    List<String> summary() {
        EnrichmentStage.RegionRevenue top = topRegion();
        String quarantine = quarantined.isEmpty()
                ? "none"
                : quarantined.stream()
                        .map(ParseStage.Quarantine::reason) // names the batch already
                        .collect(Collectors.joining("; "));
        return List.of(
                "orders: " + ordersInFeed + " in " + batches + " batches, " + deliveries
                        + " deliveries (" + duplicatesCancelled + " duplicate parse cancelled)",
                "quarantined: " + quarantine + " (" + retried + " retried)",
                "parsed: " + ordersParsed + ", valid: " + validOrders + " ("
                        + (ordersParsed - validOrders) + " test orders removed)",
                "revenue: " + money(grossRevenueCents()) + " gross, " + money(netRevenueCents()) + " net of tax",
                "top region: " + top.region() + " (" + money(top.grossCents()) + " gross)",
                "top product: " + topProduct.displayName() + " (" + topProductUnits + " units)",
                "top customer: #" + ranking.topCustomer() + " (" + money(ranking.topCustomerCents())
                        + ") of " + ranking.customers() + " customers",
                "large orders: " + ranking.largeOrders() + " (at least "
                        + money(RankingStage.LARGE_ORDER_CENTS) + ")",
                "monitor: " + heartbeats + " heartbeats, watchdog "
                        + (watchdogCancelled ? "stood down" : "still armed"),
                "audit: " + auditWritten.size() + " records written, " + auditDropped + " dropped",
                "executors: " + (executorsTerminated ? "all terminated" : "NOT all terminated"));
    }

    /** Formats cents as {@code 1,234.56}, the same on every machine. */
    static String money(long cents) {
        return String.format(Locale.ROOT, "%,d.%02d", cents / 100, Math.abs(cents % 100));
    }
}
