package io.futurist.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * The audit step: writes the run's audit records through the best-effort {@link AuditingExecutor}.
 *
 * <p>The records arrive as a burst while the audit store is briefly unavailable (it rotates its
 * file). The first write takes the executor's only thread and waits for the store; the second
 * takes the one queue slot; every further one is refused and counted as dropped. Because the
 * store stays unavailable until the whole burst is submitted, exactly
 * {@code records - 2} records are dropped, whatever the timing.
 */
final class AuditStage {
    private final AuditingExecutor executor;
    private final List<String> trail = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param executor the audit executor
     */
    AuditStage(AuditingExecutor executor) {
        this.executor = executor;
    }

    /** Writes the records as one burst, in order, and waits for the writes that were accepted. */
    AuditResult writeBurst(List<String> records) throws InterruptedException {
        CountDownLatch storeAvailable = new CountDownLatch(1);
        List<Future<?>> writes = new ArrayList<>();
        int dropped = 0;
        try {
            for (String record : records) {
                try {
                    writes.add(executor.submit(() -> {
                        storeAvailable.await();
                        trail.add(record);
                        return null;
                    }));
                } catch (RejectedExecutionException e) {
                    dropped++; // best effort by design: the pipeline never waits for the audit store
                }
            }
        } finally {
            storeAvailable.countDown(); // the rotation is over
        }
        for (Future<?> write : writes) {
            try {
                write.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("audit write failed", e.getCause());
            }
        }
        return new AuditResult(List.copyOf(trail), dropped);
    }

    /**
     * What reached the audit trail.
     *
     * @param written the records written, in order
     * @param dropped how many records the executor refused
     */
    record AuditResult(List<String> written, int dropped) {

        /** Copies the list. */
        AuditResult {
            written = List.copyOf(written);
        }
    }
}
