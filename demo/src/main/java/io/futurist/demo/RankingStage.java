package io.futurist.demo;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * The ranking step: ranks customers and counts large orders with parallel streams, which run on the common
 * pool without the pipeline naming it.
 */
final class RankingStage {
    /** An order line of at least this much (tax included, in cents) counts as large. */
    static final long LARGE_ORDER_CENTS = 100_000;

    /** Ranks the valid orders. */
    Ranking rank(List<Order> orders) {
        long largeOrders = orders.parallelStream()
                .filter(order -> order.revenueCents() >= LARGE_ORDER_CENTS)
                .count();
        ConcurrentMap<Integer, Long> spendByCustomer = orders.parallelStream()
                .collect(Collectors.groupingByConcurrent(Order::customerId,
                        Collectors.summingLong(Order::revenueCents)));
        // Highest spend first; the lower customer number wins a tie, so the result is stable.
        Map.Entry<Integer, Long> top = spendByCustomer.entrySet().stream()
                .min(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .orElseThrow();
        return new Ranking(largeOrders, spendByCustomer.size(), top.getKey(), top.getValue());
    }

    /**
     * The rankings.
     *
     * @param largeOrders      order lines of at least {@link #LARGE_ORDER_CENTS}
     * @param customers        distinct customers who ordered
     * @param topCustomer      the customer who spent most
     * @param topCustomerCents what the top customer spent, in cents
     */
    record Ranking(long largeOrders, int customers, int topCustomer, long topCustomerCents) {
    }
}
