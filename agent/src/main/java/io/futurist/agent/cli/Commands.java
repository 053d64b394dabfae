package io.futurist.agent.cli;

import io.futurist.Statistic;
import io.futurist.agent.AgentOptions;
import io.futurist.agent.jmx.JmxNames;
import io.futurist.agent.report.DurationText;
import io.futurist.agent.report.ExecutorRow;
import io.futurist.agent.report.LeakReport;
import io.futurist.agent.report.StatisticsTable;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/** The commands {@code attach}, {@code stats}, {@code leaks}, {@code detach}; {@code top} is {@link Top}. */
final class Commands {

    /** The target's system property the agent keeps up to date (see the agent's runtime). */
    private static final String STATE_PROPERTY = "futurist.agent";

    /** What {@code stats} reads of each executor's MBean: its identity and every statistic. */
    static final String[] ATTRIBUTES = JmxNames.attributes().toArray(new String[0]);

    private Commands() {
    }

    static int attach(List<String> args, String agentJar, PrintStream out) throws CliException {
        if (args.isEmpty() || args.size() > 2) {
            throw new CliException("usage: attach <pid> [options]", CliException.USAGE);
        }
        String options = args.size() == 2 ? args.get(1) : "";
        try {
            AgentOptions.parse(options);
        } catch (IllegalArgumentException invalid) {
            throw new CliException(invalid.getMessage(), CliException.USAGE);
        }
        try (TargetJvm target = TargetJvm.attach(args.get(0))) {
            String state = target.systemProperty(STATE_PROPERTY);
            if (state != null && state.startsWith("active")) {
                out.println("futurist: the agent is already active in JVM " + target.pid() + "; nothing changed");
                return 0;
            }
            target.loadAgent(agentJar, options);
            String after = target.systemProperty(STATE_PROPERTY);
            if (after == null || !after.startsWith("active")) {
                throw new CliException("the agent did not start in JVM " + target.pid()
                        + "; its stderr says why", CliException.FAILED);
            }
            out.println("futurist: attached to JVM " + target.pid() + " (" + after + ")");
            return 0;
        }
    }

    static int detach(List<String> args, String agentJar, PrintStream out) throws CliException {
        if (args.size() != 1) {
            throw new CliException("usage: detach <pid>", CliException.USAGE);
        }
        try (TargetJvm target = TargetJvm.attach(args.get(0))) {
            requireActive(target);
            target.loadAgent(agentJar, "detach");
            out.println("futurist: detached from JVM " + target.pid() + "; its executor classes are restored");
            return 0;
        }
    }

    static final String STATS_USAGE = "usage: stats <pid> [--json] [--sort FIELD]";

    /**
     * {@code stats <pid> [--json] [--sort FIELD]}: the executors of that JVM, in id order or by
     * {@code FIELD} ({@link RowOrder}), as a table or as JSON.
     */
    static int stats(List<String> args, PrintStream out) throws CliException {
        Arguments given = Arguments.parse(args, Set.of("--json"), Set.of("--sort"), STATS_USAGE);
        boolean json = given.has("--json");
        Comparator<ExecutorRow> order = given.value("--sort") == null ? null : RowOrder.by(given.value("--sort"));
        try (TargetJvm target = TargetJvm.attach(given.pid())) {
            requireJmx(target, "stats");
            List<ExecutorRow> rows = readExecutors(target);
            if (order != null) {
                rows.sort(order);
            }
            if (json) {
                StringBuilder text = new StringBuilder("{\"pid\":").append(target.pid()).append(",\"executors\":[");
                for (int i = 0; i < rows.size(); i++) {
                    text.append(i == 0 ? "" : ",").append(rows.get(i).toJson());
                }
                out.println(text.append("]}"));
            } else {
                out.print(StatisticsTable.render(rows, DurationText.forStream(out)));
            }
            return 0;
        }
    }

    /** Makes sure the agent is active in {@code target} and publishes over JMX, which {@code command} reads. */
    static void requireJmx(TargetJvm target, String command) throws CliException {
        String state = requireActive(target);
        if (state.contains("jmx=false")) {
            throw new CliException("the agent in JVM " + target.pid() + " runs with jmx=false, and " + command
                    + " reads JMX; detach and attach again with jmx=true", CliException.FAILED);
        }
    }

