package io.futurist.agent;

import io.futurist.Futurist;
import io.futurist.agent.instrument.Instrumenter;
import io.futurist.agent.probe.TaskLedger;
import io.futurist.agent.report.ExitReport;
import io.futurist.internal.ExecutorRegistry;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The agent once its classes are in place: installs the instrumentation, opens what the
 * lookup needs, and arranges the exit report. Runs at most once per JVM; a second attach only
 * says that the agent is already there.
 */
final class AgentRuntime {

    private static Instrumenter installation;

    private AgentRuntime() {
    }

    static synchronized void start(AgentOptions options, Instrumentation instrumentation, boolean attached) {
        if (installation != null) {
            System.err.println("futurist: the agent is already active in this JVM; nothing changed");
            return;
        }
        openConcurrencyPackage(instrumentation);
        TaskLedger.recording(true);
        installation = Instrumenter.install(instrumentation);
        ExecutorRegistry.global().agentActive(true);
        if (options.reportAtExit()) {
            Thread report = new Thread(ExitReport::print, "futurist-exit-report");
            report.setDaemon(true);
            Runtime.getRuntime().addShutdownHook(report);
        }
        if (attached) {
            System.err.println("futurist: agent attached; instrumented " + installation.targetCount()
                    + " executor classes, counting from now on");
        }
    }

    /**
     * Lets the lookup read the pool inside the JDK's delegating wrappers
     * ({@code Executors$DelegatedExecutorService.e}), and lets {@code java.base} read the
     * bootstrap-loaded probes that advice calls from inside it.
     */
    private static void openConcurrencyPackage(Instrumentation instrumentation) {
        Module futurist = Futurist.class.getModule();
        Module javaBase = Object.class.getModule();
        Map<String, Set<Module>> opens = Collections.singletonMap("java.util.concurrent", Collections.singleton(futurist));
        instrumentation.redefineModule(javaBase, Collections.singleton(futurist), Collections.emptyMap(), opens,
                Collections.emptySet(), Collections.emptyMap());
    }
}
