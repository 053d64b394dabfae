package io.futurist.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The validation step: removes the shop's own test orders from every parsed batch, one task per batch, all
 * handed to the parser pool in one {@code invokeAll}.
 */
final class ValidationStage {
    private final ExecutorService parsers;

    /**
     * @param parsers the fixed pool to validate on
     */
    ValidationStage(ExecutorService parsers) {
        this.parsers = parsers;
    }

    /** Returns the valid orders of all batches, in batch order. */
    List<Order> validate(List<List<Order>> batches) throws InterruptedException {
        List<Callable<List<Order>>> checks = new ArrayList<>(batches.size());
        for (List<Order> batch : batches) {
            checks.add(() -> batch.stream()
                    .filter(order -> !order.isTestOrder())
                    .collect(Collectors.toList()));
        }
        List<Order> valid = new ArrayList<>();
        for (Future<List<Order>> check : parsers.invokeAll(checks)) {
            try {
                valid.addAll(check.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("validation failed", e.getCause());
            }
        }
        return valid;
    }
}
