package io.futurist.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns the raw CSV lines of a batch into orders; all or nothing per batch. */
enum BatchParser {
    INSTANCE;

    private static final int FIELDS = 6;

    /**
     * Parses every line of the batch.
     *
     * @throws MalformedOrderException for the first line that is not a well-formed order; a
     *                                 half-parsed batch would silently skew the totals
     */
    List<Order> parse(Batch batch) {
        List<Order> orders = new ArrayList<>(batch.lines().size());
        for (int index = 0; index < batch.lines().size(); index++) {
            orders.add(parseLine(batch.id(), index, batch.lines().get(index)));
        }
        return orders;
    }

    private static Order parseLine(int batchId, int index, String line) {
        String[] fields = line.split(",", -1);
        if (fields.length != FIELDS) {
            throw malformed(batchId, index, "expected " + FIELDS + " fields, found " + fields.length, null);
        }
        return new Order(
                number(batchId, index, "order id", fields[0]),
                (int) number(batchId, index, "customer", fields[1]),
                constant(batchId, index, "region", Region.class, fields[2]),
                constant(batchId, index, "product", Product.class, fields[3]),
                (int) number(batchId, index, "quantity", fields[4]),
                number(batchId, index, "unit price", fields[5]));
    }

    private static long number(int batchId, int index, String field, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw malformed(batchId, index, field + " \"" + text + "\" is not a number", e);
        }
    }

    private static <E extends Enum<E>> E constant(int batchId, int index, String field, Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw malformed(batchId, index, "unknown " + field + " \"" + text + "\"", e);
        }
    }

    private static MalformedOrderException malformed(int batchId, int index, String problem, Throwable cause) {
        return new MalformedOrderException(
                "batch " + batchId + ", line " + (index + 1) + ": " + problem, cause);
    }
}
