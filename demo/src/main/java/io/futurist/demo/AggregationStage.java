package io.futurist.demo;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * The aggregation step: totals revenue per region and units per product on the fork/join pool. The first
 * total enters the pool through {@code invoke}, the second through {@code submit}.
 */
final class AggregationStage {
    private final ForkJoinPool pool;

    /**
     * @param pool the fork/join pool to aggregate on
     */
    AggregationStage(ForkJoinPool pool) {
        this.pool = pool;
    }

    /** Aggregates the valid orders. */
    Totals aggregate(List<Order> orders) throws InterruptedException {
        int size = orders.size();
        int[] regions = new int[size];
        long[] revenue = new long[size];
        int[] products = new int[size];
        long[] units = new long[size];
        for (int i = 0; i < size; i++) {
            Order order = orders.get(i);
            regions[i] = order.region().ordinal();
            revenue[i] = order.revenueCents();
            products[i] = order.product().ordinal();
            units[i] = order.quantity();
        }
        long[] revenueByRegion = pool.invoke(new SumByKeyTask(regions, revenue, Region.values().length));
        long[] unitsByProduct;
        try {
            unitsByProduct = pool.submit(new SumByKeyTask(products, units, Product.values().length)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("aggregation failed", e.getCause());
        }
        Map<Region, Long> byRegion = new EnumMap<>(Region.class);
        for (Region region : Region.values()) {
            byRegion.put(region, revenueByRegion[region.ordinal()]);
        }
        Map<Product, Long> byProduct = new EnumMap<>(Product.class);
        for (Product product : Product.values()) {
            byProduct.put(product, unitsByProduct[product.ordinal()]);
        }
        return new Totals(byRegion, byProduct);
    }

    /**
     * The aggregates, every region and product present, in declaration order.
     *
     * @param revenueByRegion gross revenue in cents per region
     * @param unitsByProduct  units sold per product
     */
    record Totals(Map<Region, Long> revenueByRegion, Map<Product, Long> unitsByProduct) {

        /** Copies the maps, keeping their enum order. */
        Totals {
            revenueByRegion = Collections.unmodifiableMap(new EnumMap<>(revenueByRegion));
            unitsByProduct = Collections.unmodifiableMap(new EnumMap<>(unitsByProduct));
        }

        /** Gross revenue of all regions, in cents. */
        long totalRevenue() {
            return revenueByRegion.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The product with the most units sold; the first in the catalogue on a tie. */
        Product topProduct() {
            Product top = Product.values()[0];
            for (Product product : Product.values()) {
                if (unitsByProduct.get(product) > unitsByProduct.get(top)) {
                    top = product;
                }
            }
            return top;
        }
    }
}
