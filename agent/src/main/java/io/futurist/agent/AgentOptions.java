package io.futurist.agent;

import java.util.Locale;

/**
 * The agent's options, from {@code -javaagent:futurist-agent.jar=k=v,k=v} or after
 * {@code attach <pid>}: {@code report=exit|none} (default none) and {@code jmx=true|false}
 * (default true: publish the executors into the platform MBean server once something other
 * than the agent has made it; see {@code JmxPublisher}) and {@code timing=adaptive|all|off}
 * (default adaptive: which runs are timed, see {@code io.futurist.Timing}). Anything else is an error; the
 * agent then stays out of the way entirely.
 */
public final class AgentOptions {

    static final AgentOptions DEFAULTS = new AgentOptions(false, true);

    private final boolean reportAtExit;
    private final boolean jmx;
    /**
     * The {@code timing} option, as the name of an {@code io.futurist.Timing} constant: options
     * are parsed before the API classes are defined in the bootstrap class loader, and naming
     * the type here would load the agent jar's own copy of it first. Set after construction, so
     * that adding it left the constructor alone.
     */
    private String timing = "ADAPTIVE";

    private AgentOptions(boolean reportAtExit, boolean jmx) {
        this.reportAtExit = reportAtExit;
        this.jmx = jmx;
    }

    /**
     * Parses an option string.
     *
     * @throws IllegalArgumentException with a message fit for one line on stderr
     */
    public static AgentOptions parse(String text) {
        if (text == null || text.trim().isEmpty()) {
            return DEFAULTS;
        }
        boolean report = DEFAULTS.reportAtExit;
        boolean jmx = DEFAULTS.jmx;
        String timing = DEFAULTS.timing;
        for (String option : text.split(",", -1)) {
            String trimmed = option.trim();
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("invalid agent option '" + trimmed
                        + "': expected key=value (known: report=exit|none, jmx=true|false, timing=adaptive|all|off)");
            }
            String key = trimmed.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = trimmed.substring(equals + 1).trim().toLowerCase(Locale.ROOT);
            switch (key) {
                case "report":
                    if (!value.equals("exit") && !value.equals("none")) {
                        throw new IllegalArgumentException("invalid value for report: '" + value + "' (expected exit or none)");
                    }
                    report = value.equals("exit");
                    break;
                case "jmx":
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new IllegalArgumentException("invalid value for jmx: '" + value + "' (expected true or false)");
                    }
                    jmx = Boolean.parseBoolean(value);
                    break;
                case "timing":
                    timing = timing(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown agent option '" + key
                            + "' (known: report=exit|none, jmx=true|false, timing=adaptive|all|off)");
            }
        }
        AgentOptions options = new AgentOptions(report, jmx);
        options.timing = timing;
        return options;
    }

    private static String timing(String value) {
        if (!value.equals("adaptive") && !value.equals("all") && !value.equals("off")) {
            throw new IllegalArgumentException("invalid value for timing: '" + value + "' (expected adaptive, all or off)");
        }
        return value.toUpperCase(Locale.ROOT);
    }

    boolean reportAtExit() {
        return reportAtExit;
    }

    boolean jmx() {
        return jmx;
    }

    /** Which runs the instrumented executors time: the name of an {@code io.futurist.Timing} constant. */
    String timing() {
        return timing;
    }
}