    /**
     * {@code leaks <pid> [--json] [--idle SECONDS]}: the agent's report of executors idle and never
     * shut down, by creation site.
     */
    static int leaks(List<String> args, PrintStream out) throws CliException {
        Arguments given = Arguments.parse(args, Set.of("--json"), Set.of("--idle"),
                "usage: leaks <pid> [--json] [--idle SECONDS]");
        boolean json = given.has("--json");
        long idleSeconds = given.value("--idle") == null ? LeakReport.DEFAULT_IDLE_SECONDS
                : wholeSeconds(given.value("--idle"));
        try (TargetJvm target = TargetJvm.attach(given.pid())) {
            requireJmx(target, "leaks");
            String report;
            try (AgentConnection connection = AgentConnection.open(target)) {
                report = (String) connection.server().invoke(AgentConnection.agent(), "leaks",
                        new Object[] {idleSeconds, json}, new String[] {long.class.getName(), boolean.class.getName()});
            } catch (IOException | JMException | RuntimeException failure) {
                throw new CliException("cannot read the leaks report of JVM " + target.pid() + " over JMX: "
                        + TargetJvm.oneLine(failure), CliException.FAILED);
            }
            if (json) {
                out.println("{\"pid\":" + target.pid() + "," + report.substring(1));
            } else {
                out.print(report);
            }
            return 0;
        }
    }

    private static long wholeSeconds(String text) throws CliException {
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException notNumber) {
            // said below
        }
        throw new CliException("--idle takes a whole number of seconds, 0 or more: '" + text + "'", CliException.USAGE);
    }

    private static String requireActive(TargetJvm target) throws CliException {
        String state = target.systemProperty(STATE_PROPERTY);
        if (state == null || !state.startsWith("active")) {
            throw new CliException("the agent is not active in JVM " + target.pid()
                    + "; attach it first: java -jar futurist-agent.jar attach " + target.pid(), CliException.FAILED);
        }
        return state;
    }

    private static List<ExecutorRow> readExecutors(TargetJvm target) throws CliException {
        try (AgentConnection connection = AgentConnection.open(target)) {
            MBeanServerConnection server = connection.server();
            server.invoke(AgentConnection.agent(), "refresh", null, null);
            Set<ObjectName> names = server.queryNames(new ObjectName(JmxNames.EVERY_EXECUTOR), null);
            List<ExecutorRow> rows = new ArrayList<>();
            for (ObjectName name : names) {
                AttributeList values;
                try {
                    values = server.getAttributes(name, ATTRIBUTES);
                } catch (InstanceNotFoundException gone) {
                    continue; // the executor terminated since the query: it is no longer live
                }
                Map<String, Object> byName = new HashMap<>();
                for (Attribute attribute : values.asList()) {
                    byName.put(attribute.getName(), attribute.getValue());
                }
                if (byName.keySet().containsAll(JmxNames.IDENTITY)) {
                    rows.add(row(byName));
                }
                // Without its identity the MBean went away while we read it; it is no longer live.
            }
            rows.sort(Comparator.comparingLong(ExecutorRow::id));
            return rows;
        } catch (IOException | JMException | RuntimeException failure) {
            throw new CliException("cannot read the executors of JVM " + target.pid() + " over JMX: "
                    + TargetJvm.oneLine(failure), CliException.FAILED);
        }
    }

    /** The row of one MBean's attributes; a statistic it does not carry (an older agent's) is absent. */
    private static ExecutorRow row(Map<String, Object> v) {
        Map<Statistic, Long> values = new EnumMap<>(Statistic.class);
        for (Statistic statistic : Statistic.values()) {
            Object value = v.get(JmxNames.attribute(statistic));
            if (value instanceof Number) {
                values.put(statistic, ((Number) value).longValue());
            }
        }
        return new ExecutorRow(number(v, "Id"), (String) v.get("Name"), (String) v.get("Type"),
                (String) v.get("CreationSite"), Boolean.TRUE.equals(v.get("Alive")), values);
    }

    private static long number(Map<String, Object> values, String name) {
        Object value = values.get(name);
        return value instanceof Number ? ((Number) value).longValue() : 0;
    }
}
