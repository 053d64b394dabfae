package io.futurist.agent;

import io.futurist.agent.prometheus.MetricsAddress;
import java.util.Locale;

/**
 * The agent's options, from {@code -javaagent:futurist-agent.jar=k=v,k=v} or after
 * {@code attach <pid>}: {@code report=exit|none} (default none) and {@code jmx=true|false}
 * (default true: publish the executors into the platform MBean server once something other
 * than the agent has made it; see {@code JmxPublisher}), and {@code prometheus=[HOST:]PORT}
 * (default off: serve {@code /metrics} there, HOST {@code 127.0.0.1} unless named). Anything
 * else is an error; the agent then stays out of the way entirely.
 */
public final class AgentOptions {

    static final AgentOptions DEFAULTS = new AgentOptions(false, true);

    private final boolean reportAtExit;
    private final boolean jmx;
    /** Where to serve {@code /metrics}; {@code null} when {@code prometheus=} is not given. */
    private final MetricsAddress prometheus;

    private AgentOptions(boolean reportAtExit, boolean jmx) {
        this(reportAtExit, jmx, null);
    }

    private AgentOptions(boolean reportAtExit, boolean jmx, MetricsAddress prometheus) {
        this.reportAtExit = reportAtExit;
        this.jmx = jmx;
        this.prometheus = prometheus;
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
        MetricsAddress prometheus = DEFAULTS.prometheus;
        for (String option : text.split(",", -1)) {
            String trimmed = option.trim();
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("invalid agent option '" + trimmed
                        + "': expected key=value (known: report=exit|none, jmx=true|false)");
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
                case "prometheus":
                    prometheus = MetricsAddress.parse(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown agent option '" + key
                            + "' (known: report=exit|none, jmx=true|false)");
            }
        }
        return new AgentOptions(report, jmx, prometheus);
    }

    boolean reportAtExit() {
        return reportAtExit;
    }

    boolean jmx() {
        return jmx;
    }

    /** Where to serve the Prometheus endpoint, if anywhere. */
    MetricsAddress prometheus() {
        return prometheus;
    }
}
