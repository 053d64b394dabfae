package io.futurist.agent.cli;

import java.lang.instrument.Instrumentation;

/**
 * The jar's {@code Launcher-Agent-Class}: when the command line runs ({@code java -jar
 * futurist-agent.jar ...}), the JVM hands it the instrumentation of the command line's own
 * JVM, which the {@code cache} command needs to see the JDK's classes as a transformer sees
 * them. It only keeps the reference; nothing is instrumented here.
 */
public final class LauncherInstrumentation {

    private static volatile Instrumentation instrumentation;

    private LauncherInstrumentation() {
    }

    /**
     * Called by the JVM before {@link FuturistCli#main}.
     *
     * @param options         unused
     * @param inst            this JVM's instrumentation
     */
    public static void agentmain(String options, Instrumentation inst) {
        instrumentation = inst;
    }

    /** This JVM's instrumentation, or {@code null} when the command line was not started with {@code -jar}. */
    static Instrumentation get() {
        return instrumentation;
    }
}
