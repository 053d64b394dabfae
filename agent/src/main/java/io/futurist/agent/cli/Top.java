package io.futurist.agent.cli;

import io.futurist.agent.jmx.JmxNames;
import io.futurist.agent.report.DurationText;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * {@code top <pid> [--interval SECONDS] [--once]}: the executors of a running JVM, busiest
 * first, over the last interval, redrawn in place every interval until Ctrl-C or until the JVM
 * exits.
 *
 * <p>Each frame comes from two reads of every executor's MBean an interval apart: rates are the
 * counters' differences over the time between the reads (an executor new since the first read
 * counts from zero: all it did, it did within the interval; one gone by the second is not
 * shown); active, queued and utilization are the second read's; the 99th percentiles are the
 * MBeans' own, since the executor's statistics started (JMX offers no interval histogram), and
 * the headline says so. Attributes are looked up by name whatever their case, and the pool's
 * shape ({@code maximumPoolSize}, {@code parallelism}) only where the MBean has it: an agent
 * without them shows utilization blank.
 *
 * <p>Exit: status 0 after {@code --once}, or when the JVM ends (one line says so); Ctrl-C ends
 * the command as any interrupted program (status 130), with the terminal restored by a shutdown
 * hook.
 */
final class Top {

    static final String USAGE = "usage: top <pid> [--interval SECONDS] [--once]";
    private static final double DEFAULT_INTERVAL_SECONDS = 2;
    private static final double MIN_INTERVAL_SECONDS = 0.1;
    private static final double MAX_INTERVAL_SECONDS = 3600;
    private static final long EXIT_WAIT_SECONDS = 5;
    private static final String[] ATTRIBUTES = withBothCases("Id", "Name", "Executed", "Failures", "Rejected",
            "Active", "Queued", "RuntimeNanos", "RuntimeP99Nanos", "QueueTimeP99Nanos", "MaximumPoolSize", "Parallelism");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Top() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws CliException {
        Arguments given = Arguments.parse(args, Set.of("--once"), Set.of("--interval"), USAGE);
        boolean once = given.has("--once");
        double intervalSeconds = given.value("--interval") == null ? DEFAULT_INTERVAL_SECONDS
                : interval(given.value("--interval"));
        String pid = given.pid();
        Terminal terminal = Terminal.of(out);
        requireWidth(terminal.columns());
        long intervalMillis = Math.round(intervalSeconds * 1000);
        try (TargetJvm target = TargetJvm.attach(pid)) {
            Commands.requireJmx(target, "top");
            try (AgentConnection connection = AgentConnection.open(target)) {
                long previousAt = System.nanoTime();
                Map<Long, Reading> previous = read(connection, target);
                if (!once) {
                    terminal.enter();
                    Runtime.getRuntime().addShutdownHook(new Thread(terminal::restore, "futurist-top-restore"));
                }
                while (true) {
                    pause(intervalMillis, target);
                    long nowAt = System.nanoTime();
                    Optional<Map<Long, Reading>> current = readUnlessGone(connection, target);
                    if (current.isEmpty()) {
                        terminal.restore();
                        err.println("futurist: JVM " + target.pid() + " has exited");
                        return 0;
                    }
                    int columns = terminal.columns();
                    if (!once && columns < TopFrame.MIN_COLUMNS) {
                        terminal.draw("futurist: the terminal is " + columns + " columns wide; top needs "
                                + TopFrame.MIN_COLUMNS + "\n");
                    } else {
                        String headline = "futurist top: JVM " + target.pid() + ", " + current.get().size()
                                + " executors, rates over " + seconds(intervalSeconds) + " s, p99 since start"
                                + (once ? "" : ", " + LocalTime.now().format(CLOCK) + ", Ctrl-C quits");
                        String frame = TopFrame.render(headline, rows(previous, previousAt, current.get()), columns,
                                once ? 0 : terminal.rows(), DurationText.forStream(out));
                        if (once) {
                            out.print(frame);
                            out.flush();
                            return 0;
                        }
                        terminal.draw(frame);
                    }
                    previous = current.get();
                    previousAt = nowAt;
                }
            } catch (IOException failure) {
                throw new CliException("cannot read the executors of JVM " + target.pid() + " over JMX: "
                        + TargetJvm.oneLine(failure), CliException.FAILED);
            } finally {
                terminal.restore();
            }
        }
    }

    /** Refuses a terminal too narrow for a useful frame. */
    static void requireWidth(int columns) throws CliException {
        if (columns < TopFrame.MIN_COLUMNS) {
            throw new CliException("the terminal is " + columns + " columns wide; top needs at least "
                    + TopFrame.MIN_COLUMNS + " (widen it, or set COLUMNS)", CliException.FAILED);
        }
    }

