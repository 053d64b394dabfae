package io.futurist.agent.instrument;

import java.lang.reflect.Method;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One independent piece of instrumentation: a JDK class, the methods it touches and what it
 * does to them. A class's hooks are applied together, and one by one only if that fails,
 * because one failing visitor spoils the whole pass: a hook that does not fit this JDK then
 * costs only its own statistics.
 */
final class Hook {

    private final String description;
    private final String className;
    private final AsmVisitorWrapper visitor;

    private Hook(String description, String className, AsmVisitorWrapper visitor) {
        this.description = description;
        this.className = className;
        this.visitor = visitor;
    }

    /** Advice applied to the methods {@code methods} of {@code className}. */
    static Hook advice(String description, String className, Class<?> advice,
                       ElementMatcher<? super MethodDescription> methods) {
        return new Hook(description, className, net.bytebuddy.asm.Advice.to(advice).on(methods));
    }

    /** Calls swapped for probe calls inside the methods {@code within} selects of {@code className}. */
    static Hook calls(String description, String className, ElementMatcher<? super MethodDescription> within,
                      CallSiteSwap... swaps) {
        return new Hook(description, className, CallSiteSwap.inside(within, swaps));
    }

    /**
     * The public method {@code name(parameters)} of {@code probe}, for a call-site swap; the
     * probes are part of this agent, so a missing one is a build error.
     */
    static Method probe(Class<?> probe, String name, Class<?>... parameters) {
        try {
            return probe.getMethod(name, parameters);
        } catch (NoSuchMethodException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The JDK class {@code className} (not initialised), or {@code null} when this JDK has none. */
    static Class<?> find(String className) {
        try {
            return Class.forName(className, false, null);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
    }

    String description() {
        return description;
    }

    String className() {
        return className;
    }

    AsmVisitorWrapper visitor() {
        return visitor;
    }

    @Override
    public String toString() {
        return description;
    }
}
