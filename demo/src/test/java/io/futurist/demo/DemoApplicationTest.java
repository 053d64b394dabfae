package io.futurist.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the demo pipeline in-process and checks that its results are the fixed ones: the same on
 * every run and JDK, and the same as a plain sequential computation over the feed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // a hung executor must fail the build, not stall it
class DemoApplicationTest {
    private static PipelineReport report;

    @BeforeAll
    static void runPipeline() throws InterruptedException {
        report = new OrderPipeline().run();
    }

    @Test
    void feedFlawsAreHandledExactlyOnce() {
        assertEquals(10_000, report.ordersInFeed());
        assertEquals(10, report.batches());
        assertEquals(11, report.deliveries());
        assertEquals(1, report.duplicatesCancelled(), "the redelivered batch's parse must be cancelled");
        assertEquals(1, report.retried());
        assertEquals(List.of(new ParseStage.Quarantine(7, "batch 7, line 501: quantity \"three\" is not a number")),
                report.quarantined());
        assertEquals(9_000, report.ordersParsed());
    }

    @Test
    void backgroundWorkIsExact() {
        assertEquals(ProgressMonitor.BEATS, report.heartbeats());
        assertTrue(report.watchdogCancelled(), "the watchdog must be cancelled before its first check");
        assertEquals(List.of("run started: 11 deliveries", "run finished: 8820 valid orders, 4,918,973.94 gross"),
                report.auditWritten());
        assertEquals(1, report.auditDropped());
        assertEquals(2, report.auditTasksByHooks());
        assertTrue(report.executorsTerminated());
    }

    @Test
    void resultsAreTheKnownOnes() {
        assertEquals(8_820, report.validOrders());
        assertEquals(491_897_394L, report.grossRevenueCents());
        assertEquals(415_460_073L, report.netRevenueCents());
        assertEquals(Region.NORTH, report.topRegion().region());
        assertEquals(Product.LAPTOP, report.topProduct());
        assertEquals(3_488, report.topProductUnits());
        assertEquals(new RankingStage.Ranking(970, 2_424, 902, 1_515_543L), report.ranking());
    }

    @Test
    void resultsMatchASequentialComputation() {
        OrderSource source = new OrderSource();
        List<Order> valid = new ArrayList<>();
        for (int batch = 0; batch < OrderSource.BATCHES; batch++) {
            if (batch != OrderSource.CORRUPT_BATCH) {
                BatchParser.INSTANCE.parse(source.fetch(batch)).stream()
                        .filter(order -> !order.isTestOrder())
                        .forEach(valid::add);
            }
        }
        Map<Region, Long> gross = new EnumMap<>(Region.class);
        Map<Product, Long> units = new EnumMap<>(Product.class);
        Map<Integer, Long> spend = new HashMap<>();
        long large = 0;
        for (Order order : valid) {
            gross.merge(order.region(), order.revenueCents(), Long::sum);
            units.merge(order.product(), (long) order.quantity(), Long::sum);
            spend.merge(order.customerId(), order.revenueCents(), Long::sum);
            if (order.revenueCents() >= RankingStage.LARGE_ORDER_CENTS) {
                large++;
            }
        }
        assertEquals(valid.size(), report.validOrders());
        for (EnrichmentStage.RegionRevenue region : report.regions()) {
            long expectedGross = gross.get(region.region());
            assertEquals(expectedGross, region.grossCents(), region.region().name());
            assertEquals(expectedGross * 10_000 / (10_000 + region.region().taxBasisPoints()), region.netCents());
        }
        assertEquals(units.get(report.topProduct()), report.topProductUnits());
        assertTrue(units.values().stream().allMatch(u -> u <= report.topProductUnits()));
        assertEquals(large, report.ranking().largeOrders());
        assertEquals(spend.size(), report.ranking().customers());
        assertEquals(spend.get(report.ranking().topCustomer()), report.ranking().topCustomerCents());
    }

    @Test
    void commonPoolReceivesTheEnrichmentTasksWhereTheJdkAllowsIt() {
        int all = EnrichmentStage.STAGES_PER_REGION * Region.values().length;
        // JDK 17 replaces a common pool of parallelism < 2 by a thread per task (see EnrichmentStage):
        // asked of the JDK, whose default executor for async stages then is not the common pool.
        if (new CompletableFuture<Void>().defaultExecutor() == ForkJoinPool.commonPool()) {
            assertEquals(all, report.commonPoolTasks());
        } else {
            assertTrue(report.commonPoolTasks() == 0 || report.commonPoolTasks() == all,
                    "either all or none: " + report.commonPoolTasks());
        }
    }

    @Test
    void anotherRunGivesAnEqualReport() throws InterruptedException {
        assertEquals(report, new OrderPipeline().run());
    }

    @Test
    void mainPrintsTheSummary() throws InterruptedException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            DemoApplication.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        List<String> expected = new ArrayList<>();
        expected.add("Order analytics pipeline");
        report.summary().forEach(line -> expected.add("  " + line));
        assertEquals(expected, captured.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals("  orders: 10000 in 10 batches, 11 deliveries (1 duplicate parse cancelled)", expected.get(1));
    }
}
