package io.futurist.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The upstream order feed, simulated: a fixed data set generated from one seed, served batch by
 * batch.
 *
 * <p>It has the two flaws real feeds have, on purpose and at fixed places: it delivers at least
 * once, so its manifest lists one batch twice, and one batch contains a malformed line.
 */
final class OrderSource {
    /** The seed of the demo's data set; change it and every number in the summary changes. */
    static final long SEED = 20_240_601L;
    /** How many batches the feed holds. */
    static final int BATCHES = 10;
    /** How many order lines each batch holds. */
    static final int BATCH_SIZE = 1_000;
    /** The batch the manifest lists a second time, at its end (at-least-once delivery). */
    static final int REDELIVERED_BATCH = 4;
    /** The batch with the malformed line. */
    static final int CORRUPT_BATCH = 7;
    /** The index, within {@link #CORRUPT_BATCH}, of the malformed line. */
    static final int CORRUPT_LINE = 500;

    private static final int CUSTOMERS = 2_500;
    private static final int TEST_ORDER_PERCENT = 2;

    private final List<List<String>> batches;

    /** Generates the whole data set up front, so that fetching order cannot change its content. */
    OrderSource() {
        Random random = new Random(SEED);
        List<List<String>> generated = new ArrayList<>(BATCHES);
        for (int batch = 0; batch < BATCHES; batch++) {
            List<String> lines = new ArrayList<>(BATCH_SIZE);
            for (int line = 0; line < BATCH_SIZE; line++) {
                lines.add(orderLine(random, (long) batch * BATCH_SIZE + line + 1,
                        batch == CORRUPT_BATCH && line == CORRUPT_LINE));
            }
            generated.add(List.copyOf(lines));
        }
        this.batches = List.copyOf(generated);
    }

    private static String orderLine(Random random, long orderId, boolean corrupt) {
        int customer = random.nextInt(100) < TEST_ORDER_PERCENT
                ? Order.TEST_CUSTOMER
                : 1 + random.nextInt(CUSTOMERS);
        Region region = Region.values()[random.nextInt(Region.values().length)];
        Product product = Product.values()[random.nextInt(Product.values().length)];
        int quantity = 1 + random.nextInt(5);
        // Prices vary between 90% and 110% of the list price (discounts, surcharges).
        long unitPrice = product.listPriceCents() * (90 + random.nextInt(21)) / 100;
        String quantityField = corrupt ? "three" : Integer.toString(quantity);
        return orderId + "," + customer + "," + region + "," + product.displayName() + ","
                + quantityField + "," + unitPrice;
    }

    /**
     * The batch numbers to fetch, in delivery order: every batch once, then
     * {@link #REDELIVERED_BATCH} again.
     */
    List<Integer> manifest() {
        List<Integer> manifest = new ArrayList<>(BATCHES + 1);
        for (int batch = 0; batch < BATCHES; batch++) {
            manifest.add(batch);
        }
        manifest.add(REDELIVERED_BATCH);
        return List.copyOf(manifest);
    }

    /** Delivers one batch; safe to call from many threads at once. */
    Batch fetch(int batchId) {
        return new Batch(batchId, batches.get(batchId));
    }

    /** The total number of order lines in the feed, duplicates not counted. */
    int orderCount() {
        return BATCHES * BATCH_SIZE;
    }
}
