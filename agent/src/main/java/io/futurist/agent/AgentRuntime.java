package io.futurist.agent;

import io.futurist.Futurist;
import io.futurist.agent.instrument.ClassCache;
import io.futurist.Timing;
import io.futurist.agent.health.ActivityWatch;
import io.futurist.agent.health.ThresholdReports;
import io.futurist.agent.instrument.Instrumenter;
import io.futurist.agent.jfr.FlightRecorderStatistics;
import io.futurist.agent.jmx.JmxPublisher;
import io.futurist.agent.prometheus.MetricsEndpoint;
import io.futurist.agent.probe.Faults;
import io.futurist.agent.probe.SlowThresholds;
import io.futurist.agent.probe.TaskLedger;
import io.futurist.agent.probe.ThreadPoolProbe;
import io.futurist.agent.report.ExitReport;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The agent once its classes are in place: installs the instrumentation, opens what the
 * lookup needs, publishes over JMX and arranges the exit report; and takes it all out again
 * on detach. At most one installation is active per JVM; attaching while one is active
 * changes nothing and says so.
 *
 * <p>The system property {@value #STATE_PROPERTY} tells the command line, through the Attach
 * API, whether the agent is active here and with which options.
 */
final class AgentRuntime {

    /** {@code active jmx=true|false}, or {@code detached}; absent when the agent never ran. */
    static final String STATE_PROPERTY = "futurist.agent";

    private static Instrumenter installation;
    private static JmxPublisher publisher;
    private static MetricsEndpoint metrics;
    private static Instrumentation instrumentation;
    private static boolean reportHookAdded;

    private AgentRuntime() {
    }

    static synchronized void start(AgentOptions options, Instrumentation inst, boolean attached) {
        if (installation != null) {
            System.err.println("futurist: the agent is already active in this JVM; nothing changed");
            return;
        }
        instrumentation = inst;
        // Our relocated Byte Buddy reads its settings under its relocated name, so this touches
        // no other copy in the application. "safe" keeps it away from sun.misc.Unsafe, which we
        // never need (nothing is injected), and spares JDK 24+ users the JVM's Unsafe warning.
        System.setProperty("io.futurist.agent.shaded.bytebuddy.safe", "true");
        openConcurrencyPackage(inst);
        // Hooks first, recording second: the classes are retransformed one after another, so
        // while they are, a task could be accepted by an instrumented submission path and run
        // by a run path that is not instrumented yet — never taken out of the pending table, it
        // would be counted cancelled when its pool terminates. Recording starts (and an earlier
        // attach's numbers are reset) only once every hook is in place.
        if (attached) {
            // Workers already running keep the JDK's own loop; their hooks must look for them.
            ThreadPoolProbe.workersMayPredateHooks();
        }
        TaskLedger.startedWithJvm(!attached);
        installation = Instrumenter.install(inst, classCache(options));
        if (attached) {
            installation.hookOverridesOfBeforeExecute();
        }
        ExecutorRecord.registeredTiming(Timing.valueOf(options.timing()));
        ThresholdReports reports = new ThresholdReports();
        SlowThresholds.set(options.slowRunNanos(), options.slowQueueNanos(), reports);
        TaskLedger.recording(true);
        ExecutorRegistry.global().agentActive(true);
        CommonPoolAtStart.register(inst, attached);
        // Idle times and utilization come from a reading a second on its own thread, not from the task path.
        ActivityWatch.start();
        if (options.jmx()) {
            try {
                // Publishes only into a platform MBean server someone else made: creating it here,
                // before main, would initialise java.util.logging for the application (see
                // JmxPublisher). At start-up even the first look is left to the publisher's thread.
                publisher = JmxPublisher.start(version(), inst, attached);
                reports.notifier(publisher.notifier());
            } catch (Exception | LinkageError refused) {
                Faults.warnOnce("JMX publication is off (" + refused + "); statistics are still recorded");
            }
        }
        if (options.prometheus() != null) {
            metrics = startMetrics(options);
        }
        startFlightRecorderEvents();
        if (options.reportAtExit() && !reportHookAdded) {
            Thread report = new Thread(ExitReport::print, "futurist-exit-report");
            Runtime.getRuntime().addShutdownHook(report);
            reportHookAdded = true;
        }
        System.setProperty(STATE_PROPERTY, "active jmx=" + (publisher != null));
        if (attached) {
            System.err.println("futurist: agent attached; instrumented " + installation.targetCount()
                    + " executor classes, counting from now on");
        }
    }

    /** Detach: restores the JDK's classes, stops recording and withdraws the MBeans. */
    static synchronized void stop() {
        if (installation == null) {
            System.err.println("futurist: the agent is not active in this JVM; nothing to detach");
            return;
        }
        // Recording stops first: code still running in old frames then records nothing.
        TaskLedger.recording(false);
        SlowThresholds.set(0, 0, null);
        installation.uninstall();
        installation = null;
        ExecutorRegistry.global().agentActive(false);
        ActivityWatch.stop();
        if (publisher != null) {
            publisher.stop();
            publisher = null;
        }
        if (metrics != null) {
            metrics.stop();
            metrics = null;
        }
        try {
            FlightRecorderStatistics.stop();
        } catch (LinkageError noFlightRecorder) {
            // Never started: start() said so already.
        }
        System.setProperty(STATE_PROPERTY, "detached");
        System.err.println("futurist: agent detached; the executor classes are restored");
    }

    static synchronized boolean isActive() {
        return installation != null;
    }

    /** Serves {@code /metrics}; a port that cannot be bound costs the endpoint only, in one line. */
    private static MetricsEndpoint startMetrics(AgentOptions options) {
        try {
            MetricsEndpoint endpoint = MetricsEndpoint.start(options.prometheus());
            System.err.println("futurist: prometheus endpoint at " + endpoint.url());
            return endpoint;
        } catch (Exception | LinkageError refused) {
            System.err.println("futurist: no prometheus endpoint: cannot listen on " + options.prometheus() + " ("
                    + refused + "); the rest of the agent runs on");
            return null;
        }
    }

    /** The JFR event; a JVM without {@code jdk.jfr} fails here, at link time, and says so once. */
    private static void startFlightRecorderEvents() {
        try {
            FlightRecorderStatistics.start();
        } catch (LinkageError noFlightRecorder) {
            Faults.warnOnce("jfr", "JDK Flight Recorder events are off: this JVM has no jdk.jfr module ("
                    + noFlightRecorder + "); statistics are still recorded");
        }
    }

    /** The user's class cache ({@code cache=}), if asked for and safe; see {@link ClassCache}. */
    private static ClassCache classCache(AgentOptions options) {
        if (options.cacheDirectory() == null) {
            return null;
        }
        try {
            return ClassCache.open(Paths.get(options.cacheDirectory()), AgentJar.read(BootstrapJar.agentJar()).fingerprint());
        } catch (IOException | RuntimeException unusable) {
            System.err.println("futurist: not using the class cache " + options.cacheDirectory() + " (" + unusable
                    + "); instrumenting the normal way");
            return null;
        }
    }

    private static String version() {
        String version = AgentRuntime.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /**
     * Lets the lookup read the pool inside the JDK's delegating wrappers
     * ({@code Executors$DelegatedExecutorService.e}) and the future inside
     * {@code CompletableFuture}'s tasks, and lets {@code java.base} read the
     * bootstrap-loaded probes that advice calls from inside it.
     */
    static void openConcurrencyPackage(Instrumentation inst) {
        Module futurist = Futurist.class.getModule();
        Module javaBase = Object.class.getModule();
        Map<String, Set<Module>> opens = Collections.singletonMap("java.util.concurrent", Collections.singleton(futurist));
        inst.redefineModule(javaBase, Collections.singleton(futurist), Collections.emptyMap(), opens,
                Collections.emptySet(), Collections.emptyMap());
    }
}
