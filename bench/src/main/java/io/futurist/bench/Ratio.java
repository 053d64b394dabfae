package io.futurist.bench;

import java.util.Locale;

/**
 * One row of the results table: a ratio of two scores set against a target of docs/CONTRACT.md §6.
 *
 * @param what        the case, in words
 * @param ratio       the measured ratio
 * @param error       its error, from the two scores' relative errors added (conservative)
 * @param target      the target, or {@code NaN} when the case has none
 * @param atLeast     true when the ratio must reach the target, false when it must stay at or under it
 * @param medianRatio the same ratio of the two scores' medians
 */
record Ratio(String what, double ratio, double error, double medianRatio, double target, boolean atLeast) {

    /** {@code numerator / denominator} of two throughputs (or two times, for a time ratio). */
    static Ratio of(String what, Score numerator, Score denominator, double target, boolean atLeast) {
        double ratio = numerator.value() / denominator.value();
        double error = ratio * (Math.abs(numerator.relativeError()) + Math.abs(denominator.relativeError()));
        return new Ratio(what, ratio, error, numerator.median() / denominator.median(), target, atLeast);
    }

    /** "met" or "missed", each marked "(within error)" when {@link #withinError()}. */
    String verdict() {
        if (Double.isNaN(target)) {
            return "(no target)";
        }
        boolean met = atLeast ? ratio >= target : ratio <= target;
        if (!withinError()) {
            return met ? "**met**" : "**missed**";
        }
        return met ? "met (within error)" : "missed (within error)";
    }

    /** Whether the target lies inside the interval: the measurement cannot decide the row. */
    boolean withinError() {
        return !Double.isNaN(target) && !Double.isNaN(error)
                && !(atLeast ? (ratio - error >= target || ratio + error < target)
                        : (ratio + error <= target || ratio - error > target));
    }

    String targetText() {
        if (Double.isNaN(target)) {
            return "—";
        }
        return (atLeast ? (target == 1.0 ? "> " : "≥ ") : "≤ ") + targetDigits();
    }

    /** The target with two decimals, or three where two would round it (0.995 is not 1.00). */
    private String targetDigits() {
        String two = String.format(Locale.ROOT, "%.2f", target);
        return Double.parseDouble(two) == target ? two : String.format(Locale.ROOT, "%.3f", target);
    }
}
