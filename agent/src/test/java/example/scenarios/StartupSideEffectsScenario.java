package example.scenarios;

import java.util.TreeSet;
import java.util.logging.LogManager;
import javax.management.JMException;
import javax.management.MBeanServerFactory;

/**
 * Process-wide choices an application makes at the start of {@code main}, which an agent's
 * {@code premain} must not have made for it already: the {@code java.util.logging} manager
 * ({@code -Djava.util.logging.manager}, as JBoss LogManager / WildFly set it), the default time
 * zone ({@code user.timezone}), and the system properties, uncaught-exception handler,
 * context class loader and MBean servers (none: nobody made the platform one yet) it finds.
 * Prints one {@code #result} line each. Last, it makes the platform MBean server itself, as an
 * application that uses JMX does, and reports whether the agent then published into it
 * ({@code #result jmx}).
 */
public final class StartupSideEffectsScenario {

    private StartupSideEffectsScenario() {
    }

    public static void main(String[] args) throws JMException {
        TreeSet<String> properties = new TreeSet<>(System.getProperties().stringPropertyNames());
        Report.result("found", "properties=" + String.join(",", properties),
                "uncaughtHandler=" + Thread.getDefaultUncaughtExceptionHandler(),
                "contextLoaderIsSystemLoader=" + (Thread.currentThread().getContextClassLoader() == ClassLoader.getSystemClassLoader()),
                "mbeanServers=" + MBeanServerFactory.findMBeanServer(null).size());
        System.setProperty("java.util.logging.manager", ApplicationLogManager.class.getName());
        Report.result("logManager", "class=" + LogManager.getLogManager().getClass().getName());
        System.setProperty("user.timezone", "Pacific/Kiritimati");
        Report.result("timeZone", "id=" + java.util.TimeZone.getDefault().getID());
        Report.result("jmx", "agentPublished=" + (Report.futuristPresent() && Mbeans.awaitAgent()));
    }

    /** The application's own logging manager. */
    public static final class ApplicationLogManager extends LogManager {
    }
}
