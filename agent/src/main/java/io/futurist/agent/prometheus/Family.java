package io.futurist.agent.prometheus;

import io.futurist.ExecutorStatistics;

/**
 * One metric family of the exposition: its name, type and help, and how to read its samples
 * for one executor from a snapshot. A family writes zero samples for an executor where its
 * statistic does not apply (a pool's shape where there is no pool).
 */
final class Family {

    /** The exposition's metric types that Futurist uses. */
    enum Type {
        /** A monotonic total; its sample is the family's name plus {@code _total}. */
        COUNTER("counter"),
        /** A value that goes up and down. */
        GAUGE("gauge"),
        /** Cumulative {@code _bucket{le=..}} counts, {@code _count} and {@code _sum}. */
        HISTOGRAM("histogram");

        private final String word;

        Type(String word) {
            this.word = word;
        }

        /** How the exposition's {@code # TYPE} line says it. */
        String word() {
            return word;
        }
    }

    /** Where a family writes its samples for one executor. */
    interface Samples {
        /**
         * One sample.
         *
         * @param suffix after the sample name (a counter's ends in {@code _total}): {@code ""}, {@code "_bucket"}, ...
         * @param le     the bucket's upper bound for {@code _bucket}, else {@code null}
         * @param value  the value as the exposition writes it
         */
        void sample(String suffix, String le, String value);
    }

    /** How a family reads one executor's samples. */
    interface Reader {
        void read(ExecutorStatistics statistics, Samples out);
    }

    private final String name;
    private final Type type;
    private final String help;
    private final Reader reader;

    Family(String name, Type type, String help, Reader reader) {
        this.name = name;
        this.type = type;
        this.help = help;
        this.reader = reader;
    }

    /** The family's name; a counter's samples add {@code _total} to it. */
    String name() {
        return name;
    }

    Type type() {
        return type;
    }

    String help() {
        return help;
    }

    /** Writes this family's samples for one executor. */
    void read(ExecutorStatistics statistics, Samples out) {
        reader.read(statistics, out);
    }
}
