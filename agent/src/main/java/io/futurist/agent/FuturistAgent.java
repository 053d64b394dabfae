package io.futurist.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points: {@code premain} for {@code -javaagent}, {@code agentmain} for a
 * dynamic attach.
 *
 * <p>This class deliberately names no Futurist API or probe class: those must first be made
 * bootstrap-visible ({@link BootstrapJar}), and linking them from here earlier would load a
 * second copy from the agent jar. Whatever goes wrong while starting is reported in one line
 * and the application goes on without the agent.
 */
public final class FuturistAgent {

    private FuturistAgent() {
    }

    /**
     * Called by the JVM for {@code -javaagent:futurist-agent.jar[=options]}.
     *
     * @param options         {@code k=v,k=v}; see the README
     * @param instrumentation the JVM's instrumentation
     */
    public static void premain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, false);
    }

    /**
     * Called by the JVM when the agent is loaded into a running JVM.
     *
     * @param options         {@code k=v,k=v}; see the README
     * @param instrumentation the JVM's instrumentation
     */
    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, true);
    }

    /**
     * The API jar's module. On the module path the application class loader takes
     * {@code io.futurist} and {@code io.futurist.internal} from that module, for the agent's own
     * classes too: they would meet a second kernel, whose {@code internal} package is not even
     * exported to them, instead of the bootstrap one the JDK's executors report to.
     */
    static final String API_MODULE = "io.futurist";

    /** The option that {@code futurist-agent.jar detach <pid>} sends instead of options. */
    static final String DETACH = "detach";

    private static synchronized void start(String optionText, Instrumentation instrumentation, boolean attached) {
        if (attached && DETACH.equals(optionText)) {
            try {
                if (BootstrapJar.isInstalled()) {
                    AgentRuntime.stop();
                } else {
                    System.err.println("futurist: the agent is not active in this JVM; nothing to detach");
                }
            } catch (Throwable failure) {
                System.err.println("futurist: could not detach (" + failure + "); the application is not affected");
            }
            return;
        }
        AgentOptions options;
        try {
            options = AgentOptions.parse(optionText);
        } catch (IllegalArgumentException invalid) {
            System.err.println("futurist: " + invalid.getMessage() + "; the agent is disabled, the application runs without it");
            return;
        }
        if (ModuleLayer.boot().findModule(API_MODULE).isPresent()) {
            System.err.println("futurist: the API jar is on the module path (module " + API_MODULE + "), where the agent"
                    + " cannot share it; put futurist-api.jar on the class path, or leave it out (the agent brings"
                    + " the API); the application runs without the agent");
            return;
        }
        try {
            BootstrapJar.install(instrumentation);
            AgentRuntime.start(options, instrumentation, attached);
        } catch (Throwable failure) {
            System.err.println("futurist: could not start (" + failure + "); the application runs without the agent");
        }
    }
}
