package io.futurist.agent;

import io.futurist.agent.prometheus.MetricsAddress;
import java.util.Locale;

/**
 * The agent's options, from {@code -javaagent:futurist-agent.jar=k=v,k=v} or after
 * {@code attach <pid>}:
 * <ul>
 *   <li>{@code report=exit|none} (default none): the table at exit;</li>
 *   <li>{@code jmx=true|false} (default true: publish the executors into the platform MBean
 *       server once something other than the agent has made it; see {@code JmxPublisher});</li>
 *   <li>{@code timing=adaptive|all|off} (default adaptive: which runs are timed, see
 *       {@code io.futurist.Timing});</li>
 *   <li>{@code prometheus=[HOST:]PORT} (default off: serve {@code /metrics} there, HOST
 *       {@code 127.0.0.1} unless named);</li>
 *   <li>{@code slowRun=DURATION}, {@code slowQueue=DURATION} (default off: count, and report as
 *       JFR events and JMX notifications, every run and every queue wait longer than this; a
 *       number and a unit, {@code ns}, {@code us}, {@code ms}, {@code s} or {@code m}, e.g.
 *       {@code 100ms}, {@code 2s}, {@code 1.5s});</li>
 *   <li>{@code cache=<directory>} (default none: take the rewritten JDK classes from that
 *       directory, filled by the {@code cache} command; the path keeps its case and cannot
 *       hold a comma).</li>
 * </ul>
 * Anything else is an error; the agent then stays out of the way entirely.
 */
public final class AgentOptions {

    /** What the error messages list as known. */
    private static final String KNOWN = "report=exit|none, jmx=true|false, timing=adaptive|all|off, prometheus=[HOST:]PORT, "
            + "slowRun=DURATION, slowQueue=DURATION, cache=<directory>";

    // Set only while parse() builds the instance, never after it is returned.
    private boolean reportAtExit;
    private boolean jmx = true;
    /**
     * The {@code timing} option, as the name of an {@code io.futurist.Timing} constant: options
     * are parsed before the API classes are defined in the bootstrap class loader, and naming
     * the type here would load the agent jar's own copy of it first.
     */
    private String timing = "ADAPTIVE";
    /** Where to serve {@code /metrics}; {@code null} when {@code prometheus=} is not given. */
    private MetricsAddress prometheus;
    /** The directory of {@code cache=}; {@code null} when no class cache was asked for. */
    private String cacheDirectory;
    /** The {@code slowRun} threshold in nanoseconds; 0 when not given. */
    private long slowRunNanos;
    /** The {@code slowQueue} threshold in nanoseconds; 0 when not given. */
    private long slowQueueNanos;

    private AgentOptions() {
    }

    /**
     * Parses an option string.
     *
     * @throws IllegalArgumentException with a message fit for one line on stderr
     */
    public static AgentOptions parse(String text) {
        AgentOptions options = new AgentOptions();
        if (text == null || text.trim().isEmpty()) {
            return options;
        }
        for (String option : text.split(",", -1)) {
            String trimmed = option.trim();
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("invalid agent option '" + trimmed
                        + "': expected key=value (known: " + KNOWN + ")");
            }
            String key = trimmed.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = trimmed.substring(equals + 1).trim().toLowerCase(Locale.ROOT);
            switch (key) {
                case "report":
                    options.reportAtExit = oneOf(key, value, "exit", "none").equals("exit");
                    break;
                case "jmx":
                    options.jmx = Boolean.parseBoolean(oneOf(key, value, "true", "false"));
                    break;
                case "timing":
                    options.timing = oneOf(key, value, "adaptive", "all", "off").toUpperCase(Locale.ROOT);
                    break;
                case "prometheus":
                    options.prometheus = MetricsAddress.parse(value);
                    break;
                case "cache":
                    options.cacheDirectory = trimmed.substring(equals + 1).trim();
                    if (options.cacheDirectory.isEmpty()) {
                        throw new IllegalArgumentException("invalid value for cache: expected a directory");
                    }
                    break;
                case "slowrun":
                    options.slowRunNanos = durationNanos("slowRun", value);
                    break;
                case "slowqueue":
                    options.slowQueueNanos = durationNanos("slowQueue", value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown agent option '" + key + "' (known: " + KNOWN + ")");
            }
        }
        return options;
    }

    /** {@code value} when it is one of {@code allowed}; else an error naming them. */
    private static String oneOf(String key, String value, String... allowed) {
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        String expected = allowed.length == 2 ? allowed[0] + " or " + allowed[1]
                : String.join(", ", java.util.Arrays.copyOf(allowed, allowed.length - 1)) + " or " + allowed[allowed.length - 1];
        throw new IllegalArgumentException("invalid value for " + key + ": '" + value + "' (expected " + expected + ")");
    }

    /** The units a duration may name, each with its length in nanoseconds. */
    private static final String[][] UNITS = {{"ns", "1"}, {"us", "1000"}, {"µs", "1000"}, {"ms", "1000000"},
        {"s", "1000000000"}, {"m", "60000000000"}};

    /**
     * {@code value}, a positive duration such as {@code 100ms}, {@code 2s} or {@code 1.5s}, in
     * nanoseconds (rounded down, at least 1); else an error naming {@code key}.
     */
    static long durationNanos(String key, String value) {
        String unit = null;
        long perUnit = 0;
        for (String[] candidate : UNITS) {
            // The longest unit that ends the value: "ms" rather than "s".
            if (value.endsWith(candidate[0]) && (unit == null || candidate[0].length() > unit.length())) {
                unit = candidate[0];
                perUnit = Long.parseLong(candidate[1]);
            }
        }
        String number = unit == null ? "" : value.substring(0, value.length() - unit.length()).trim();
        if (!number.isEmpty() && number.matches("[0-9]+(\\.[0-9]+)?")) {
            try {
                java.math.BigDecimal nanos = new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(perUnit));
                if (nanos.signum() > 0 && nanos.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                    return Math.max(1, nanos.longValue());
                }
            } catch (NumberFormatException | ArithmeticException impossible) {
                // Matched the pattern; falls through to the error all the same.
            }
        }
        throw new IllegalArgumentException("invalid value for " + key + ": '" + value
                + "' (expected a positive duration such as 500us, 100ms, 2s or 1.5s)");
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

    /** The {@code slowRun} threshold in nanoseconds, 0 when off. */
    long slowRunNanos() {
        return slowRunNanos;
    }

    /** The {@code slowQueue} threshold in nanoseconds, 0 when off. */
    long slowQueueNanos() {
        return slowQueueNanos;
    }

    /** Where to serve the Prometheus endpoint, if anywhere. */
    MetricsAddress prometheus() {
        return prometheus;
    }

    /** The directory of {@code cache=}, or {@code null}. */
    String cacheDirectory() {
        return cacheDirectory;
    }
}
