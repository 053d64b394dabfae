package io.futurist.internal;

import io.futurist.ExecutorStatistics;
import io.futurist.PoolShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What executors that were garbage-collected did: so that a report taken at exit still shows
 * them, however early the collector took them.
 *
 * <p>The registry folds an executor in here when it purges the executor's entry, once the
 * executor has been collected; its record (which never refers to the executor) still holds the
 * final statistics then. A report must not depend on when the collector ran, so terminated
 * executors are kept by a rule a report can apply to the terminated executors not yet collected
 * too: the {@link #INDIVIDUAL} terminated executors with the smallest ids are kept one by one
 * (identity and final statistics), every other one is summed per creation site. A report that
 * takes the {@link #INDIVIDUAL} smallest ids among these and the uncollected terminated
 * executors, and sums the rest per site, prints the same whether or not, and in whatever order,
 * they were collected. Executors collected while never shut down are summed per site apart:
 * those come and go with the collector by nature.
 *
 * <p>Memory is bounded: {@link #INDIVIDUAL} snapshots, and at most {@link #MAX_SITES} sums; the
 * executors of further sites are summed into one {@link #OTHER_SITES} entry per fate. A snapshot
 * or sum holds two histograms at most (about 11 KB).
 *
 * <p>Concurrency: folds come from whichever thread purges (one per collected executor, as the
 * registry's map hands each entry to one remover) and reads from reports; both are rare and
 * take this object's monitor.
 */
public final class RetiredExecutors {

    /** Terminated executors kept one by one: those with the smallest ids. */
    public static final int INDIVIDUAL = 100;
    /** Most creation sites with a sum of their own, per fate. */
    public static final int MAX_SITES = 64;
    /** The creation site of the sum of executors from sites beyond {@link #MAX_SITES}. */
    public static final String OTHER_SITES = "(other creation sites)";
    /** The type of a sum over executors of several classes. */
    public static final String MIXED_TYPES = "(several types)";

    private final TreeMap<Long, Retiree> individual = new TreeMap<>();
    private final Map<String, Sum> terminatedSums = new LinkedHashMap<>();
    private final Map<String, Sum> neverShutDownSums = new LinkedHashMap<>();

    /** Adds the final statistics of a collected executor. */
    synchronized void fold(ExecutorRecord record) {
        // The executor is gone, so its shape cannot be read any more: none, as a report shows terminated ones.
        Retiree gone = new Retiree(record.id(), record.name(), record.type(), record.creationSite(),
                record.statistics().withShape(PoolShape.NONE));
        if (!record.isTerminated()) {
            add(neverShutDownSums, gone, false);
            return;
        }
        individual.put(gone.id, gone);
        if (individual.size() > INDIVIDUAL) {
            add(terminatedSums, individual.pollLastEntry().getValue(), true);
        }
    }

    /** Adds {@code retiree} to the sum of its creation site in {@code sums} (or to the others' sum). */
    static void add(Map<String, Sum> sums, Retiree retiree, boolean terminated) {
        String site = retiree.creationSite;
        if (!sums.containsKey(site) && sums.size() >= MAX_SITES) {
            site = OTHER_SITES;
        }
        sums.computeIfAbsent(site, s -> new Sum(s, retiree.type, terminated)).add(retiree.type, retiree.statistics);
    }

    /** Everything kept, as of now. */
    public synchronized Contents contents() {
        return new Contents(new ArrayList<>(individual.values()), copies(terminatedSums), copies(neverShutDownSums));
    }

    private static List<Sum> copies(Map<String, Sum> sums) {
        List<Sum> copy = new ArrayList<>(sums.size());
        for (Sum sum : sums.values()) {
            copy.add(sum.copy());
        }
        return copy;
    }

    /** A consistent copy of what is kept: no executor is in two of its lists. */
    public static final class Contents {
        private final List<Retiree> terminated;
        private final List<Sum> terminatedSums;
        private final List<Sum> neverShutDownSums;

        Contents(List<Retiree> terminated, List<Sum> terminatedSums, List<Sum> neverShutDownSums) {
            this.terminated = terminated;
            this.terminatedSums = terminatedSums;
            this.neverShutDownSums = neverShutDownSums;
        }

        /** The collected terminated executors kept one by one, by id. */
        public List<Retiree> terminated() {
            return terminated;
        }

        /** The other collected terminated executors, summed per creation site. */
        public List<Sum> terminatedSums() {
            return terminatedSums;
        }

        /** Executors collected while never shut down, summed per creation site. */
        public List<Sum> neverShutDownSums() {
            return neverShutDownSums;
        }
    }

    /** One executor no longer there: who it was and what it did in all. */
    public static final class Retiree {
        private final long id;
        private final String name;
        private final String type;
        private final String creationSite;
        private final ExecutorStatistics statistics;

        /** An executor's identity and final statistics. */
        public Retiree(long id, String name, String type, String creationSite, ExecutorStatistics statistics) {
            this.id = id;
            this.name = name;
            this.type = type;
            this.creationSite = creationSite;
            this.statistics = statistics;
        }

        /** Its registry id. */
        public long id() {
            return id;
        }

        /** Its name for people. */
        public String name() {
            return name;
        }

        /** Its class name. */
        public String type() {
            return type;
        }

        /** Where it was built. */
        public String creationSite() {
            return creationSite;
        }

        /** What it did in all. */
        public ExecutorStatistics statistics() {
            return statistics;
        }
    }

    /** Executors of one creation site (and fate), and what they did together. */
    public static final class Sum {
        private final String creationSite;
        private final boolean terminated;
        private String type;
        private long executors;
        private ExecutorStatistics statistics = ExecutorStatistics.EMPTY;

        /** An empty sum. */
        public Sum(String creationSite, String type, boolean terminated) {
            this.creationSite = creationSite;
            this.type = type;
            this.terminated = terminated;
        }

        /** Adds one executor of class {@code executorType} that did {@code finalStatistics}. */
        public void add(String executorType, ExecutorStatistics finalStatistics) {
            if (!type.equals(executorType)) {
                type = MIXED_TYPES;
            }
            executors++;
            statistics = statistics.plus(finalStatistics);
        }

        /** Adds every executor of {@code other}. */
        public void add(Sum other) {
            if (!type.equals(other.type)) {
                type = MIXED_TYPES;
            }
            executors += other.executors;
            statistics = statistics.plus(other.statistics);
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
}
