package io.futurist.micrometer;

import io.futurist.ExecutorStatistics;
import io.futurist.TrackedExecutor;
import java.util.Arrays;
import java.util.List;

/**
 * The latest numbers of one executor, as the meters of every bound registry read them.
 *
 * <p>Design: a snapshot of an executor copies its histograms (kilobytes), and a scrape reads
 * a dozen meters per executor. So the first meter read takes one snapshot, keeps only the
 * numbers of the {@link MeterTable} rows (a few dozen doubles), and drops the snapshot; the
 * other meters read within {@link #MAX_AGE_NANOS} share those numbers, which also makes the
 * meters of one scrape agree with each other. Reads are synchronized on the reading: they come
 * from scrapes and the binder's refresh, rarely at once, never from a task's path.
 */
final class Reading {

    /** How long the numbers of one snapshot are served: well within one scrape, far below any scrape interval. */
    static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final TrackedExecutor executor;
    private final List<MeterTable.Row> rows;
    private final double[] values;
    private final double[] counts;
    private long takenAt;
    private boolean taken;
    /** Whether the last snapshot failed: then the next question about a row takes another. */
    private boolean failed;

    Reading(TrackedExecutor executor, List<MeterTable.Row> rows) {
        this.executor = executor;
        this.rows = rows;
        this.values = new double[rows.size()];
        this.counts = new double[rows.size()];
    }

    /** The value of row {@code index} of {@link #rows}; NaN where it does not apply. */
    synchronized double value(int index) {
        fresh();
        return values[index];
    }

    /** The count of timed events of the timer row {@code index}. */
    synchronized double count(int index) {
        fresh();
        return counts[index];
    }

    /**
     * Whether row {@code index} applies to this executor (a queue bound, a pool size), as of the
     * last numbers read: the binder's periodic refresh asks this of every executor, and must not
     * cost a snapshot each time. Only the first question takes one (or the next after a failed one).
     */
    synchronized boolean applies(int index) {
        if (!taken || failed) {
            fresh();
        }
        return !Double.isNaN(values[index]);
    }

    private void fresh() {
        long now = System.nanoTime();
        if (taken && now - takenAt < MAX_AGE_NANOS) {
            return;
        }
        failed = false;
        try {
            ExecutorStatistics statistics = executor.statistics();
            for (int i = 0; i < values.length; i++) {
                MeterTable.Row row = rows.get(i);
                values[i] = row.value.applyAsDouble(statistics);
                counts[i] = row.count == null ? 0 : row.count.applyAsDouble(statistics);
            }
        } catch (RuntimeException e) {
            // Never into the registry's scrape: this executor reads as unknown until the next snapshot.
            Arrays.fill(values, Double.NaN);
            Arrays.fill(counts, 0);
            failed = true;
        }
        takenAt = now;
        taken = true;
    }
}
