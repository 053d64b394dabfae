package io.futurist.internal;

import io.futurist.ExecutorStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What executors that were garbage-collected did, summed per creation site: so that a report
 * taken at exit still shows them, however early the collector took them.
 *
 * <p>The registry folds an executor in here when it purges the executor's entry, once the
 * executor has been collected; its record (which never refers to the executor) still holds the
 * final statistics then. Executors that had terminated are kept apart from those collected
 * while never shut down, so that a report can sum terminated executors the same way whether
 * or not they were collected yet.
 *
 * <p>Memory is bounded: at most {@link #MAX_SITES} sums, one per creation site and fate; the
 * executors of further sites are summed into one {@link #OTHER_SITES} entry per fate. A sum
 * holds two histograms at most (about 11 KB).
 *
 * <p>Concurrency: folds come from whichever thread purges (one per collected executor, as the
 * registry's map hands each entry to one remover) and reads from reports; both are rare and
 * take this object's monitor.
 */
public final class RetiredExecutors {

    /** Most creation sites with a sum of their own. */
    public static final int MAX_SITES = 256;
    /** The creation site of the sum of executors from sites beyond {@link #MAX_SITES}. */
    public static final String OTHER_SITES = "(other creation sites)";
    /** The type of a sum over executors of several classes. */
    public static final String MIXED_TYPES = "(several types)";

    private final Map<Key, Sum> sums = new LinkedHashMap<>();

    /** Adds the final statistics of a collected executor. */
    synchronized void fold(ExecutorRecord record) {
        boolean terminated = record.isTerminated();
        Key key = new Key(record.creationSite(), terminated);
        Sum sum = sums.get(key);
        if (sum == null) {
            if (sums.size() >= MAX_SITES) {
                key = new Key(OTHER_SITES, terminated);
                sum = sums.get(key);
            }
            if (sum == null) {
                sum = new Sum(key.site, record.type(), terminated);
                sums.put(key, sum);
            }
        }
        sum.add(record.type(), record.statistics());
    }

    /** The sums so far, in order of their first executor. */
    public synchronized List<Sum> sums() {
        List<Sum> copy = new ArrayList<>(sums.size());
        for (Sum sum : sums.values()) {
            copy.add(sum.copy());
        }
        return copy;
    }

    /** The executors of one creation site (and fate) that were collected, and what they did together. */
    public static final class Sum {
        private final String creationSite;
        private final boolean terminated;
        private String type;
        private long executors;
        private ExecutorStatistics statistics = ExecutorStatistics.EMPTY;

        Sum(String creationSite, String type, boolean terminated) {
            this.creationSite = creationSite;
            this.type = type;
            this.terminated = terminated;
        }

        void add(String executorType, ExecutorStatistics finalStatistics) {
            if (!type.equals(executorType)) {
                type = MIXED_TYPES;
            }
            executors++;
            statistics = statistics.plus(finalStatistics);
        }

        Sum copy() {
            Sum copy = new Sum(creationSite, type, terminated);
            copy.executors = executors;
            copy.statistics = statistics;
            return copy;
        }

        /** Where these executors were built, or {@link #OTHER_SITES}. */
        public String creationSite() {
            return creationSite;
        }

        /** Their class name, or {@link #MIXED_TYPES} when they were of several. */
        public String type() {
            return type;
        }

        /** Whether these executors had terminated; otherwise they were collected while never shut down. */
        public boolean terminated() {
            return terminated;
        }

        /** How many executors this sum holds. */
        public long executors() {
            return executors;
        }

        /** What they did together ({@link ExecutorStatistics#plus}). */
        public ExecutorStatistics statistics() {
            return statistics;
        }
    }

    private static final class Key {
        final String site;
        final boolean terminated;

        Key(String site, boolean terminated) {
            this.site = site;
            this.terminated = terminated;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && ((Key) other).site.equals(site) && ((Key) other).terminated == terminated;
        }

        @Override
        public int hashCode() {
            return site.hashCode() * 31 + (terminated ? 1 : 0);
        }
    }
}
