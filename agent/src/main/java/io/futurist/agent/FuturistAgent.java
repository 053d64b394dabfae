package io.futurist.agent;

import java.lang.instrument.Instrumentation;

/** Entry point of the agent (placeholder). */
public final class FuturistAgent {
    private FuturistAgent() {
    }

    /** Called for {@code -javaagent}. */
    public static void premain(String options, Instrumentation instrumentation) {
        System.err.println("futurist: agent stub, no instrumentation yet");
    }

    /** Called on dynamic attach. */
    public static void agentmain(String options, Instrumentation instrumentation) {
        premain(options, instrumentation);
    }
}
