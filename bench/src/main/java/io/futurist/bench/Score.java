package io.futurist.bench;

import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.util.ListStatistics;

/**
 * A measured value with its error (half-width of the 99.9% confidence interval, as JMH
 * reports it), pooled over every measurement iteration of every round.
 */
record Score(double value, double error, String unit, int samples) {

    /** Pools measurement iterations; a single sample has an unknown (NaN) error. */
    static Score of(List<Double> iterations, String unit) {
        ListStatistics statistics = new ListStatistics();
        iterations.forEach(statistics::addValue);
        double error = iterations.size() > 1 ? statistics.getMeanErrorAt(0.999) : Double.NaN;
        return new Score(statistics.getMean(), error, unit, iterations.size());
    }

    /** Relative error, {@code error / value}. */
    double relativeError() {
        return error / value;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s ± %s %s", Report.number(value), Report.number(error), unit);
    }
}
