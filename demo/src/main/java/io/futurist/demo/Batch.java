package io.futurist.demo;

import java.util.List;

/**
 * One batch of raw order lines as the upstream feed delivers it.
 *
 * @param id    the batch number in the feed's manifest
 * @param lines CSV lines {@code id,customer,region,product,quantity,unitPriceCents}
 */
record Batch(int id, List<String> lines) {

    /** Copies the lines, so that a delivered batch cannot change behind the parser's back. */
    Batch {
        lines = List.copyOf(lines);
    }
}
