package io.futurist.agent.jmx;

import io.futurist.agent.probe.Faults;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Keeps the platform MBean server in step with the registry: one MBean per live executor.
 *
 * <p>Why a background thread: registering an MBean when an executor is created, and
 * unregistering it when the executor dies, would put JMX work on the application's threads
 * (and executor churn would become MBean churn). Instead one daemon thread,
 * {@value #THREAD_NAME}, reconciles once a second — and at once when a client calls
 * {@link AgentMXBean#refresh()}. It submits nothing to any executor, so it cannot recurse into
 * what it observes. Executors that terminated or were collected lose their MBean at the next
 * reconciliation; an executor whose name became known later is re-registered under it.
 */
public final class JmxPublisher implements AgentMXBean {

    /** The domain of every Futurist MBean. */
    public static final String DOMAIN = "io.futurist";
    /** The agent's own MBean. */
    public static final String AGENT_NAME = DOMAIN + ":type=Agent";
    static final String THREAD_NAME = "futurist-jmx-publisher";
    private static final long PERIOD_MILLIS = 1000;

    private final MBeanServer server;
    private final ExecutorRegistry registry;
    private final String version;
    private final Map<Long, ObjectName> published = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private JmxPublisher(MBeanServer server, ExecutorRegistry registry, String version) {
        this.server = server;
        this.registry = registry;
        this.version = version;
        this.thread = new Thread(this::loop, THREAD_NAME);
        thread.setDaemon(true);
    }

    /** Registers the agent MBean and starts publishing executors. */
    public static JmxPublisher start(String version) throws JMException {
        JmxPublisher publisher = new JmxPublisher(ManagementFactory.getPlatformMBeanServer(),
                ExecutorRegistry.global(), version);
        ObjectName agent = new ObjectName(AGENT_NAME);
        if (publisher.server.isRegistered(agent)) {
            publisher.server.unregisterMBean(agent); // left behind by an earlier attach
        }
        publisher.server.registerMBean(publisher, agent);
        publisher.refresh();
        publisher.thread.start();
        return publisher;
    }

    /** Stops publishing and removes every Futurist MBean. */
    public synchronized void stop() {
        running = false;
        thread.interrupt();
        for (ObjectName name : published.values()) {
            unregister(name);
        }
        published.clear();
        try {
            unregister(new ObjectName(AGENT_NAME));
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
    public synchronized void refresh() {
        if (!running) {
            return;
        }
        try {
            Set<Long> live = new HashSet<>();
            for (ExecutorRecord record : registry.records()) {
                if (record.isTerminated()) {
                    continue;
                }
                live.add(record.id());
                ObjectName wanted = nameOf(record);
                ObjectName current = published.get(record.id());
                if (wanted.equals(current)) {
                    continue;
                }
                if (current != null) {
                    unregister(current);
                }
                server.registerMBean(new ExecutorView(record), wanted);
                published.put(record.id(), wanted);
            }
            for (Iterator<Map.Entry<Long, ObjectName>> it = published.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Long, ObjectName> entry = it.next();
                if (!live.contains(entry.getKey())) {
                    unregister(entry.getValue());
                    it.remove();
                }
            }
        } catch (JMException | RuntimeException failure) {
            Faults.warnOnce("could not publish executors over JMX (" + failure + "); statistics are still recorded");
        }
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(PERIOD_MILLIS); // a reconciliation period, not a synchronisation
            } catch (InterruptedException stop) {
                return;
            }
            refresh();
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

    static ObjectName nameOf(ExecutorRecord record) throws JMException {
        return new ObjectName(DOMAIN + ":type=Executor,id=" + record.id() + ",name=" + ObjectName.quote(record.name()));
    }
}
