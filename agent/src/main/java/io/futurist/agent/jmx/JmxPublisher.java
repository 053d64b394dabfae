package io.futurist.agent.jmx;

import io.futurist.TrackedExecutor;
import io.futurist.agent.health.ActivityWatch;
import io.futurist.agent.probe.Faults;
import io.futurist.agent.report.LeakReport;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.futurist.agent.health.ThresholdReports;
import javax.management.JMException;
import javax.management.ListenerNotFoundException;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.NotificationEmitter;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
import javax.management.ObjectName;

/**
 * Keeps the platform MBean server in step with the registry: one MBean per live executor —
 * once the platform MBean server exists.
 *
 * <p>The publisher never creates the platform MBean server (see {@link PlatformMBeanServer}
 * for why and how it tells): until the application, {@code -Dcom.sun.management.jmxremote}, or
 * the JDK's management agent (a local JConsole or VisualVM, or {@code futurist stats}) has made
 * it, the publisher only looks once a period whether it exists. Then it registers the agent's
 * MBean, {@value JmxNames#AGENT}, and the executors'.
 *
 * <p>Why a background thread: registering an MBean when an executor is created, and
 * unregistering it when the executor dies, would put JMX work on the application's threads
 * (and executor churn would become MBean churn). Instead one daemon thread,
 * {@value #THREAD_NAME}, reconciles once a second — and at once when a client calls
 * {@link AgentMXBean#refresh()}. It submits nothing to any executor, so it cannot recurse into
 * what it observes. Executors that terminated or were collected lose their MBean at the next
 * reconciliation; an executor whose name became known later is re-registered under it.
 *
 * <p>Failures are contained per MBean: a server that refuses one executor's MBean (a
 * locked-down server's security policy, say) costs that executor its MBean, not the others
 * theirs; it is not asked again for that MBean while the executor lives, and each kind of
 * refusal is said once. A refused agent MBean turns publication off: without it no client can
 * ask for a refresh, and the executors' MBeans would be refused alike.
 *
 * <p>The agent's MBean also sends the notifications of slow runs and slow queue waits
 * ({@link SlowTaskNotifications}); {@link #notifier()} is where the agent's
 * {@link ThresholdReports} hand them.
 */
public final class JmxPublisher implements AgentMXBean, NotificationEmitter {

    static final String THREAD_NAME = "futurist-jmx-publisher";

    private final PlatformMBeanServer platform;
    private final ExecutorRegistry registry;
    private final String version;
    private final Map<Long, ObjectName> published = new HashMap<>();
    /** Per executor, the MBean name the server refused: not asked again while it stays the wanted one. */
    private final Map<Long, ObjectName> refused = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final SlowTaskNotifications notifications = new SlowTaskNotifications(agentName());
    /** The platform MBean server once found; guarded by this. */
    private MBeanServer server;

    private JmxPublisher(PlatformMBeanServer platform, ExecutorRegistry registry, String version) {
        this.platform = platform;
        this.registry = registry;
        this.version = version;
        this.thread = new Thread(this::loop, THREAD_NAME);
        thread.setDaemon(true);
    }

    /**
     * Starts publishing executors into the platform MBean server, once it exists. Creates
     * nothing and touches no JMX machinery on the calling thread unless {@code lookNow}.
     *
     * @param instrumentation what lets the agent read whether the server exists
     * @param lookNow         publish at once if the server exists already (a dynamic attach:
     *                        the application is long under way); at start-up ({@code premain})
     *                        the first look is the publisher thread's, one period later
     */
    public static JmxPublisher start(String version, Instrumentation instrumentation, boolean lookNow) {
        JmxPublisher publisher = new JmxPublisher(PlatformMBeanServer.locate(instrumentation),
                ExecutorRegistry.global(), version);
        if (lookNow && publisher.connect()) {
            publisher.refresh();
        }
        publisher.thread.start();
        return publisher;
    }

    /** What sends the agent MBean's notifications. */
    public ThresholdReports.Notifier notifier() {
        return notifications;
    }

