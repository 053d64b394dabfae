package io.futurist.agent.testing;

/**
 * The agent's {@code timing} option that the concurrency suites run under: none (the default,
 * {@code adaptive}) unless the system property {@value #PROPERTY} names one. The build runs
 * those suites once more under {@code all} and under {@code off} (the failsafe executions
 * {@code timing-all} and {@code timing-off}), since counts must be exact whatever is timed.
 */
public final class TimingUnderTest {

    /** The system property that names the mode, e.g. {@code -Dfuturist.it.timing=off}. */
    public static final String PROPERTY = "futurist.it.timing";

    private TimingUnderTest() {
    }

    /** {@code timing=<mode>} when a mode is named, else {@code null}. */
    public static String option() {
        String mode = System.getProperty(PROPERTY, "").trim();
        return mode.isEmpty() ? null : "timing=" + mode;
    }

    /** {@code options} with the named timing mode added, unless they choose one themselves. */
    public static String addedTo(String options) {
        String timing = option();
        if (timing == null || (options != null && options.contains("timing="))) {
            return options;
        }
        return options == null || options.isEmpty() ? timing : options + "," + timing;
    }

    /**
     * How long a suite that runs for a while should go on: {@code seconds} in its own run, half
     * that in the extra runs under another mode (they repeat what the first run covered).
     */
    public static int seconds(int seconds) {
        return option() == null ? seconds : Math.max(1, seconds / 2);
    }
}
