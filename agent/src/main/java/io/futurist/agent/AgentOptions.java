package io.futurist.agent;

import java.util.Locale;

/**
 * The agent's options, from {@code -javaagent:futurist-agent.jar=k=v,k=v} or after
 * {@code attach <pid>}: {@code report=exit|none} (default none) and {@code jmx=true|false}
 * (default true: publish the executors into the platform MBean server once something other
 * than the agent has made it; see {@code JmxPublisher}) and {@code cache=<directory>} (default
 * none: the rewritten JDK classes are taken from that directory, filled by the {@code cache}
 * command; the path keeps its case and cannot hold a comma). Anything else is an error; the agent
 * then stays out of the way entirely.
 */
public final class AgentOptions {

    static final AgentOptions DEFAULTS = new AgentOptions(false, true);

    private final boolean reportAtExit;
    private final boolean jmx;
    /** Set by {@link #parse} only; {@code null} when no class cache was asked for. */
    private String cacheDirectory;

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
        String cache = null;
        for (String option : text.split(",", -1)) {
            String trimmed = option.trim();
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("invalid agent option '" + trimmed
                        + "': expected key=value (known: report=exit|none, jmx=true|false, cache=<directory>)");
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
                case "cache":
                    cache = trimmed.substring(equals + 1).trim();
                    if (cache.isEmpty()) {
                        throw new IllegalArgumentException("invalid value for cache: expected a directory");
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown agent option '" + key
                            + "' (known: report=exit|none, jmx=true|false, cache=<directory>)");
            }
        }
        AgentOptions parsed = new AgentOptions(report, jmx);
        parsed.cacheDirectory = cache;
        return parsed;
    }

    boolean reportAtExit() {
        return reportAtExit;
    }

    boolean jmx() {
        return jmx;
    }

    /** The directory of {@code cache=}, or {@code null}. */
    String cacheDirectory() {
        return cacheDirectory;
    }
}