    @Override
    public void addNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback) {
        notifications.addNotificationListener(listener, filter, handback);
    }

    @Override
    public void removeNotificationListener(NotificationListener listener) throws ListenerNotFoundException {
        notifications.removeNotificationListener(listener);
    }

    @Override
    public void removeNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback)
            throws ListenerNotFoundException {
        notifications.removeNotificationListener(listener, filter, handback);
    }

    @Override
    public MBeanNotificationInfo[] getNotificationInfo() {
        return notifications.getNotificationInfo();
    }

    private static ObjectName agentName() {
        try {
            return new ObjectName(JmxNames.AGENT);
        } catch (JMException impossible) {
            throw new IllegalStateException(impossible); // the name is a constant
        }
    }

    /** Stops publishing and removes every Futurist MBean. */
    public synchronized void stop() {
        running = false;
        notifications.stop();
        thread.interrupt();
        if (server == null) {
            return;
        }
        for (ObjectName name : published.values()) {
            unregister(name);
        }
        published.clear();
        refused.clear();
        try {
            unregister(new ObjectName(JmxNames.AGENT));
        } catch (JMException impossible) {
            // The name is a constant.
        }
    }

    @Override
    public String getVersion() {
        return version;
    }

    @Override
    public synchronized int getExecutorCount() {
        return published.size();
    }

    @Override
    public String[] getLeaks() {
        return leaks(LeakReport.DEFAULT_IDLE_SECONDS, false).split("\n");
    }

    @Override
    public String leaks(long idleSeconds, boolean json) {
        if (idleSeconds < 0) {
            throw new IllegalArgumentException("idleSeconds must not be negative: " + idleSeconds);
        }
        LeakReport report = LeakReport.now(registry, ActivityWatch.current(), idleSeconds);
        return json ? report.json() : report.text();
    }

    @Override
    public synchronized void refresh() {
        if (!running || server == null) {
            return;
        }
        Set<Long> live = new HashSet<>();
        try {
            for (ExecutorRecord record : registry.records()) {
                if (!record.isTerminated()) {
                    live.add(record.id());
                    publish(record);
                }
            }
        } catch (RuntimeException failure) {
            // The registry could not be read this time; publish what it gave, withdraw nothing.
            Faults.warnOnce("jmx-records:" + failure.getClass().getName(), "could not list the executors to publish"
                    + " over JMX (" + failure + "); statistics are still recorded");
            return;
        }
        for (Iterator<Map.Entry<Long, ObjectName>> it = published.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, ObjectName> entry = it.next();
            if (!live.contains(entry.getKey())) {
                unregister(entry.getValue());
                it.remove();
            }
        }
        refused.keySet().retainAll(live);
    }

    /** Registers {@code record}'s MBean under its wanted name; a failure costs this MBean only. */
    private void publish(TrackedExecutor record) {
        long id = record.id();
        ObjectName wanted = null;
        try {
            wanted = nameOf(record);
            ObjectName current = published.get(id);
            if (wanted.equals(current) || wanted.equals(refused.get(id))) {
                return;
            }
            if (current != null) {
                unregister(current);
                published.remove(id);
            }
            server.registerMBean(new ExecutorView(record), wanted);
            published.put(id, wanted);
            refused.remove(id);
        } catch (JMException | RuntimeException failure) {
            if (wanted != null) {
                refused.put(id, wanted);
            }
            // One line per kind of refusal, however many executors it hits; it names the first.
            Faults.warnOnce("jmx-executor:" + failure.getClass().getName(), "the platform MBean server refused an"
                    + " executor's MBean, so JMX does not show the executors it refuses; the others are published"
                    + " and statistics are still recorded (" + failure + ")");
        }
    }

    /**
     * Finds the platform MBean server if it exists and registers the agent's MBean in it.
     *
     * @return whether the publisher now has a server to publish into
     */
    private boolean connect() {
        Optional<MBeanServer> found;
        try {
            found = platform.ifCreated();
        } catch (RuntimeException | LinkageError unknowable) {
            running = false;
            Faults.warnOnce("jmx-locate", "JMX publication is off: cannot tell whether the platform MBean server"
                    + " exists without creating it (" + unknowable + "); statistics are still recorded");
            return false;
        }
        if (found.isEmpty()) {
            return false;
        }
        MBeanServer candidate = found.get();
        // Under the lock, so that a client that sees the agent's MBean and calls refresh() at once
        // waits until the server is set, and a detach meanwhile (stop) is not undone.
        synchronized (this) {
            if (!running) {
                return false;
            }
            try {
                ObjectName agent = new ObjectName(JmxNames.AGENT);
                if (candidate.isRegistered(agent)) {
                    candidate.unregisterMBean(agent); // left behind by an earlier attach
                }
                candidate.registerMBean(this, agent);
            } catch (JMException | RuntimeException | LinkageError refusedAgent) {
                running = false;
                Faults.warnOnce("jmx-agent", "JMX publication is off (" + refusedAgent + "); statistics are still recorded");
                return false;
            }
            server = candidate;
            return true;
        }
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(JmxNames.PUBLICATION_PERIOD_MILLIS); // a reconciliation period, not a synchronisation
            } catch (InterruptedException stop) {
                return;
            }
            boolean connected;
            synchronized (this) {
                connected = server != null;
            }
            if (connected || connect()) {
                refresh();
            }
        }
    }

    private void unregister(ObjectName name) {
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException | RuntimeException gone) {
            // Already gone: nothing to undo.
        }
    }

    static ObjectName nameOf(TrackedExecutor record) throws JMException {
        return JmxNames.executor(record.id(), record.name());
    }
}
