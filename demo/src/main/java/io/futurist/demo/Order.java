package io.futurist.demo;

/**
 * One parsed order line.
 *
 * @param id             unique order number
 * @param customerId     the buying customer; {@link #TEST_CUSTOMER} marks the shop's own test orders
 * @param region         where the order was placed
 * @param product        what was bought
 * @param quantity       how many units
 * @param unitPriceCents price of one unit, tax included, in cents
 */
record Order(long id, int customerId, Region region, Product product, int quantity, long unitPriceCents) {

    /** The customer account the shop uses for its own test orders, which analytics must ignore. */
    static final int TEST_CUSTOMER = 0;

    /** What the customer paid for this line, tax included, in cents. */
    long revenueCents() {
        return quantity * unitPriceCents;
    }

    /** Whether this order came from the shop's test account. */
    boolean isTestOrder() {
        return customerId == TEST_CUSTOMER;
    }
}
