package io.futurist.bench;

import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.util.ListStatistics;

/**
 * A measured value with its error (half-width of the 99.9% confidence interval, as JMH
 * reports it) and the median of its iterations, pooled over every measurement iteration of
 * every round. The median is the robust second opinion on a machine whose load comes and goes.
 */
record Score(double value, double error, double median, String unit, int samples) {

    /** Pools measurement iterations; a single sample has an unknown (NaN) error. */
    static Score of(List<Double> iterations, String unit) {
        ListStatistics statistics = new ListStatistics();
        iterations.forEach(statistics::addValue);
        double error = iterations.size() > 1 ? statistics.getMeanErrorAt(0.999) : Double.NaN;
        double[] sorted = iterations.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Score(statistics.getMean(), error, median, unit, n);
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
