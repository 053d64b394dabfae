package io.futurist.agent.cli;

import io.futurist.agent.jmx.JmxNames;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The command line's JMX connection to the agent in a target JVM, through the target's local
 * connector (which the Attach API starts on request, as JConsole does); open once the agent has
 * published its MBean there.
 */
final class AgentConnection implements AutoCloseable {

    /** Several of the agent's publication periods: it looks for the platform MBean server once a period. */
    private static final long PUBLISHER_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5 * JmxNames.PUBLICATION_PERIOD_MILLIS);
    private static final long POLL_MILLIS = 20;

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private AgentConnection(JMXConnector connector, MBeanServerConnection server) {
        this.connector = connector;
        this.server = server;
    }

    /** Connects to {@code target}'s agent, waiting (a few seconds at most) for it to publish its MBean. */
    static AgentConnection open(TargetJvm target) throws CliException, IOException {
        String address = target.localJmxAddress();
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        try {
            AgentConnection connection = new AgentConnection(connector, connector.getMBeanServerConnection());
            connection.awaitPublisher(target);
            return connection;
        } catch (CliException | IOException | RuntimeException failure) {
            connector.close();
            throw failure;
        }
    }

    /** The target's MBean server. */
    MBeanServerConnection server() {
        return server;
    }

    /** The agent's own MBean. */
    static ObjectName agent() {
        try {
            return new ObjectName(JmxNames.AGENT);
        } catch (MalformedObjectNameException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Waits until the agent's MBean is there. The agent publishes only into a platform MBean
     * server someone else made, and starting the JDK's management agent (what
     * {@code localJmxAddress} just did) may be what made it: the agent's publisher then notices
     * within its period. Polled, not awaited through notifications: this is the command line's
     * own wait on another process, and a poll needs no listener threads.
     */
    private void awaitPublisher(TargetJvm target) throws IOException, CliException {
        long deadline = System.nanoTime() + PUBLISHER_WAIT_NANOS;
        while (!server.isRegistered(agent())) {
            if (System.nanoTime() > deadline) {
                throw new CliException("the agent in JVM " + target.pid() + " has not published its MBeans"
                        + " (its stderr says why if JMX refused them)", CliException.FAILED);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while waiting for JVM " + target.pid(), CliException.FAILED);
            }
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException | RuntimeException gone) {
            // The target may have exited; the connection is gone either way.
        }
    }
}
