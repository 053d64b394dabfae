package example.scenarios;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the application itself sees of Futurist on its platform MBean server, as JConsole would.
 * Names no Futurist type: the MBeans are read by name and attribute, like any JMX client.
 */
final class Mbeans {

    private static final String DOMAIN = "io.futurist";
    /** The agent publishes once a second; this is the longest wait for it, with room to spare. */
    private static final long PUBLISHER_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Mbeans() {
    }

    private static MBeanServer server() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    /** The names of every MBean in domain {@code io.futurist} now. */
    static Set<ObjectName> all() throws JMException {
        return server().queryNames(new ObjectName(DOMAIN + ":*"), null);
    }

    /** The MBeans of executor {@code id} now: none, or one. */
    static Set<ObjectName> executor(long id) throws JMException {
        return server().queryNames(new ObjectName(DOMAIN + ":type=Executor,id=" + id + ",*"), null);
    }

    /**
     * {@code #jmx label} for executor {@code id}, once its MBean has appeared (the publisher's
     * period is the only thing waited for): whether it did, after how long, and its attributes.
     */
    static String[] awaitExecutor(long id) throws JMException {
        long start = System.nanoTime();
        Set<ObjectName> names = executor(id);
        while (names.isEmpty() && System.nanoTime() - start < PUBLISHER_LIMIT_NANOS) {
            LockSupport.parkNanos(CHECK_EVERY_NANOS);
            names = executor(id);
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (names.size() != 1) {
            return new String[] {"registered=false", "count=" + names.size(), "waitedMillis=" + waited};
        }
        ObjectName name = names.iterator().next();
        List<String> fields = new ArrayList<>(List.of("registered=true", "count=1", "waitedMillis=" + waited,
                "objectName=" + name));
        for (String attribute : new String[] {"Id", "Name", "Type", "CreationSite", "Alive", "Submitted", "Executed",
            "Failures", "Cancelled", "Rejected", "Active", "Queued"}) {
            fields.add(attribute + "=" + server().getAttribute(name, attribute));
        }
        return fields.toArray(new String[0]);
    }

    /**
     * Makes the platform MBean server, as an application that uses JMX does, and waits until the
     * agent has published into it (it looks once a period whether the server exists).
     *
     * @return whether the agent's MBean appeared within the publisher's limit
     */
    static boolean awaitAgent() throws JMException {
        ObjectName agent = new ObjectName(DOMAIN + ":type=Agent");
        long start = System.nanoTime();
        while (!server().isRegistered(agent) && System.nanoTime() - start < PUBLISHER_LIMIT_NANOS) {
            LockSupport.parkNanos(CHECK_EVERY_NANOS);
        }
        return server().isRegistered(agent);
    }

    /** {@code #jmx label} once executor {@code id}'s MBean is gone (waiting for the publisher at most). */
    static String[] awaitGone(long id) throws JMException {
        long start = System.nanoTime();
        while (!executor(id).isEmpty() && System.nanoTime() - start < PUBLISHER_LIMIT_NANOS) {
            LockSupport.parkNanos(CHECK_EVERY_NANOS);
        }
        return new String[] {"gone=" + executor(id).isEmpty(),
            "waitedMillis=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)};
    }

    /** {@code #jmx label}: how many Futurist MBeans there are now, and whether the agent's own is one. */
    static String[] census() throws JMException {
        return new String[] {"count=" + all().size(),
            "agent=" + server().isRegistered(new ObjectName(DOMAIN + ":type=Agent"))};
    }
}