    static double interval(String text) throws CliException {
        try {
            double seconds = Double.parseDouble(text);
            if (seconds >= MIN_INTERVAL_SECONDS && seconds <= MAX_INTERVAL_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException notNumber) {
            // said below
        }
        throw new CliException("--interval takes seconds from " + seconds(MIN_INTERVAL_SECONDS) + " to "
                + seconds(MAX_INTERVAL_SECONDS) + ": '" + text + "'", CliException.USAGE);
    }

    private static String seconds(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** One executor's counters at one read. */
    private static final class Reading {
        final long nanoTime;
        final Map<String, Object> values;

        Reading(long nanoTime, Map<String, Object> values) {
            this.nanoTime = nanoTime;
            this.values = values;
        }

        long number(String name) {
            Object value = values.get(name.toLowerCase(Locale.ROOT));
            return value instanceof Number ? ((Number) value).longValue() : 0;
        }

        /** The attribute's value, or -1 where the MBean has no such attribute (or it does not apply). */
        long optional(String name) {
            Object value = values.get(name.toLowerCase(Locale.ROOT));
            return value instanceof Number ? ((Number) value).longValue() : -1;
        }
    }

    private static List<TopFrame.Row> rows(Map<Long, Reading> before, long firstRead, Map<Long, Reading> now) {
        List<TopFrame.Row> rows = new ArrayList<>();
        for (Map.Entry<Long, Reading> entry : now.entrySet()) {
            Reading later = entry.getValue();
            // An executor new since the last read did all it did within the interval: it counts from zero.
            Reading earlier = before.getOrDefault(entry.getKey(), new Reading(firstRead, Map.of()));
            double elapsed = Math.max(1, later.nanoTime - earlier.nanoTime) / 1e9;
            long threads = later.optional("MaximumPoolSize");
            if (threads <= 0) {
                threads = later.optional("Parallelism");
            }
            if (threads == Integer.MAX_VALUE) {
                threads = -1; // a pool without a bound on its threads (a cached pool): no share to speak of
            }
            long active = later.number("Active");
            rows.add(new TopFrame.Row(entry.getKey(), String.valueOf(later.values.get("name")),
                    delta(later, earlier, "Executed") / elapsed, delta(later, earlier, "Failures") / elapsed,
                    delta(later, earlier, "Rejected") / elapsed,
                    threads > 0 ? Math.min(1.0, active / (double) threads) : Double.NaN, active,
                    delta(later, earlier, "RuntimeNanos") / (elapsed * 1e9),
                    later.number("Queued"), later.number("RuntimeP99Nanos"), later.number("QueueTimeP99Nanos")));
        }
        return rows;
    }

    private static long delta(Reading later, Reading earlier, String name) {
        return Math.max(0, later.number(name) - earlier.number(name));
    }

    /** A read, or empty when the JVM has exited meanwhile. */
    private static Optional<Map<Long, Reading>> readUnlessGone(AgentConnection connection, TargetJvm target)
            throws IOException, CliException {
        try {
            return Optional.of(read(connection, target));
        } catch (IOException | CliException lost) {
            if (exited(target)) {
                return Optional.empty();
            }
            throw lost;
        }
    }

    private static boolean exited(TargetJvm target) {
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(target.pid()));
        if (process.isEmpty()) {
            return true;
        }
        try {
            process.get().onExit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (ExecutionException unknown) {
            return !process.get().isAlive();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return !process.get().isAlive();
        }
    }

    private static Map<Long, Reading> read(AgentConnection connection, TargetJvm target)
            throws IOException, CliException {
        MBeanServerConnection server = connection.server();
        try {
            server.invoke(AgentConnection.agent(), "refresh", null, null);
            Map<Long, Reading> readings = new HashMap<>();
            for (ObjectName name : server.queryNames(new ObjectName(JmxNames.EVERY_EXECUTOR), null)) {
                Map<String, Object> values = new HashMap<>();
                List<Attribute> attributes;
                try {
                    attributes = server.getAttributes(name, ATTRIBUTES).asList();
                } catch (InstanceNotFoundException gone) {
                    continue; // the executor terminated since the names were listed
                }
                for (Attribute attribute : attributes) {
                    values.put(attribute.getName().toLowerCase(Locale.ROOT), attribute.getValue());
                }
                long now = System.nanoTime();
                if (values.get("id") instanceof Number && values.containsKey("executed")) {
                    readings.put(((Number) values.get("id")).longValue(), new Reading(now, values));
                }
                // Otherwise the executor's MBean went away while it was read: it is no longer live.
            }
            return readings;
        } catch (JMException | RuntimeException failure) {
            throw new CliException("cannot read the executors of JVM " + target.pid() + " over JMX: "
                    + TargetJvm.oneLine(failure), CliException.FAILED);
        }
    }

    private static void pause(long millis, TargetJvm target) throws CliException {
        try {
            Thread.sleep(millis); // the interval the user asked for
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while watching JVM " + target.pid(), CliException.FAILED);
        }
    }

    /** Each name as given and with a lower-case first letter: the agent's MBeans may spell attributes either way. */
    private static String[] withBothCases(String... names) {
        List<String> both = new ArrayList<>();
        for (String name : names) {
            both.add(name);
            both.add(Character.toLowerCase(name.charAt(0)) + name.substring(1));
        }
        return both.toArray(new String[0]);
    }
}
