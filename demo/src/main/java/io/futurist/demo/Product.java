package io.futurist.demo;

import java.util.Locale;

/** The catalogue of the demo's shop, with each product's list price. */
enum Product {
    KEYBOARD(4_999),
    MOUSE(1_999),
    MONITOR(18_999),
    LAPTOP(89_999),
    HEADSET(7_999),
    WEBCAM(5_999),
    DOCK(12_999),
    CABLE(999);

    private final long listPriceCents;

    Product(long listPriceCents) {
        this.listPriceCents = listPriceCents;
    }

    /** The list price in cents; actual orders vary around it. */
    long listPriceCents() {
        return listPriceCents;
    }

    /** The name as it appears in the order feed and in the summary. */
    String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
