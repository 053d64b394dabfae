package io.futurist.agent.jmx;

import io.futurist.agent.probe.PlatformServerField;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * How the publisher learns that the platform MBean server exists — without ever creating it.
 *
 * <p>Why not just call {@link ManagementFactory#getPlatformMBeanServer()}: the first call
 * creates the server, and with it starts JMX's machinery, which initialises
 * {@code java.util.logging}. An agent that did that before the application's {@code main}
 * would take from the application the choice of its logging manager
 * ({@code -Djava.util.logging.manager} set in {@code main}, as JBoss LogManager and WildFly do),
 * and whatever else JMX reads at start-up. So the agent only publishes into a server that
 * someone else made: the application, {@code -Dcom.sun.management.jmxremote}, or the JDK's
 * management agent started by a local JConsole/VisualVM or by {@code futurist stats}.
 *
 * <p>The variants, tried in this order by {@link #locate(Instrumentation)}:
 * {@link ForPlatformField} reads the JDK's own field — exact, and a field read per look;
 * {@link ForFactoryList} looks through the public list of servers made by
 * {@link MBeanServerFactory} for the one carrying the platform MXBeans, for a JDK where the
 * field cannot be read.
 */
interface PlatformMBeanServer {

    /** What {@link #ifCreated()} returns while nobody has made the platform MBean server. */
    Optional<MBeanServer> NOT_YET = Optional.empty();

    /**
     * The platform MBean server if it exists now, else {@link #NOT_YET}. Never creates it.
     *
     * @throws RuntimeException if this way of looking is not allowed here (a security manager)
     */
    Optional<MBeanServer> ifCreated();

    /** The best way this JVM allows; never fails. */
    static PlatformMBeanServer locate(Instrumentation instrumentation) {
        try {
            return ForPlatformField.open(instrumentation);
        } catch (Exception | LinkageError unreadable) {
            return ForFactoryList.INSTANCE;
        }
    }

    /**
     * Reads {@code ManagementFactory.platformMBeanServer} through {@link PlatformServerField},
     * after opening {@code java.lang.management} to that bootstrap-loaded class's module only,
     * with {@link Instrumentation#redefineModule}. Once the field is set, the server is fetched
     * through the public getter, which then only returns it (and waits, should its creator
     * still be registering the platform MXBeans).
     */
    final class ForPlatformField implements PlatformMBeanServer {
        private final PlatformServerField field;

        private ForPlatformField(PlatformServerField field) {
            this.field = field;
        }

        static ForPlatformField open(Instrumentation instrumentation) throws ReflectiveOperationException {
            Module management = ModuleLayer.boot().findModule("java.management")
                    .orElseThrow(() -> new ClassNotFoundException("no java.management module in this JVM"));
            Module helpers = PlatformServerField.class.getModule();
            Map<String, Set<Module>> opens = Collections.singletonMap(PlatformServerField.PACKAGE,
                    Collections.singleton(helpers));
            instrumentation.redefineModule(management, Collections.emptySet(), Collections.emptyMap(), opens,
                    Collections.emptySet(), Collections.emptyMap());
            return new ForPlatformField(PlatformServerField.find());
        }

        @Override
        public Optional<MBeanServer> ifCreated() {
            try {
                return field.read() == null ? NOT_YET : Optional.of(ManagementFactory.getPlatformMBeanServer());
            } catch (IllegalAccessException opened) {
                throw new IllegalStateException("cannot read the JDK's platform MBean server field", opened);
            }
        }
    }

    /**
     * Public API only: {@link MBeanServerFactory#findMBeanServer(String)} lists the servers made
     * with {@code createMBeanServer}, which is how the JDK makes the platform server; the one
     * that carries the platform's {@code java.lang:type=Runtime} MXBean is taken to be it, and
     * returned as found — never through the getter, which would create the server were the
     * guess wrong. (It would be wrong only for an application that registers the JDK's runtime
     * MXBean on a server of its own.)
     */
    enum ForFactoryList implements PlatformMBeanServer {
        /** The only instance: it keeps no state. */
        INSTANCE;

        private static final ObjectName RUNTIME = runtimeName();

        @Override
        public Optional<MBeanServer> ifCreated() {
            for (MBeanServer server : MBeanServerFactory.findMBeanServer(null)) {
                if (server.isRegistered(RUNTIME)) {
                    return Optional.of(server);
                }
            }
            return NOT_YET;
        }

        private static ObjectName runtimeName() {
            try {
                return new ObjectName(ManagementFactory.RUNTIME_MXBEAN_NAME);
            } catch (MalformedObjectNameException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
