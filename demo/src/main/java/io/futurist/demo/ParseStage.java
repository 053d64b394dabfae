package io.futurist.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parse step: parses every delivered batch on the fixed parser pool, drops the parse of a batch
 * delivered twice, and quarantines batches that do not parse.
 *
 * <p>Parse tasks are submitted as deliveries come in, but wait at a start gate until the stage
 * has reconciled the deliveries against each other. That is what makes dropping a duplicate
 * exact: the gate holds every pool thread inside the first {@link PipelineExecutors#PARSER_THREADS}
 * tasks, so the duplicate, delivered last, is still in the queue when it is cancelled and never
 * starts. The cancelled task stays queued until a thread takes it; the JDK then runs nothing.
 */
final class ParseStage {
    private final ExecutorService parsers;
    private final AtomicInteger batchesParsed;

    /**
     * @param parsers       the fixed pool to parse on
     * @param batchesParsed incremented per batch parsed, for the progress heartbeat
     */
    ParseStage(ExecutorService parsers, AtomicInteger batchesParsed) {
        this.parsers = parsers;
        this.batchesParsed = batchesParsed;
    }

    /** Parses the deliveries; one {@code submit} each, of which duplicates are cancelled. */
    ParseOutcome parseAll(List<Batch> deliveries) throws InterruptedException {
        CountDownLatch startGate = new CountDownLatch(1);
        List<Future<List<Order>>> parses = new ArrayList<>(deliveries.size());
        try {
            for (Batch batch : deliveries) {
                parses.add(parsers.submit(() -> {
                    startGate.await();
                    List<Order> orders = BatchParser.INSTANCE.parse(batch);
                    batchesParsed.incrementAndGet();
                    return orders;
                }));
            }
            Set<Integer> duplicates = duplicateDeliveries(deliveries);
            int duplicatesCancelled = 0;
            for (int index : duplicates) {
                if (parses.get(index).cancel(false)) {
                    duplicatesCancelled++;
                }
            }
            startGate.countDown();
            return collect(deliveries, parses, duplicates, duplicatesCancelled);
        } finally {
            startGate.countDown(); // never leave parser threads stuck if anything above failed
        }
    }

    /** The positions of deliveries whose batch was delivered earlier in the list. */
    private static Set<Integer> duplicateDeliveries(List<Batch> deliveries) {
        Set<Integer> seen = new HashSet<>();
        Set<Integer> duplicates = new TreeSet<>();
        for (int i = 0; i < deliveries.size(); i++) {
            if (!seen.add(deliveries.get(i).id())) {
                duplicates.add(i);
            }
        }
        return duplicates;
    }

    private static ParseOutcome collect(List<Batch> deliveries, List<Future<List<Order>>> parses,
            Set<Integer> duplicates, int duplicatesCancelled) throws InterruptedException {
        List<List<Order>> parsed = new ArrayList<>();
        List<Quarantine> quarantined = new ArrayList<>();
        for (int i = 0; i < parses.size(); i++) {
            Future<List<Order>> parse = parses.get(i);
            if (duplicates.contains(i)) {
                // Cancelled above; had it started anyway, its orders would be counted twice.
                continue;
            }
            try {
                parsed.add(parse.get());
            } catch (ExecutionException e) {
                // The parse task threw; its FutureTask kept the exception for us. One bad batch
                // must not stop the run: set it aside and report it.
                quarantined.add(new Quarantine(deliveries.get(i).id(), e.getCause().getMessage()));
            }
        }
        return new ParseOutcome(parsed, quarantined, duplicatesCancelled);
    }

    /**
     * A batch set aside because it did not parse.
     *
     * @param batchId the batch
     * @param reason  the parser's message
     */
    record Quarantine(int batchId, String reason) {
    }

    /**
     * What parsing produced.
     *
     * @param batches             the orders of every batch that parsed, one list per batch
     * @param quarantined         the batches that did not parse
     * @param duplicatesCancelled parse tasks dropped because their batch was delivered before
     */
    record ParseOutcome(List<List<Order>> batches, List<Quarantine> quarantined, int duplicatesCancelled) {

        /** Copies the lists. */
        ParseOutcome {
            batches = List.copyOf(batches);
            quarantined = List.copyOf(quarantined);
        }
    }
}
