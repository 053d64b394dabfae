package io.futurist.demo;

/** The sales regions of the demo's shop, each with the sales tax its prices include. */
enum Region {
    NORTH(2_000),
    SOUTH(1_500),
    EAST(1_900),
    WEST(2_100),
    CENTRAL(1_700);

    private final int taxBasisPoints;

    Region(int taxBasisPoints) {
        this.taxBasisPoints = taxBasisPoints;
    }

    /** The sales tax included in this region's prices, in hundredths of a percent. */
    int taxBasisPoints() {
        return taxBasisPoints;
    }
}
